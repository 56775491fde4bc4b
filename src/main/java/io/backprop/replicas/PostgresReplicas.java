package io.backprop.replicas;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Replicas on one PostgreSQL: a network's row is locked with {@code SELECT … FOR UPDATE}; announcements are
 * {@code pg_notify} calls, delivered by PostgreSQL on commit to every replica's listening connection; a job is held by
 * a session-level advisory lock on a connection of this process's own, which PostgreSQL releases when the process dies.
 */
final class PostgresReplicas implements Replicas, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PostgresReplicas.class);
    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration RECONNECT = Duration.ofSeconds(1);

    private final JdbcClient jdbc;
    private final Connections connections;
    private final Map<Topic, List<Consumer<String>>> listeners = new ConcurrentHashMap<>();
    private final List<Runnable> missed = new CopyOnWriteArrayList<>();
    private final Thread listening;
    private final Object leaseGuard = new Object();
    private Connection lease;
    private volatile boolean closed;
    private boolean listenedBefore;

    /** How this process opens its own connections to the server, outside the pool. */
    interface Connections {
        Connection open() throws SQLException;
    }

    PostgresReplicas(JdbcClient jdbc, Connections connections) {
        this.jdbc = jdbc;
        this.connections = connections;
        this.listening = new Thread(this::listenLoop, "replica-notifications");
        this.listening.setDaemon(true);
    }

    /** Opens the listening connection and starts delivering announcements. */
    void start() {
        listening.start();
    }

    static Connections driver(String url, String user, String password) {
        return () -> user == null ? DriverManager.getConnection(url) : DriverManager.getConnection(url, user, password);
    }

    @Override
    public boolean shared() {
        return true;
    }

    @Override
    public long lockNetwork(String id) {
        return jdbc.sql("SELECT version FROM networks WHERE id = ? FOR UPDATE").param(id).query(Long.class).optional().orElse(-1L);
    }

    @Override
    public void lockLimits() {
        jdbc.sql("SELECT pg_advisory_xact_lock(hashtextextended('backprop.limits', 0))").query().singleRow();
    }

    @Override
    public void announce(Topic topic, String payload) {
        jdbc.sql("SELECT pg_notify(?, ?)").params(topic.channel(), payload).query().singleRow();
    }

    @Override
    public void listen(Topic topic, Consumer<String> listener) {
        listeners.computeIfAbsent(topic, any -> new CopyOnWriteArrayList<>()).add(listener);
    }

    @Override
    public void onMissed(Runnable listener) {
        missed.add(listener);
    }

    @Override
    public boolean tryHoldJob(String jobId) {
        return advisory("SELECT pg_try_advisory_lock(hashtextextended(?, 0))", jobId);
    }

    @Override
    public boolean holdsJob(String jobId) {
        return advisory("""
                SELECT EXISTS (SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND granted AND pid = pg_backend_pid()
                AND objsubid = 1 AND ((classid::bigint << 32) | objid::bigint) = hashtextextended(?, 0))""", jobId);
    }

    @Override
    public void releaseJob(String jobId) {
        advisory("SELECT pg_advisory_unlock(hashtextextended(?, 0))", jobId);
    }

    @Override
    public String skipLocked() {
        return " FOR UPDATE SKIP LOCKED";
    }

    /**
     * Runs an advisory-lock function on the lease connection. When that connection is lost, every hold it had is gone
     * with it (PostgreSQL released them): the call answers false and the next opens a new connection.
     */
    private boolean advisory(String sql, String jobId) {
        synchronized (leaseGuard) {
            try {
                if (lease == null || lease.isClosed()) {
                    lease = connections.open();
                    lease.setAutoCommit(true);
                }
                try (PreparedStatement statement = lease.prepareStatement(sql)) {
                    statement.setString(1, jobId);
                    try (ResultSet result = statement.executeQuery()) {
                        return result.next() && result.getBoolean(1);
                    }
                }
            } catch (SQLException lost) {
                LOG.warn("The connection holding this replica's job locks failed: {}", lost.getMessage());
                closeQuietly(lease);
                lease = null;
                return false;
            }
        }
    }

    private void listenLoop() {
        while (!closed) {
            try (Connection connection = connections.open()) {
                try (Statement statement = connection.createStatement()) {
                    for (Topic topic : Topic.values()) {
                        statement.execute("LISTEN " + topic.channel());
                    }
                }
                if (listenedBefore) {
                    missed.forEach(Runnable::run);
                }
                listenedBefore = true;
                PGConnection notifications = connection.unwrap(PGConnection.class);
                while (!closed) {
                    PGNotification[] arrived = notifications.getNotifications((int) POLL.toMillis());
                    if (arrived != null) {
                        for (PGNotification notification : arrived) {
                            deliver(notification);
                        }
                    }
                }
            } catch (SQLException lost) {
                if (!closed) {
                    LOG.warn("Listening for other replicas' changes failed ({}); reconnecting", lost.getMessage());
                    pause();
                }
            }
        }
    }

    private void deliver(PGNotification notification) {
        for (Topic topic : Topic.values()) {
            if (topic.channel().equals(notification.getName())) {
                for (Consumer<String> listener : listeners.getOrDefault(topic, List.of())) {
                    try {
                        listener.accept(notification.getParameter());
                    } catch (RuntimeException failure) {
                        LOG.error("A listener of {} failed on {}", topic, notification.getParameter(), failure);
                    }
                }
            }
        }
    }

    private void pause() {
        try {
            Thread.sleep(RECONNECT.toMillis());
        } catch (InterruptedException stop) {
            Thread.currentThread().interrupt();
            closed = true;
        }
    }

    @Override
    public void close() {
        closed = true;
        listening.interrupt();
        synchronized (leaseGuard) {
            closeQuietly(lease);
            lease = null;
        }
    }

    private static void closeQuietly(Connection connection) {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                LOG.debug("Closing a replica connection failed", ignored);
            }
        }
    }
}
