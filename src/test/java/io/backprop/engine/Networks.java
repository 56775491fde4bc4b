package io.backprop.engine;

import io.backprop.engine.optim.Regimen;
import io.backprop.engine.optim.Schedule;
import io.backprop.engine.optim.Sgd;
import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Builds the worked examples' networks for tests. */
final class Networks {

    private Networks() {
    }

    /** Plain SGD at a constant rate, no clipping. */
    static Regimen sgd(double learningRate) {
        return new Regimen(new Sgd(learningRate), Schedule.constant(), Regimen.Unit.EPOCH, null, 0);
    }

    /** Copies of every parameter array, in layer order (W, then b). */
    static List<INDArray> parameters(Network network) {
        List<INDArray> copies = new ArrayList<>();
        for (DenseLayer layer : network.layers()) {
            copies.add(layer.weights().dup());
            if (layer.hasBias()) {
                copies.add(layer.biases().dup());
            }
        }
        return copies;
    }

    /** The 2-2-2 sigmoid network of the Mazur worked example. */
    static Network mazur(Precision precision) {
        return new Network(2, List.of(
                layer(new double[][] {{0.15, 0.20}, {0.25, 0.30}}, new double[] {0.35, 0.35}, Activation.SIGMOID, precision),
                layer(new double[][] {{0.40, 0.45}, {0.50, 0.55}}, new double[] {0.60, 0.60}, Activation.SIGMOID, precision)),
                Loss.MSE, precision);
    }

    static DenseLayer layer(double[][] weights, double[] biases, Activation activation, Precision precision) {
        return new DenseLayer(Matrices.fromRows(weights, precision),
                biases == null ? null : Matrices.rowVector(biases, precision), activation);
    }

    /** A network of seeded random parameters: sizes[0] inputs, then one layer per further size. */
    static Network random(long seed, int[] sizes, Activation[] activations, boolean bias, Loss loss, Precision precision) {
        Initializer initializer = new Initializer(new InitSettings(InitScheme.XAVIER_NORMAL, seed, 0, 1, 1));
        List<DenseLayer> layers = new ArrayList<>();
        for (int l = 1; l < sizes.length; l++) {
            var biases = bias ? Matrices.rowVector(randomRow(seed + l, sizes[l]), precision) : null;
            layers.add(new DenseLayer(initializer.weights(l - 1, sizes[l], sizes[l - 1], precision), biases, activations[l - 1]));
        }
        return new Network(sizes[0], layers, loss, precision);
    }

    static double[] randomRow(long seed, int length) {
        var random = new java.util.SplittableRandom(seed);
        double[] row = new double[length];
        for (int i = 0; i < length; i++) {
            row[i] = random.nextDouble(-0.5, 0.5);
        }
        return row;
    }

    static double[][] randomRows(long seed, int rows, int columns) {
        double[][] values = new double[rows][];
        for (int i = 0; i < rows; i++) {
            values[i] = randomRow(seed * 31 + i, columns);
        }
        return values;
    }
}
