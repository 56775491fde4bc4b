package io.backprop.network;

import io.backprop.engine.Network;
import io.backprop.engine.Trainer;
import io.backprop.engine.optim.Regimen;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

/**
 * One held network with its trainer, optimizer and counters. Readers (predict, evaluate, dry runs)
 * share the lock; writers (train, applied backprop, parameter replacement) hold it alone.
 */
final class NetworkSession {

    private final String id;
    private final String name;
    private final Network network;
    private final Trainer trainer;
    private final InitSpec init;
    private final Instant createdAt;
    private final ReadWriteLock lock = new ReentrantReadWriteLock(true);
    private volatile TrainingConfig config;
    private volatile Regimen regimen;
    private volatile Counters counters;
    private final AtomicReference<String> job = new AtomicReference<>();
    private final Deque<EpochRecord> history = new ArrayDeque<>();
    private final int maxHistory;

    NetworkSession(String id, String name, Network network, InitSpec init, TrainingConfig config, Instant now, int maxHistory) {
        this.id = id;
        this.name = name;
        this.network = network;
        this.trainer = new Trainer(network);
        this.init = init;
        this.config = config;
        this.regimen = config.regimen();
        this.createdAt = now;
        this.counters = Counters.start(now);
        this.maxHistory = maxHistory;
    }

    /** Marks the network as trained by {@code jobId}; false when another job has it. */
    boolean claim(String jobId) {
        return job.compareAndSet(null, jobId);
    }

    void release(String jobId) {
        job.compareAndSet(jobId, null);
    }

    /** The job training this network, or null. */
    String job() {
        return job.get();
    }

    /** Appends epochs to the history, dropping the oldest beyond its limit. Under the write lock. */
    void recordEpochs(List<EpochRecord> epochs) {
        synchronized (history) {
            for (EpochRecord epoch : epochs) {
                history.addLast(epoch);
                if (history.size() > maxHistory) {
                    history.removeFirst();
                }
            }
        }
    }

    List<EpochRecord> history() {
        synchronized (history) {
            return List.copyOf(history);
        }
    }

    <T> T read(Supplier<T> action) {
        lock.readLock().lock();
        try {
            return action.get();
        } finally {
            lock.readLock().unlock();
        }
    }

    <T> T write(Supplier<T> action) {
        lock.writeLock().lock();
        try {
            return action.get();
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** The regimen a call configured as {@code next} trains with: a copy, so that a failed call can be discarded. Under the write lock. */
    Regimen regimenFor(TrainingConfig next) {
        return next.continuing(config, regimen);
    }

    /** Records a successful training call and makes its configuration and regimen the network's. Under the write lock. */
    void trained(TrainingConfig next, Regimen trained, long epochs, long steps, long samples, double loss) {
        config = next;
        regimen = trained;
        counters = counters.plus(epochs, steps, samples, loss, Instant.now());
    }

    /** Makes {@code next} the training configuration. Under the write lock. */
    void reconfigured(TrainingConfig next) {
        regimen = regimenFor(next);
        config = next;
        counters = counters.touched(Instant.now());
    }

    /** Records one step of a job, whose regimen is now the network's. Under the write lock. */
    void jobStep(Regimen current, long samples) {
        regimen = current;
        counters = counters.stepped(samples, Instant.now());
    }

    /** Records a job's epoch and its configuration. Under the write lock. */
    void jobEpoch(TrainingConfig jobConfig, Regimen current, double loss) {
        config = jobConfig;
        regimen = current;
        counters = counters.plus(1, 0, 0, loss, Instant.now());
    }

    /** Puts back the regimen of an earlier moment (a job's last completed epoch). Under the write lock. */
    void regimenRestored(Regimen earlier) {
        regimen = earlier;
    }

    /** Records one plain-SGD step applied outside the optimizer (a backprop call). Under the write lock. */
    void stepApplied(long samples, double loss) {
        counters = counters.plus(0, 1, samples, loss, Instant.now());
    }

    /** Records parameters replaced from outside; optimizer state starts afresh. Under the write lock. */
    void parametersReplaced() {
        regimen = config.regimen();
        counters = counters.touched(Instant.now());
    }

    String id() {
        return id;
    }

    String name() {
        return name;
    }

    Network network() {
        return network;
    }

    Trainer trainer() {
        return trainer;
    }

    InitSpec init() {
        return init;
    }

    Instant createdAt() {
        return createdAt;
    }

    TrainingConfig config() {
        return config;
    }

    /** The current regimen; read it under the lock. */
    Regimen regimen() {
        return regimen;
    }

    Counters counters() {
        return counters;
    }
}
