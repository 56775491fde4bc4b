package io.backprop.training;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;

@Schema(description = "One epoch of a job.")
@JsonInclude(JsonInclude.Include.NON_NULL)
record JobEpoch(
        @Schema(description = "1-based epoch of the job.", requiredMode = Schema.RequiredMode.REQUIRED) int epoch,
        @Schema(description = "Mean of the epoch's mini-batch losses.", requiredMode = Schema.RequiredMode.REQUIRED) double loss,
        @Schema(description = "Loss on the validation data after the epoch.") Double valLoss,
        @Schema(description = "Accuracy on the validation data after the epoch (classifiers).") Double valAccuracy,
        @Schema(description = "Learning rate of the epoch's first step.", requiredMode = Schema.RequiredMode.REQUIRED) double learningRate,
        @Schema(description = "Wall time of the epoch, milliseconds.", requiredMode = Schema.RequiredMode.REQUIRED) long durationMs) {
}
