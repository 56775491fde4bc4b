package io.backprop.network;

import io.backprop.engine.Activation;
import io.backprop.engine.GradientCheckResult;
import io.backprop.engine.LayerCheck;
import io.backprop.engine.LayerStep;
import io.backprop.engine.Matrices;
import io.backprop.engine.Network;
import io.backprop.engine.StepTrace;
import io.backprop.state.Counters;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Maps engine objects to the JSON records of the API. */
final class Descriptions {

    private Descriptions() {
    }

    static NetworkDescription of(NetworkSession session) {
        Network network = session.network();
        Counters counters = session.counters();
        return new NetworkDescription(session.id(), session.name(), network.inputs(),
                network.layers().stream().map(l -> new LayerDescription(l.units(), l.activation(), l.hasBias())).toList(),
                network.loss(), network.precision(), session.init(), session.config().optimizer(), session.config().schedule(),
                session.config().clip(), network.parameterCount(), bytes(session),
                session.createdAt(), session.updatedAt(), counters.epochsTrained(), counters.stepsTrained(),
                counters.samplesSeen(), counters.lastLoss());
    }

    /** Bytes of the parameters and of the optimizer's buffers (momentum, moments) for them. */
    static long bytes(NetworkSession session) {
        long bytes = 0;
        for (var layer : session.network().layers()) {
            bytes += layer.weights().length() * layer.weights().dataType().width();
            if (layer.hasBias()) {
                bytes += layer.biases().length() * layer.biases().dataType().width();
            }
        }
        return bytes + session.regimen().optimizer().state().values().stream().flatMap(buffers -> buffers.values().stream())
                .mapToLong(array -> array.length() * array.dataType().width()).sum();
    }

    static ParametersBody parameters(Network network) {
        return new ParametersBody(network.layers().stream()
                .map(l -> new LayerParameters(Matrices.toRows(l.weights()), vector(l.biases()))).toList());
    }

    static PredictResponse prediction(double[][] rows, Network network) {
        int[] classes = network.outputLayer().activation() == Activation.SOFTMAX ? argMax(rows) : null;
        return new PredictResponse(rows, classes);
    }

    /** The index of the largest value of each row (the first one on ties). */
    private static int[] argMax(double[][] rows) {
        int[] indices = new int[rows.length];
        for (int i = 0; i < rows.length; i++) {
            for (int j = 1; j < rows[i].length; j++) {
                if (rows[i][j] > rows[i][indices[i]]) {
                    indices[i] = j;
                }
            }
        }
        return indices;
    }

    static BackpropResponse trace(StepTrace trace) {
        return new BackpropResponse(trace.loss(), Matrices.toRows(trace.output()), trace.learningRate(), trace.applied(),
                trace.layers().stream().map(Descriptions::layer).toList());
    }

    private static LayerTrace layer(LayerStep step) {
        return new LayerTrace(Matrices.toRows(step.z()), Matrices.toRows(step.a()), Matrices.toRows(step.delta()),
                Matrices.toRows(step.weights()), vector(step.biases()),
                Matrices.toRows(step.weightGradient()), vector(step.biasGradient()),
                Matrices.toRows(step.updatedWeights()), vector(step.updatedBiases()));
    }

    static GradientCheckResponse gradientCheck(GradientCheckResult result) {
        return new GradientCheckResponse(result.epsilon(), result.maxRelativeError(), result.layers().stream()
                .map(Descriptions::layerCheck).toList());
    }

    private static GradientCheckResponse.LayerGradientCheck layerCheck(LayerCheck check) {
        return new GradientCheckResponse.LayerGradientCheck(Matrices.toRows(check.weightGradient()),
                Matrices.toRows(check.numericWeightGradient()), vector(check.biasGradient()),
                vector(check.numericBiasGradient()), check.maxRelativeError());
    }

    private static double[] vector(INDArray rowVector) {
        return rowVector == null ? null : Matrices.toVector(rowVector);
    }
}
