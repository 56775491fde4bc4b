package io.backprop.network;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotEmpty;

@Schema(description = "Rows to predict.")
record PredictRequest(
        @Schema(description = "One row per sample, each as long as the network's input size.", example = "[[0.05, 0.1]]",
                requiredMode = Schema.RequiredMode.REQUIRED)
        @NotEmpty double[][] inputs) {
}
