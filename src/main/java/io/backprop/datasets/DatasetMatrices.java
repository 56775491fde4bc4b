package io.backprop.datasets;

import java.util.function.Supplier;
import org.nd4j.linalg.api.ndarray.INDArray;

/** A data set's matrices: held since the upload, or read from the store the first time they are needed. */
public final class DatasetMatrices {

    private final Supplier<INDArray[]> loader;
    private volatile INDArray[] held;

    private DatasetMatrices(INDArray[] held, Supplier<INDArray[]> loader) {
        this.held = held;
        this.loader = loader;
    }

    static DatasetMatrices held(INDArray x, INDArray y) {
        return new DatasetMatrices(new INDArray[] {x, y}, null);
    }

    /** Matrices that {@code loader} reads ({x, y}) on first use; a failed read is tried again on the next use. */
    static DatasetMatrices stored(Supplier<INDArray[]> loader) {
        return new DatasetMatrices(null, loader);
    }

    INDArray x() {
        return matrices()[0];
    }

    INDArray y() {
        return matrices()[1];
    }

    private INDArray[] matrices() {
        INDArray[] matrices = held;
        if (matrices == null) {
            synchronized (this) {
                if (held == null) {
                    held = loader.get();
                }
                matrices = held;
            }
        }
        return matrices;
    }
}
