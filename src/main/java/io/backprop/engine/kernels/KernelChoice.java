package io.backprop.engine.kernels;

import org.nd4j.linalg.api.buffer.DataType;

/**
 * Which kernels run each operation on batches of m rows of one type: plain Java where the work
 * is smaller than a native call's fixed cost, ND4J and BLAS otherwise. Asked once
 * per set of buffers (a workspace, a prediction), never per operation.
 */
public final class KernelChoice {

    /** The most multiply-adds of a layer's products, or elements of an element-wise step, done in Java. */
    public static final long MAX_JAVA_WORK = 4096;

    /** The most outputs a loss is computed over in Java: a loss takes a dozen ND4J calls. */
    public static final long MAX_JAVA_LOSS = 8192;

    /**
     * The most rows a prediction computes row by row in Java ({@link RowKernels}): from about four
     * rows on, BLAS's packing of W pays for itself.
     */
    public static final int MAX_JAVA_PREDICTION_ROWS = 2;

    private static final Kernels JAVA = new JavaKernels();

    private final int rows;
    private final DataType type;
    private Kernels blas;

    private KernelChoice(int rows, DataType type) {
        this.rows = rows;
        this.type = type;
    }

    /** For training, evaluating and predicting batches of {@code rows} rows. */
    public static KernelChoice forBatches(int rows, DataType type) {
        return new KernelChoice(rows, type);
    }

    /** The kernels of a dense layer's products: forward, gradients and propagation. */
    public Kernels products(int fanIn, int units) {
        return (long) rows * fanIn * units <= MAX_JAVA_WORK ? java() : blas();
    }

    /** The kernels of an activation over {@code units} units per row, forward and backward. */
    public Kernels activation(int units) {
        return (long) rows * units <= MAX_JAVA_WORK ? java() : blas();
    }

    /** The kernels of a loss over {@code outputs} outputs per row, the output layer's backward pass included. */
    public Kernels loss(int outputs) {
        return (long) rows * outputs <= MAX_JAVA_LOSS ? java() : blas();
    }

    /** The kernels of an optimizer's updates of a parameter of {@code length} elements. */
    public Kernels updates(long length) {
        return length <= MAX_JAVA_WORK ? java() : blas();
    }

    private Kernels java() {
        return Elements.holdsReals(type) ? JAVA : blas();
    }

    private Kernels blas() {
        if (blas == null) {
            blas = new BlasKernels(rows, type);
        }
        return blas;
    }
}
