package io.backprop.engine;

import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Compares backpropagation's gradients with central differences (L(p + ε) − L(p − ε)) / 2ε,
 * on a float64 copy of the network, so the network itself never changes. The relative error of
 * one parameter is |analytic − numeric| / max(|analytic|, |numeric|, 1e-8).
 */
public final class GradientCheck {

    private static final double SMALLEST_SCALE = 1e-8;

    private GradientCheck() {
    }

    /**
     * A float64 copy of a network with a workspace and input and target rows for it, reusable by checks of
     * {@code m} rows of that network, one at a time.
     */
    public static final class Probe {

        private final Network network;
        private final Workspace ws;
        private final INDArray x;
        private final INDArray y;

        public Probe(Network of, int m) {
            network = of.copy(Precision.FLOAT64);
            ws = network.workspace(m);
            x = Nd4j.createUninitialized(DataType.DOUBLE, m, of.inputs());
            y = Nd4j.createUninitialized(DataType.DOUBLE, m, of.outputs());
        }

        /** Takes the parameters of {@code source} (the network it copies) and the rows x, y, widened to float64. */
        private void load(Network source, INDArray rows, INDArray targets) {
            for (int l = 0; l < source.layers().size(); l++) {
                DenseLayer from = source.layers().get(l);
                DenseLayer to = network.layers().get(l);
                to.weights().assign(from.weights());
                if (from.hasBias()) {
                    to.biases().assign(from.biases());
                }
            }
            x.assign(rows);
            y.assign(targets);
        }
    }

    public static GradientCheckResult run(Network network, INDArray x, INDArray y, double epsilon) {
        return run(network, x, y, epsilon, new Probe(network, (int) x.rows()));
    }

    /** As {@link #run(Network, INDArray, INDArray, double)} on a probe of this network made for x's rows. */
    public static GradientCheckResult run(Network network, INDArray x, INDArray y, double epsilon, Probe check) {
        check.load(network, x, y);
        Network probe = check.network;
        INDArray x64 = check.x;
        INDArray y64 = check.y;
        Workspace ws = check.ws;
        probe.forward(x64, ws);
        probe.backward(x64, y64, ws);

        List<LayerCheck> layers = new ArrayList<>();
        double maxRelativeError = 0;
        for (int l = 0; l < probe.layers().size(); l++) {
            DenseLayer layer = probe.layers().get(l);
            INDArray weightGradient = ws.weightGradient(l).dup();
            INDArray biasGradient = layer.hasBias() ? ws.biasGradient(l).dup() : null;
            INDArray numericWeightGradient = numeric(probe, layer.weights(), x64, y64, ws, epsilon);
            INDArray numericBiasGradient = layer.hasBias() ? numeric(probe, layer.biases(), x64, y64, ws, epsilon) : null;
            double error = relativeError(weightGradient, numericWeightGradient);
            if (layer.hasBias()) {
                error = Math.max(error, relativeError(biasGradient, numericBiasGradient));
            }
            maxRelativeError = Math.max(maxRelativeError, error);
            layers.add(new LayerCheck(weightGradient, numericWeightGradient, biasGradient, numericBiasGradient, error));
        }
        return new GradientCheckResult(epsilon, maxRelativeError, layers);
    }

    /** ∂L/∂p by central differences, one element of {@code parameter} at a time (restored after). */
    private static INDArray numeric(Network probe, INDArray parameter, INDArray x, INDArray y,
                                    Workspace ws, double epsilon) {
        INDArray gradient = Nd4j.create(DataType.DOUBLE, parameter.shape());
        for (long i = 0; i < parameter.length(); i++) {
            double original = parameter.getDouble(i);
            parameter.putScalar(i, original + epsilon);
            double lossPlus = lossAt(probe, x, y, ws);
            parameter.putScalar(i, original - epsilon);
            double lossMinus = lossAt(probe, x, y, ws);
            parameter.putScalar(i, original);
            gradient.putScalar(i, (lossPlus - lossMinus) / (2 * epsilon));
        }
        return gradient;
    }

    private static double lossAt(Network probe, INDArray x, INDArray y, Workspace ws) {
        probe.forward(x, ws);
        return probe.loss(y, ws);
    }

    private static double relativeError(INDArray analytic, INDArray numeric) {
        double max = 0;
        for (long i = 0; i < analytic.length(); i++) {
            double a = analytic.getDouble(i);
            double n = numeric.getDouble(i);
            double scale = Math.max(Math.max(Math.abs(a), Math.abs(n)), SMALLEST_SCALE);
            max = Math.max(max, Math.abs(a - n) / scale);
        }
        return max;
    }
}
