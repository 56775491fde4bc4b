package io.backprop.datasets;

import java.time.Instant;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A data set: inputs x [samples, inputs] and targets y [samples, outputs] of {@code dtype}, after scaling and
 * standardisation, held in memory or read from the store on first use. {@code classCounts} is {@code null} unless the
 * targets came from class labels, {@code classNames} unless those labels were names (it gives them in class order);
 * {@code standardization} is {@code null} unless the inputs were standardised.
 */
public record Dataset(String id, String name, long samples, int inputs, int outputs, DataType dtype, long[] classCounts,
                      List<String> classNames, Double scale, Standardization standardization, Instant createdAt,
                      DatasetMatrices matrices) {

    public INDArray x() {
        return matrices.x();
    }

    public INDArray y() {
        return matrices.y();
    }

    /** Bytes held by the matrices. */
    public long bytes() {
        return samples * (inputs + outputs) * dtype.width();
    }

    /** The per-column statistics inputs were standardised with: x' = (x/scale − mean) / std. */
    public record Standardization(double[] mean, double[] std) {
    }
}
