package io.backprop.engine;

import io.backprop.engine.optim.Sgd;
import java.util.ArrayList;
import java.util.List;
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
        Workspace ws = network.workspace((int) x.rows());
        network.forward(x, ws);
        double loss = network.backward(x, y, ws);
        List<INDArray> before = network.snapshot();
        List<Parameter> target = apply ? ws.parameters() : copies(ws.parameters());
        new Sgd(learningRate).step(target);

        List<LayerStep> layers = new ArrayList<>();
        int p = 0;
        for (int l = 0; l < network.layers().size(); l++) {
            boolean bias = network.layers().get(l).hasBias();
            INDArray weights = before.get(p);
            INDArray updatedWeights = target.get(p++).value().dup();
            INDArray biases = bias ? before.get(p) : null;
            INDArray updatedBiases = bias ? target.get(p++).value().dup() : null;
            layers.add(new LayerStep(ws.z(l), ws.a(l), ws.delta(l), weights, biases,
                    ws.weightGradient(l), ws.biasGradient(l), updatedWeights, updatedBiases));
        }
        return new StepTrace(loss, ws.output(), learningRate, apply, layers);
    }

    private static List<Parameter> copies(List<Parameter> parameters) {
        return parameters.stream().map(p -> new Parameter(p.value().dup(), p.gradient(), p.kernels())).toList();
    }
}
