package io.backprop.network;

import java.util.List;

/** The update rules a network can train with, and the optional fields each one takes. */
public enum OptimizerType {
    SGD(0.1, List.of("momentum", "dampening", "nesterov", "weightDecay")),
    ADAM(0.001, List.of("beta1", "beta2", "epsilon", "weightDecay", "amsgrad")),
    ADAMW(0.001, List.of("beta1", "beta2", "epsilon", "weightDecay", "amsgrad")),
    RMSPROP(0.01, List.of("alpha", "epsilon", "momentum", "centered", "weightDecay")),
    ADAGRAD(0.01, List.of("lrDecay", "initialAccumulatorValue", "epsilon", "weightDecay"));

    private final double defaultLearningRate;
    private final List<String> fields;

    OptimizerType(double defaultLearningRate, List<String> fields) {
        this.defaultLearningRate = defaultLearningRate;
        this.fields = fields;
    }

    double defaultLearningRate() {
        return defaultLearningRate;
    }

    /** Fields besides {@code type} and {@code learningRate} that this optimizer takes. */
    List<String> fields() {
        return fields;
    }

    @Override
    public String toString() {
        return name().toLowerCase();
    }
}
