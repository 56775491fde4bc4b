package io.backprop.engine.kernels;

import org.nd4j.linalg.factory.Nd4j;

/**
 * The number of threads the native BLAS splits a matrix product over.
 *
 * <p>ND4J takes {@code OMP_NUM_THREADS} for both its own element-wise kernels and BLAS. The service
 * starts with {@code OMP_NUM_THREADS=1}, so element-wise work stays on the calling thread (no
 * OpenMP threads spinning between calls), and then gives the matrix products, which carry almost
 * all of a training step's arithmetic, the threads set here.
 */
public final class BlasThreads {

    /** The threads set last, or 0 before the first {@link #use}. */
    private static volatile int threads;

    private BlasThreads() {
    }

    /** Runs every later matrix product on up to {@code threads} threads (≥ 1). */
    public static void use(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("BLAS needs at least one thread, got " + threads);
        }
        Nd4j.factory().blas().setMaxThreads(threads);
        BlasThreads.threads = threads;
    }

    /** The threads a matrix product may use now. */
    public static int current() {
        int set = threads;
        return set > 0 ? set : Nd4j.factory().blas().getMaxThreads();
    }
}
