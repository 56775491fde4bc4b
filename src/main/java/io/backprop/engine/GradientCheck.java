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

    public static GradientCheckResult run(Network network, INDArray x, INDArray y, double epsilon) {
        Network probe = network.copy(Precision.FLOAT64);
        INDArray x64 = x.castTo(DataType.DOUBLE);
        INDArray y64 = y.castTo(DataType.DOUBLE);
        Workspace ws = probe.workspace((int) x.rows());
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
