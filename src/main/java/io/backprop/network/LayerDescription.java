package io.backprop.network;

import io.backprop.engine.Activation;
import io.swagger.v3.oas.annotations.media.Schema;

@Schema(description = "A layer's shape, without its parameters.")
record LayerDescription(
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED) int units,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED) Activation activation,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED) boolean bias) {
}
