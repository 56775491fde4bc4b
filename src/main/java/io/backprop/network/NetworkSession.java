package io.backprop.network;

import io.backprop.engine.Network;
import io.backprop.engine.Predictor;
import io.backprop.engine.Trainer;
import io.backprop.engine.kernels.KernelChoice;
import io.backprop.engine.optim.Regimen;
import io.backprop.optimizer.TrainingConfig;
import io.backprop.state.Counters;
import io.backprop.state.LayerTensors;
import io.backprop.state.NetworkState;
import java.lang.ref.SoftReference;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

/**
 * One held network with its trainer, training configuration, regimen and counters, and the
 * metadata outside its state: id, owner (null in local mode), creation and last change. Readers
 * (predict, evaluate, dry runs, {@link #state()}) share the lock; writers (train, applied backprop,
 * parameter replacement, {@link #restore}) hold it alone. A row or two are predicted through a
 * {@link Predictor} made after the last writer left, kept until the next one (softly: the heap may
 * reclaim it, and the next prediction makes another).
 */
public final class NetworkSession {

    private final String id;
    private final String owner;
    private final String name;
    private final Network network;
    private final Trainer trainer;
    private final ScratchPool scratch;
    private final InitSpec init;
    private final Instant createdAt;
    private final ReadWriteLock lock = new ReentrantReadWriteLock(true);
    private volatile TrainingConfig config;
    private volatile Regimen regimen;
    private volatile Counters counters;
    private volatile Instant updatedAt;
    private volatile long version;
    private final AtomicReference<String> job = new AtomicReference<>();
    private final Deque<EpochRecord> history = new ArrayDeque<>();
    private final int maxHistory;
    private volatile long writes;
    private volatile SoftReference<HeldPredictor> predictor = new SoftReference<>(null);

    /** {@code init} is null for a network that was not initialised here (one made from a state). */
    NetworkSession(String id, String owner, String name, Network network, InitSpec init, TrainingConfig config, Regimen regimen,
                   Counters counters, Instant createdAt, Instant updatedAt, int maxHistory) {
        this.id = id;
        this.owner = owner;
        this.name = name;
        this.network = network;
        this.trainer = new Trainer(network);
        this.scratch = new ScratchPool(network);
        this.init = init;
        this.config = config;
        this.regimen = regimen;
        this.counters = counters;
        this.createdAt = createdAt;
        this.updatedAt = updatedAt;
        this.maxHistory = maxHistory;
    }

    /** A consistent copy of the network's whole state, taken under the read lock. */
    public NetworkState state() {
        return read(() -> SessionStates.capture(name, network, config, regimen, counters));
    }

    /**
     * Puts {@code state} in place under the write lock: parameters, training configuration, optimizer
     * and schedule state, counters. Fails with {@link IllegalArgumentException}, changing nothing,
     * when its spec is not this network's.
     */
    public void restore(NetworkState state) {
        write(() -> {
            SessionStates.requireSameShape(state, network);
            Regimen restored = SessionStates.regimen(state.training());
            SessionStates.writeParameters(state.layers(), network);
            config = SessionStates.config(state.training());
            regimen = restored;
            counters = state.counters();
            updatedAt = Instant.now();
            return null;
        });
    }

    public String id() {
        return id;
    }

    /** The owner's name, or null in local mode. */
    public String owner() {
        return owner;
    }

    public Instant createdAt() {
        return createdAt;
    }

    /** Last change of parameters or configuration. */
    public Instant updatedAt() {
        return updatedAt;
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

    /** Appends epochs to the history; {@link #trimHistory} drops the oldest beyond its limit. Under the write lock. */
    void recordEpochs(List<EpochRecord> epochs) {
        synchronized (history) {
            history.addAll(epochs);
        }
    }

    /** Drops the oldest epochs beyond the history's limit. */
    void trimHistory() {
        synchronized (history) {
            while (history.size() > maxHistory) {
                history.removeFirst();
            }
        }
    }

    /** The first epoch {@link #trimHistory} will keep, or 0 when it has nothing to drop. */
    long firstEpochKept() {
        synchronized (history) {
            if (history.size() <= maxHistory) {
                return 0;
            }
            Iterator<EpochRecord> epochs = history.iterator();
            for (int dropped = history.size() - maxHistory; dropped > 0; dropped--) {
                epochs.next();
            }
            return epochs.next().epoch();
        }
    }

    /** The epochs after epoch {@code after}, oldest first. */
    List<EpochRecord> epochsAfter(long after) {
        synchronized (history) {
            Deque<EpochRecord> newer = new ArrayDeque<>();
            for (Iterator<EpochRecord> epochs = history.descendingIterator(); epochs.hasNext(); ) {
                EpochRecord epoch = epochs.next();
                if (epoch.epoch() <= after) {
                    break;
                }
                newer.addFirst(epoch);
            }
            return List.copyOf(newer);
        }
    }

    /** The number of the last epoch in the history, or 0. */
    long lastEpoch() {
        synchronized (history) {
            return history.isEmpty() ? 0 : history.getLast().epoch();
        }
    }

    /**
     * Puts the network back exactly as an earlier {@link #state()} with its {@code updatedAt} and its history up to
     * epoch {@code lastEpoch}: a change the store did not take is undone. Under the write lock.
     */
    void revert(NetworkState earlier, Instant earlierUpdatedAt, long lastEpoch) {
        rollBack(earlier);
        counters = earlier.counters();
        updatedAt = earlierUpdatedAt;
        synchronized (history) {
            history.removeIf(epoch -> epoch.epoch() > lastEpoch);
        }
    }

    /**
     * Takes the state, last change, history and version the store holds in place of this copy's, which another
     * replica's change made stale. Under the write lock.
     */
    void reload(NetworkState stored, Instant storedUpdatedAt, List<EpochRecord> storedHistory, long storedVersion) {
        rollBack(stored);
        counters = stored.counters();
        updatedAt = storedUpdatedAt;
        synchronized (history) {
            history.clear();
            history.addAll(storedHistory);
        }
        trimHistory();
        version = storedVersion;
    }

    /** The store's count of this network's writes. */
    long version() {
        return version;
    }

    void stored(long newVersion) {
        version = newVersion;
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
            writes++;
            lock.writeLock().unlock();
        }
    }

