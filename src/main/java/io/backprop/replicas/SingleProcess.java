package io.backprop.replicas;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * One process on the store (SQLite): its transactions take the database's single write lock when they begin, so
 * changes are serialised already; announcements reach this process's listeners after the commit; job holds are
 * kept in memory.
 */
final class SingleProcess implements Replicas {

    private final JdbcClient jdbc;
    private final Map<Topic, List<Consumer<String>>> listeners = new ConcurrentHashMap<>();
    private final Set<String> heldJobs = ConcurrentHashMap.newKeySet();

    SingleProcess(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public boolean shared() {
        return false;
    }

    @Override
    public long lockNetwork(String id) {
        return jdbc.sql("SELECT version FROM networks WHERE id = ?").param(id).query(Long.class).optional().orElse(-1L);
    }

    @Override
    public void lockLimits() {
    }

    @Override
    public void announce(Topic topic, String payload) {
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                listeners.getOrDefault(topic, List.of()).forEach(listener -> listener.accept(payload));
            }
        });
    }

    @Override
    public void listen(Topic topic, Consumer<String> listener) {
        listeners.computeIfAbsent(topic, any -> new CopyOnWriteArrayList<>()).add(listener);
    }

    @Override
    public void onMissed(Runnable listener) {
    }

    @Override
    public boolean tryHoldJob(String jobId) {
        return heldJobs.add(jobId);
    }

    @Override
    public boolean holdsJob(String jobId) {
        return heldJobs.contains(jobId);
    }

    @Override
    public void releaseJob(String jobId) {
        heldJobs.remove(jobId);
    }

    @Override
    public String skipLocked() {
        return "";
    }
}
