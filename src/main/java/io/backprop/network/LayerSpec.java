package io.backprop.network;

import io.backprop.engine.Activation;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

@Schema(description = "One dense layer: z = a_prev · Wᵀ + b, a = activation(z).")
record LayerSpec(
        @Schema(description = "Number of units (neurons); also the number of rows of `weights`.", example = "2",
                requiredMode = Schema.RequiredMode.REQUIRED)
        @NotNull @Positive Integer units,
        @Schema(description = "Activation f applied to z. `leaky_relu` has slope 0.01; `softmax` normalises each row.",
                example = "sigmoid", requiredMode = Schema.RequiredMode.REQUIRED)
        @NotNull Activation activation,
        @Schema(description = "Whether the layer has a bias b. `false` means no bias at all (and no `biases`).",
                defaultValue = "true")
        Boolean bias,
        @Schema(description = "Explicit weights W, shape [units][fanIn] (PyTorch nn.Linear layout): weights[j][i] connects "
                + "input i of the layer to unit j. Omit to initialise by `init`.", example = "[[0.15, 0.2], [0.25, 0.3]]")
        double[][] weights,
        @Schema(description = "Explicit biases b, one per unit. Omit to start at zero.", example = "[0.35, 0.35]")
        double[] biases) {

    boolean hasBias() {
        return bias == null || bias;
    }
}
