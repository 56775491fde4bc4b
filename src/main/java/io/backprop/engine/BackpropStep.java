package io.backprop.engine;

import io.backprop.engine.optim.Parameter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One plain-SGD step with every intermediate value kept, as a textbook worked example prints it:
 * forward values, node errors, gradients and the updated parameters.
 */
public final class BackpropStep {

    private BackpropStep() {
    }

    /**
     * Runs forward and backward on x [m, inputs] against y [m, outputs] and computes
     * p − learningRate · ∂L/∂p for every parameter; writes it into the network only when {@code apply}.
     */
    public static StepTrace run(Network network, INDArray x, INDArray y, double learningRate, boolean apply) {
        return run(network, network.workspace((int) x.rows()), new StepBuffers(network), x, y, learningRate, apply);
    }

    /**
     * As {@link #run(Network, INDArray, INDArray, double, boolean)}, in the given workspace (of x's rows) and step
     * buffers of this network: the trace's arrays are theirs, valid until they are used again.
     */
    public static StepTrace run(Network network, Workspace ws, StepBuffers buffers, INDArray x, INDArray y,
                                double learningRate, boolean apply) {
        network.forward(x, ws);
        double loss = network.backward(x, y, ws);
        Map<String, Parameter> parameters = new HashMap<>();
        ws.parameters().forEach(parameter -> parameters.put(parameter.key(), parameter));
        List<LayerStep> layers = new ArrayList<>();
        for (int l = 0; l < network.layers().size(); l++) {
            DenseLayer layer = network.layers().get(l);
            INDArray weights = buffers.weights[l].assign(layer.weights());
            INDArray biases = layer.hasBias() ? buffers.biases[l].assign(layer.biases()) : null;
            INDArray updatedWeights = updated(weights, ws.weightGradient(l), learningRate,
                    parameters.get(Parameter.weightKey(l)), buffers.updatedWeights[l]);
            INDArray updatedBiases = layer.hasBias() ? updated(biases, ws.biasGradient(l), learningRate,
                    parameters.get(Parameter.biasKey(l)), buffers.updatedBiases[l]) : null;
            layers.add(new LayerStep(ws.z(l), ws.a(l), ws.delta(l), weights, biases,
                    ws.weightGradient(l), ws.biasGradient(l), updatedWeights, updatedBiases));
        }
        if (apply) {
            for (int l = 0; l < layers.size(); l++) {
                network.layers().get(l).weights().assign(layers.get(l).updatedWeights());
                if (network.layers().get(l).hasBias()) {
                    network.layers().get(l).biases().assign(layers.get(l).updatedBiases());
                }
            }
        }
        return new StepTrace(loss, ws.output(), learningRate, apply, layers);
    }

    /** next ← p − learningRate · g, on the kernels the optimizer would update p on; returns next. */
    private static INDArray updated(INDArray p, INDArray g, double learningRate, Parameter parameter, INDArray next) {
        next.assign(p);
        parameter.kernels().axpy(-learningRate, g, next);
        return next;
    }
}
