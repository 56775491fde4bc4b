package io.backprop.engine;

import io.backprop.engine.kernels.RowKernels;
import java.util.List;

/**
 * A network's parameters as they were when it was made, copied onto the Java heap for predicting
 * rows one at a time: each layer's weights fanIn-major, so that a row's forward pass runs as
 * vectorised {@link RowKernels} loops. In float64 the outputs equal {@link Network#predict}'s
 * matrix path bit for bit on a row or two; in float32 the sums are float32 ones.
 *
 * <p>Immutable and safe to use from many threads. It does not follow later changes of the
 * network's parameters: whoever changes them makes a new one. Each thread keeps its own buffers
 * for the activations, so a prediction allocates only its answer.
 */
public final class Predictor {

    private static final ThreadLocal<Buffers> BUFFERS = ThreadLocal.withInitial(Buffers::new);

    private final int inputs;
    private final int outputs;
    private final Rows rows;

    private Predictor(int inputs, int outputs, Rows rows) {
        this.inputs = inputs;
        this.outputs = outputs;
        this.rows = rows;
    }

    /** A copy of the network's parameters now; read them still (under the network's lock). */
    public static Predictor of(Network network) {
        List<DenseLayer> layers = network.layers();
        Activation[] activations = layers.stream().map(DenseLayer::activation).toArray(Activation[]::new);
        Rows rows;
        if (network.precision() == Precision.FLOAT32) {
            rows = new FloatRows(layers.stream().map(l -> RowKernels.transposedFloats(l.weights())).toArray(float[][][]::new),
                    layers.stream().map(l -> RowKernels.floats(l.biases())).toArray(float[][]::new), activations);
        } else {
            rows = new DoubleRows(layers.stream().map(l -> RowKernels.transposedDoubles(l.weights())).toArray(double[][][]::new),
                    layers.stream().map(l -> RowKernels.doubles(l.biases())).toArray(double[][]::new), activations);
        }
        return new Predictor(network.inputs(), network.outputs(), rows);
    }

    /** ŷ [rows × outputs] for x [rows × inputs], both flat and row-major; x must hold finite values. */
    public double[] predict(double[] x, int rowCount) {
        double[] y = new double[rowCount * outputs];
        Buffers buffers = BUFFERS.get();
        for (int i = 0; i < rowCount; i++) {
            rows.predict(x, i * inputs, y, i * outputs, buffers);
        }
        return y;
    }

    /** ŷ [m][outputs] for x [m][inputs] (rectangular, finite). */
    public double[][] predict(double[][] x) {
        double[][] y = new double[x.length][outputs];
        Buffers buffers = BUFFERS.get();
        for (int i = 0; i < x.length; i++) {
            rows.predict(x[i], 0, y[i], 0, buffers);
        }
        return y;
    }

    /** One row's forward pass in the network's precision. */
    private interface Rows {

        /** Writes ŷ of the row x[from, from + inputs) to y[to, to + outputs). */
        void predict(double[] x, int from, double[] y, int to, Buffers buffers);
    }

    /** Wᵀ [fanIn][units] and b [units] (or null) per layer, in float32. */
    private record FloatRows(float[][][] weightsT, float[][] biases, Activation[] activations) implements Rows {

        @Override
        public void predict(double[] x, int from, double[] y, int to, Buffers buffers) {
            int inputs = weightsT[0].length;
            float[] a = buffers.floats(0, inputs);
            for (int p = 0; p < inputs; p++) {
                a[p] = (float) x[from + p];
            }
            int units = 0;
            for (int l = 0; l < weightsT.length; l++) {
                units = weightsT[l][0].length;
                float[] z = buffers.floats(1 + l % 2, units);
                RowKernels.dense(a, weightsT[l], biases[l], z);
                activations[l].forward(z, units);
                a = z;
            }
            for (int j = 0; j < units; j++) {
                y[to + j] = a[j];
            }
        }
    }

    /** Wᵀ [fanIn][units] and b [units] (or null) per layer, in float64. */
    private record DoubleRows(double[][][] weightsT, double[][] biases, Activation[] activations) implements Rows {

        @Override
        public void predict(double[] x, int from, double[] y, int to, Buffers buffers) {
            double[] a = x;
            int offset = from;
            int units = 0;
            for (int l = 0; l < weightsT.length; l++) {
                units = weightsT[l][0].length;
                double[] z = buffers.doubles(l % 2, units);
                RowKernels.dense(a, offset, weightsT[l], biases[l], z);
                activations[l].forward(z, units);
                a = z;
                offset = 0;
            }
            System.arraycopy(a, 0, y, to, units);
        }
    }

    /** A thread's activation buffers, grown to the widest layer seen. */
    private static final class Buffers {

        private final float[][] floats = new float[3][0];
        private final double[][] doubles = new double[2][0];

        float[] floats(int slot, int length) {
            if (floats[slot].length < length) {
                floats[slot] = new float[length];
            }
            return floats[slot];
        }

        double[] doubles(int slot, int length) {
            if (doubles[slot].length < length) {
                doubles[slot] = new double[length];
            }
            return doubles[slot];
        }
    }
}
