package io.backprop.network;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotNull;

@Schema(description = "One layer's parameters in PyTorch nn.Linear layout.")
record LayerParameters(
        @Schema(description = "W, shape [units][fanIn]; weights[j][i] connects input i to unit j.",
                example = "[[0.15, 0.2], [0.25, 0.3]]", requiredMode = Schema.RequiredMode.REQUIRED)
        @NotNull double[][] weights,
        @Schema(description = "b, one per unit; absent for a layer without bias.", example = "[0.35, 0.35]")
        double[] biases) {
}
