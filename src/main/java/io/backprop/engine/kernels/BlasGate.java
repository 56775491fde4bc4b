package io.backprop.engine.kernels;

import java.util.concurrent.locks.ReentrantLock;

/**
 * Lets one call at a time use OpenBLAS's threads. OpenBLAS splits a large call over all its threads, whichever thread
 * calls; two such calls at once, on as many cores as OpenBLAS has threads, leave their threads spinning against each
 * other and run far slower than the two one after the other would. So a call large enough to be split waits here
 * for the one before it; a call OpenBLAS runs on the caller's thread alone, and every call while OpenBLAS has one
 * thread, goes ahead at once. Callers pair {@link #enter} with {@link #exit} in a finally block.
 */
public final class BlasGate {

    /** Products of fewer multiply-adds (m · n · k) OpenBLAS 0.3.19 computes on the calling thread alone. */
    static final long SPLIT_PRODUCT_WORK = 4L * 65_536;

    /** Vectors of at most this many elements OpenBLAS 0.3.19 runs on the calling thread alone (axpy, dot). */
    static final long SPLIT_VECTOR_LENGTH = 10_000;

    private static final ReentrantLock THREADS = new ReentrantLock();

    private BlasGate() {
    }

    /** Before a product of m·n·k multiply-adds; true when it holds the threads and must {@link #exit}. */
    static boolean enterProduct(long m, long n, long k) {
        return enter(m * n * k >= SPLIT_PRODUCT_WORK);
    }

    /** Before a vector operation of {@code length} elements; true when it holds the threads and must {@link #exit}. */
    static boolean enterVector(long length) {
        return enter(length > SPLIT_VECTOR_LENGTH);
    }

    static void exit(boolean entered) {
        if (entered) {
            THREADS.unlock();
        }
    }

    /** Whether a thread is waiting for OpenBLAS's threads now. */
    public static boolean othersWaiting() {
        return THREADS.hasQueuedThreads();
    }

    private static boolean enter(boolean split) {
        if (!split || BlasThreads.current() == 1) {
            return false;
        }
        THREADS.lock();
        return true;
    }
}
