package io.backprop.network;

import io.backprop.engine.Network;
import io.backprop.engine.Trainer;
import io.backprop.engine.optim.Optimizer;
import java.time.Instant;
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
    private volatile OptimizerSpec optimizerSpec;
    private Optimizer optimizer;
    private volatile Counters counters;

    NetworkSession(String id, String name, Network network, InitSpec init, OptimizerSpec optimizerSpec, Instant now) {
        this.id = id;
        this.name = name;
        this.network = network;
        this.trainer = new Trainer(network);
        this.init = init;
        this.optimizerSpec = optimizerSpec;
        this.optimizer = optimizerSpec.create();
        this.createdAt = now;
        this.counters = Counters.start(now);
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

    /** The optimizer a call with {@code spec} trains with: the current one (state continues) when unchanged. Under the write lock. */
    Optimizer optimizerFor(OptimizerSpec spec) {
        return spec.equals(optimizerSpec) ? optimizer : spec.create();
    }

    /** Records a successful training call and makes its optimizer the network's. Under the write lock. */
    void trained(OptimizerSpec spec, Optimizer used, long epochs, long steps, long samples, double loss) {
        optimizerSpec = spec;
        optimizer = used;
        counters = counters.plus(epochs, steps, samples, loss, Instant.now());
    }

    /** Records one plain-SGD step applied outside the optimizer (a backprop call). Under the write lock. */
    void stepApplied(long samples, double loss) {
        counters = counters.plus(0, 1, samples, loss, Instant.now());
    }

    /** Records parameters replaced from outside; optimizer state starts afresh. Under the write lock. */
    void parametersReplaced() {
        optimizer = optimizerSpec.create();
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

    OptimizerSpec optimizerSpec() {
        return optimizerSpec;
    }

    Counters counters() {
        return counters;
    }
}
