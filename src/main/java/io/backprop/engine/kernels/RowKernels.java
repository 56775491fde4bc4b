package io.backprop.engine.kernels;

import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The forward pass of one row on Java arrays, for predictions: a dense layer whose weights are
 * held fanIn-major (Wᵀ, one array of units per input, from {@link #transposedFloats} or
 * {@link #transposedDoubles}) and the activations, each writing over its input.
 *
 * <p>z = b + Σₚ aPrevₚ · Wᵀₚ adds whole scaled rows of Wᵀ over contiguous memory, which the JIT
 * turns into vector instructions (one array per row, so that no two rows can alias); four inputs
 * are added per pass over z, in index order. Each zⱼ is thus the same sum in the same order as
 * {@link JavaKernels#dense}'s: bit for bit in float64; in float32 the partial sums are float32, as
 * in BLAS's sgemm. The activations compute exactly what {@link JavaKernels} computes.
 */
public final class RowKernels {

    private RowKernels() {
    }

    /** Wᵀ [fanIn][units] of W [units, fanIn] (float32 or float64, any layout), rounded to float32. */
    public static float[][] transposedFloats(INDArray weights) {
        Elements w = new Elements(weights);
        float[][] transposed = new float[(int) weights.columns()][(int) weights.rows()];
        for (int j = 0; j < transposed[0].length; j++) {
            for (int p = 0; p < transposed.length; p++) {
                transposed[p][j] = (float) w.get(j, p);
            }
        }
        return transposed;
    }

    /** Wᵀ [fanIn][units] of W [units, fanIn] (float32 or float64, any layout). */
    public static double[][] transposedDoubles(INDArray weights) {
        Elements w = new Elements(weights);
        double[][] transposed = new double[(int) weights.columns()][(int) weights.rows()];
        for (int j = 0; j < transposed[0].length; j++) {
            for (int p = 0; p < transposed.length; p++) {
                transposed[p][j] = w.get(j, p);
            }
        }
        return transposed;
    }

    /** The values of b [1, units], rounded to float32; {@code null} for {@code null}. */
    public static float[] floats(INDArray biases) {
        return biases == null ? null : biases.toFloatVector();
    }

    /** The values of b [1, units]; {@code null} for {@code null}. */
    public static double[] doubles(INDArray biases) {
        return biases == null ? null : biases.toDoubleVector();
    }

    /** z[0, units) = aPrev[0, fanIn) · W + b, for Wᵀ [fanIn][units] and b [units] or {@code null}; writes z only. */
    public static void dense(float[] aPrev, float[][] weightsT, float[] biases, float[] z) {
        int k = weightsT.length;
        int n = weightsT[0].length;
        if (biases == null) {
            Arrays.fill(z, 0, n, 0f);
        } else {
            System.arraycopy(biases, 0, z, 0, n);
        }
        int p = 0;
        for (; p + 3 < k; p += 4) {
            float a0 = aPrev[p];
            float a1 = aPrev[p + 1];
            float a2 = aPrev[p + 2];
            float a3 = aPrev[p + 3];
            float[] w0 = weightsT[p];
            float[] w1 = weightsT[p + 1];
            float[] w2 = weightsT[p + 2];
            float[] w3 = weightsT[p + 3];
            for (int j = 0; j < n; j++) {
                z[j] = z[j] + a0 * w0[j] + a1 * w1[j] + a2 * w2[j] + a3 * w3[j];
            }
        }
        for (; p < k; p++) {
            float a = aPrev[p];
            float[] w = weightsT[p];
            for (int j = 0; j < n; j++) {
                z[j] += a * w[j];
            }
        }
    }

    /**
     * z[0, units) = aPrev[from, from + fanIn) · W + b, for Wᵀ [fanIn][units] and b [units] or {@code null};
     * writes z only.
     */
    public static void dense(double[] aPrev, int from, double[][] weightsT, double[] biases, double[] z) {
        int k = weightsT.length;
        int n = weightsT[0].length;
        if (biases == null) {
            Arrays.fill(z, 0, n, 0.0);
        } else {
            System.arraycopy(biases, 0, z, 0, n);
        }
        int p = 0;
        for (; p + 3 < k; p += 4) {
            double a0 = aPrev[from + p];
            double a1 = aPrev[from + p + 1];
            double a2 = aPrev[from + p + 2];
            double a3 = aPrev[from + p + 3];
            double[] w0 = weightsT[p];
            double[] w1 = weightsT[p + 1];
            double[] w2 = weightsT[p + 2];
            double[] w3 = weightsT[p + 3];
            for (int j = 0; j < n; j++) {
                z[j] = z[j] + a0 * w0[j] + a1 * w1[j] + a2 * w2[j] + a3 * w3[j];
            }
        }
        for (; p < k; p++) {
            double a = aPrev[from + p];
            double[] w = weightsT[p];
            for (int j = 0; j < n; j++) {
                z[j] += a * w[j];
            }
        }
    }

    /** z[0, n) = f(z[0, n)), rounded to float32. */
    public static void activate(ElementWise f, float[] z, int n) {
        switch (f) {
            case IDENTITY -> { }
            case RELU -> {
                for (int j = 0; j < n; j++) {
                    z[j] = z[j] > 0 ? z[j] : 0f;
                }
            }
            default -> {
                for (int j = 0; j < n; j++) {
                    z[j] = (float) f.value(z[j]);
                }
            }
        }
    }

    /** z[0, n) = f(z[0, n)). */
    public static void activate(ElementWise f, double[] z, int n) {
        switch (f) {
            case IDENTITY -> { }
            case RELU -> {
                for (int j = 0; j < n; j++) {
                    z[j] = z[j] > 0 ? z[j] : 0.0;
                }
            }
            default -> {
                for (int j = 0; j < n; j++) {
                    z[j] = f.value(z[j]);
                }
            }
        }
    }

    /** z[0, n) = softmax(z[0, n)) = exp(z − max z) / Σ exp(z − max z), in float64, each value rounded to float32 when stored. */
    public static void softmax(float[] z, int n) {
        double max = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < n; j++) {
            max = Math.max(max, z[j]);
        }
        double sum = 0;
        for (int j = 0; j < n; j++) {
            double e = Math.exp(z[j] - max);
            z[j] = (float) e;
            sum += e;
        }
        for (int j = 0; j < n; j++) {
            z[j] = (float) (z[j] / sum);
        }
    }

    /** z[0, n) = softmax(z[0, n)) = exp(z − max z) / Σ exp(z − max z). */
    public static void softmax(double[] z, int n) {
        double max = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < n; j++) {
            max = Math.max(max, z[j]);
        }
        double sum = 0;
        for (int j = 0; j < n; j++) {
            double e = Math.exp(z[j] - max);
            z[j] = e;
            sum += e;
        }
        for (int j = 0; j < n; j++) {
            z[j] = z[j] / sum;
        }
    }
}
