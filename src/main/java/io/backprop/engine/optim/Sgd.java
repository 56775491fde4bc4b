package io.backprop.engine.optim;

import io.backprop.engine.Parameter;
import java.util.List;
import org.nd4j.linalg.factory.Nd4j;

/** Plain stochastic gradient descent: p −= learningRate · ∂L/∂p. */
public final class Sgd implements Optimizer {

    private final double learningRate;

    public Sgd(double learningRate) {
        this.learningRate = learningRate;
    }

    @Override
    public void step(List<Parameter> parameters) {
        for (Parameter parameter : parameters) {
            Nd4j.getBlasWrapper().level1().axpy(parameter.value().length(), -learningRate,
                    parameter.gradient(), parameter.value()); // p −= lr · g
        }
    }

    @Override
    public double learningRate() {
        return learningRate;
    }
}
