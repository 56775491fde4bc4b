package io.backprop.datasets;

import java.time.Instant;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A held data set: inputs x [samples, inputs] and targets y [samples, outputs], after scaling and
 * standardisation. {@code classCounts} is {@code null} unless the targets came from class labels,
 * {@code classNames} unless those labels were names (it gives them in class order);
 * {@code standardization} is {@code null} unless the inputs were standardised.
 */
public record Dataset(String id, String name, INDArray x, INDArray y, long[] classCounts, List<String> classNames, Double scale,
                      Standardization standardization, Instant createdAt) {

    public long samples() {
        return x.rows();
    }

    public int inputs() {
        return (int) x.columns();
    }

    public int outputs() {
        return (int) y.columns();
    }

    /** Bytes held by the matrices. */
    public long bytes() {
        return x.length() * x.dataType().width() + y.length() * y.dataType().width();
    }

    /** The per-column statistics inputs were standardised with: x' = (x/scale − mean) / std. */
    public record Standardization(double[] mean, double[] std) {
    }
}