    /** ŷ [m][outputs] for x [m][inputs] (rectangular, finite), under the read lock. */
    double[][] predict(double[][] x) {
        return read(() -> x.length <= KernelChoice.MAX_JAVA_PREDICTION_ROWS ? predictor().predict(x) : network.predict(x));
    }

    /** ŷ [rows × outputs] for x [rows × inputs], both flat and row-major (finite values), under the read lock. */
    double[] predict(double[] x, int rows) {
        if (rows > KernelChoice.MAX_JAVA_PREDICTION_ROWS) {
            int inputs = network.inputs();
            double[][] batch = new double[rows][];
            for (int i = 0; i < rows; i++) {
                batch[i] = Arrays.copyOfRange(x, i * inputs, (i + 1) * inputs);
            }
            double[][] outputs = predict(batch);
            double[] flat = new double[rows * network.outputs()];
            for (int i = 0; i < rows; i++) {
                System.arraycopy(outputs[i], 0, flat, i * network.outputs(), network.outputs());
            }
            return flat;
        }
        return read(() -> predictor().predict(x, rows));
    }

    /** The predictor of the parameters as they are since the last write; under the read lock. */
    private Predictor predictor() {
        HeldPredictor held = predictor.get();
        if (held == null || held.writes() != writes) {
            held = new HeldPredictor(writes, Predictor.of(network));
            predictor = new SoftReference<>(held);
        }
        return held.predictor();
    }

    /** A predictor and the number of writes the network had seen when it was made. */
    private record HeldPredictor(long writes, Predictor predictor) {
    }

    /** The regimen a call configured as {@code next} trains with: a copy, so that a failed call can be discarded. Under the write lock. */
    Regimen regimenFor(TrainingConfig next) {
        return next.continuing(config, regimen);
    }

    /** Records a successful training call and makes its configuration and regimen the network's. Under the write lock. */
    void trained(TrainingConfig next, Regimen trained, long epochs, long steps, long samples, double loss) {
        config = next;
        regimen = trained;
        changed(counters.plus(epochs, steps, samples, loss));
    }

    /** Makes {@code next} the training configuration. Under the write lock. */
    void reconfigured(TrainingConfig next) {
        regimen = regimenFor(next);
        config = next;
        changed(counters);
    }

    /** Records one step of a job, whose regimen is now the network's. Under the write lock. */
    void jobStep(Regimen current, long samples) {
        regimen = current;
        changed(counters.stepped(samples));
    }

    /** Records a job's epoch and its configuration. Under the write lock. */
    void jobEpoch(TrainingConfig jobConfig, Regimen current, double loss) {
        config = jobConfig;
        regimen = current;
        changed(counters.plus(1, 0, 0, loss));
    }

    /** Records one plain-SGD step applied outside the optimizer (a backprop call). Under the write lock. */
    void stepApplied(long samples, double loss) {
        changed(counters.plus(0, 1, samples, loss));
    }

    /** Records parameters replaced from outside; optimizer state starts afresh. Under the write lock. */
    void parametersReplaced() {
        regimen = config.regimen();
        changed(counters);
    }

    /** A copy of the parameters, under the read lock. */
    List<LayerTensors> parameters() {
        return read(() -> SessionStates.parameters(network));
    }

    /** Writes back parameters taken from this network, leaving everything else as it is. Under the write lock. */
    void putParameters(List<LayerTensors> parameters) {
        SessionStates.writeParameters(parameters, network);
    }

    /**
     * Puts back the parameters and the training configuration and state of an earlier {@link #state()}
     * of this network, keeping the counters (a job's last completed epoch). Under the write lock.
     */
    void rollBack(NetworkState earlier) {
        Regimen restored = SessionStates.regimen(earlier.training());
        SessionStates.writeParameters(earlier.layers(), network);
        config = SessionStates.config(earlier.training());
        regimen = restored;
    }

    private void changed(Counters next) {
        counters = next;
        updatedAt = Instant.now();
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

    /** Buffers for requests that compute without training: predictions, evaluations, traced steps, gradient checks. */
    ScratchPool scratch() {
        return scratch;
    }

    /** The initialisation used, or null for a network made from a state. */
    InitSpec init() {
        return init;
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
