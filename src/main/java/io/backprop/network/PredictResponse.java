package io.backprop.network;

import io.swagger.v3.oas.annotations.media.Schema;

@Schema(description = "The network's outputs ŷ, one row per input row.")
record PredictResponse(
        @Schema(example = "[[0.7513650695523157, 0.7729284653214625]]", requiredMode = Schema.RequiredMode.REQUIRED)
        double[][] outputs,
        @Schema(description = "For a softmax output: the index of the largest output per row.")
        int[] classes) {
}
