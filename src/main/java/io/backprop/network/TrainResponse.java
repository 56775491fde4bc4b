package io.backprop.network;

import io.swagger.v3.oas.annotations.media.Schema;

@Schema(description = "What a train call did.")
record TrainResponse(
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED) int epochs,
        @Schema(description = "Parameter updates (mini-batches).", requiredMode = Schema.RequiredMode.REQUIRED) long steps,
        @Schema(description = "Rows processed: rows × epochs.", requiredMode = Schema.RequiredMode.REQUIRED) long samples,
        @Schema(description = "Per epoch, the mean of its mini-batch losses, each computed in the forward pass before its update.",
                requiredMode = Schema.RequiredMode.REQUIRED) double[] lossHistory,
        @Schema(description = "The last epoch's value of lossHistory.", requiredMode = Schema.RequiredMode.REQUIRED) double loss,
        @Schema(description = "Per epoch, the learning rate of its first step.", requiredMode = Schema.RequiredMode.REQUIRED)
        double[] learningRateHistory,
        @Schema(description = "The learning rate the next step will use.", requiredMode = Schema.RequiredMode.REQUIRED)
        double learningRate,
        @Schema(description = "With clipping: the global L2 norm of the last step's gradients, before clipping.")
        Double gradientNorm,
        @Schema(description = "With clipping: per epoch, the mean gradient norm before clipping.")
        double[] gradientNormHistory,
        @Schema(description = "Wall time of the training, milliseconds.", requiredMode = Schema.RequiredMode.REQUIRED) long durationMs,
        @Schema(description = "samples / duration.", requiredMode = Schema.RequiredMode.REQUIRED) double samplesPerSecond) {
}
