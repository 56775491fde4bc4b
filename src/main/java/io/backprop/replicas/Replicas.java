package io.backprop.replicas;

import java.util.function.Consumer;

/**
 * The store as several replicas share it. {@link #lockNetwork} and {@link #announce} run inside a store transaction
 * ({@code StoreTransactions}); listeners run on one background thread and must not block for long.
 */
public interface Replicas {

    /** Whether other processes may share the store, so that what this one holds in memory can go stale. */
    boolean shared();

    /**
     * Locks the network's row until the transaction ends, so that changes to one network are serialised across
     * replicas, and answers its stored version, or -1 when the network is not stored.
     */
    long lockNetwork(String id);

    /** Locks what counts toward the service's global limits until the transaction ends: one creation at a time. */
    void lockLimits();

    /** Tells every replica's listeners of {@code topic}, this one's too, once the transaction commits. */
    void announce(Topic topic, String payload);

    /** Calls {@code listener} with the payload of every announcement of {@code topic}. */
    void listen(Topic topic, Consumer<String> listener);

    /** Calls {@code listener} when announcements may have been missed (the connection they arrive on was lost). */
    void onMissed(Runnable listener);

    /**
     * Holds the job for this process until {@link #releaseJob} or until the process dies; false when another process
     * (or this one) holds it already.
     */
    boolean tryHoldJob(String jobId);

    /**
     * Whether this process still holds the job: false once the hold is gone without {@link #releaseJob} (on PostgreSQL,
     * when the connection that held it was lost, so that another replica may have taken the job).
     */
    boolean holdsJob(String jobId);

    /** Gives up the hold {@link #tryHoldJob} took. */
    void releaseJob(String jobId);

    /** The clause that locks the rows a query selects, skipping rows another transaction has locked ("" when one process). */
    String skipLocked();
}
