package io.backprop.network;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

@Schema(description = "A backpropagation step in full, layer by layer from the first hidden layer.")
record BackpropResponse(
        @Schema(description = "L before the step.", example = "0.298371108760003", requiredMode = Schema.RequiredMode.REQUIRED) double loss,
        @Schema(description = "ŷ before the step.", requiredMode = Schema.RequiredMode.REQUIRED) double[][] outputs,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED) double learningRate,
        @Schema(description = "Whether the network now holds the updated parameters.", requiredMode = Schema.RequiredMode.REQUIRED) boolean applied,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED) List<LayerTrace> layers) {
}
