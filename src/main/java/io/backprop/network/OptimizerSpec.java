package io.backprop.network;

import io.backprop.engine.optim.Optimizer;
import io.backprop.engine.optim.Sgd;
import io.backprop.web.Finite;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

@Schema(description = "The optimizer: `sgd` updates p −= learningRate · ∂L/∂p once per mini-batch.")
record OptimizerSpec(
        @Schema(description = "Update rule.", example = "sgd", requiredMode = Schema.RequiredMode.REQUIRED)
        @NotNull OptimizerType type,
        @Schema(description = "Learning rate η, > 0.", example = "0.5", defaultValue = "0.1")
        @Finite @Positive Double learningRate) {

    static final double DEFAULT_LEARNING_RATE = 0.1;

    static OptimizerSpec defaults() {
        return new OptimizerSpec(OptimizerType.SGD, DEFAULT_LEARNING_RATE);
    }

    /** This configuration with every omitted field at its default. */
    OptimizerSpec completed() {
        return new OptimizerSpec(type, learningRate == null ? DEFAULT_LEARNING_RATE : learningRate);
    }

    Optimizer create() {
        return switch (type) {
            case SGD -> new Sgd(learningRate);
        };
    }
}
