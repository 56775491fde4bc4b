package io.backprop.engine;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;

/**
 * The forward pass of a few rows (single-sample predictions) in plain Java, reading the
 * parameters in their own native buffers: no native call and no native allocation per request.
 * A BLAS product of one row packs the whole weight matrix before it multiplies (about 50 µs for
 * 784 × 128 here), and ND4J allocates every array natively; four dot products at a time over the
 * weights' rows read them once (about 20 µs). Sums run in the network's precision, as BLAS's do.
 */
final class RowForward {

    /** The most rows predicted here; from about four rows on, BLAS's packing pays for itself. */
    static final int MAX_ROWS = 2;

    private RowForward() {
    }

    /** Whether {@code rows} rows of this network are predicted here rather than in ND4J. */
    static boolean suits(Network network, int rows) {
        if (rows > MAX_ROWS) {
            return false;
        }
        for (DenseLayer layer : network.layers()) {
            if (!Elements.reachable(layer.weights()) || (layer.hasBias() && !Elements.reachable(layer.biases()))) {
                return false;
            }
        }
        return true;
    }

    /** ŷ [m][outputs] for x [m][inputs], each row computed on its own. */
    static double[][] predict(Network network, double[][] x) {
        double[][] outputs = new double[x.length][];
        for (int i = 0; i < x.length; i++) {
            outputs[i] = network.precision() == Precision.FLOAT32 ? rowInFloat(network, x[i]) : rowInDouble(network, x[i]);
        }
        return outputs;
    }

    private static double[] rowInFloat(Network network, double[] x) {
        float[] aPrev = new float[x.length];
        for (int p = 0; p < x.length; p++) {
            aPrev[p] = (float) x[p];
        }
        for (DenseLayer layer : network.layers()) {
            float[] z = denseFloat(layer, aPrev);
            double[] a = activate(layer.activation(), z);
            for (int j = 0; j < z.length; j++) {
                z[j] = (float) a[j];
            }
            aPrev = z;
        }
        double[] output = new double[aPrev.length];
        for (int j = 0; j < aPrev.length; j++) {
            output[j] = aPrev[j];
        }
        return output;
    }

    private static double[] rowInDouble(Network network, double[] x) {
        double[] aPrev = x;
        for (DenseLayer layer : network.layers()) {
            double[] z = denseDouble(layer, aPrev);
            aPrev = activate(layer.activation(), z);
        }
        return aPrev;
    }

    /** z = W · aPrev + b for one row, in float: W [n, k] read four rows at a time. */
    private static float[] denseFloat(DenseLayer layer, float[] aPrev) {
        int n = layer.units();
        int k = layer.fanIn();
        FloatBuffer w = layer.weights().data().asNioFloat();
        int base = (int) layer.weights().offset();
        float[] z = new float[n];
        int j = 0;
        for (; j + 3 < n; j += 4) {
            int r0 = base + j * k;
            int r1 = r0 + k;
            int r2 = r1 + k;
            int r3 = r2 + k;
            float s0 = 0;
            float s1 = 0;
            float s2 = 0;
            float s3 = 0;
            for (int p = 0; p < k; p++) {
                float xp = aPrev[p];
                s0 += w.get(r0 + p) * xp;
                s1 += w.get(r1 + p) * xp;
                s2 += w.get(r2 + p) * xp;
                s3 += w.get(r3 + p) * xp;
            }
            z[j] = s0;
            z[j + 1] = s1;
            z[j + 2] = s2;
            z[j + 3] = s3;
        }
        for (; j < n; j++) {
            int r = base + j * k;
            float s = 0;
            for (int p = 0; p < k; p++) {
                s += w.get(r + p) * aPrev[p];
            }
            z[j] = s;
        }
        if (layer.hasBias()) {
            FloatBuffer b = layer.biases().data().asNioFloat();
            int bBase = (int) layer.biases().offset();
            for (j = 0; j < n; j++) {
                z[j] += b.get(bBase + j);
            }
        }
        return z;
    }

    /** z = W · aPrev + b for one row, in double: W [n, k] read four rows at a time. */
    private static double[] denseDouble(DenseLayer layer, double[] aPrev) {
        int n = layer.units();
        int k = layer.fanIn();
        DoubleBuffer w = layer.weights().data().asNioDouble();
        int base = (int) layer.weights().offset();
        double[] z = new double[n];
        int j = 0;
        for (; j + 3 < n; j += 4) {
            int r0 = base + j * k;
            int r1 = r0 + k;
            int r2 = r1 + k;
            int r3 = r2 + k;
            double s0 = 0;
            double s1 = 0;
            double s2 = 0;
            double s3 = 0;
            for (int p = 0; p < k; p++) {
                double xp = aPrev[p];
                s0 += w.get(r0 + p) * xp;
                s1 += w.get(r1 + p) * xp;
                s2 += w.get(r2 + p) * xp;
                s3 += w.get(r3 + p) * xp;
            }
            z[j] = s0;
            z[j + 1] = s1;
            z[j + 2] = s2;
            z[j + 3] = s3;
        }
        for (; j < n; j++) {
            int r = base + j * k;
            double s = 0;
            for (int p = 0; p < k; p++) {
                s += w.get(r + p) * aPrev[p];
            }
            z[j] = s;
        }
        if (layer.hasBias()) {
            DoubleBuffer b = layer.biases().data().asNioDouble();
            int bBase = (int) layer.biases().offset();
            for (j = 0; j < n; j++) {
                z[j] += b.get(bBase + j);
            }
        }
        return z;
    }

    /** a = f(z) for one row (float32 values widened), as {@link JavaKernels} computes it. */
    private static double[] activate(Activation f, float[] z) {
        double[] wide = new double[z.length];
        for (int j = 0; j < z.length; j++) {
            wide[j] = z[j];
        }
        return activate(f, wide);
    }

    /** a = f(z) for one row, in place. */
    private static double[] activate(Activation f, double[] z) {
        if (f != Activation.SOFTMAX) {
            for (int j = 0; j < z.length; j++) {
                z[j] = JavaKernels.value(f, z[j]);
            }
            return z;
        }
        double max = Double.NEGATIVE_INFINITY;
        for (double v : z) {
            max = Math.max(max, v);
        }
        double sum = 0;
        for (int j = 0; j < z.length; j++) {
            z[j] = Math.exp(z[j] - max);
            sum += z[j];
        }
        for (int j = 0; j < z.length; j++) {
            z[j] /= sum;
        }
        return z;
    }
}
