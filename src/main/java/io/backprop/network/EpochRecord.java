package io.backprop.network;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;

/** One epoch trained on a network, by a train call or a training job. */
@Schema(description = "One epoch trained on a network.")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EpochRecord(
        @Schema(description = "1-based epoch number over the network's whole life.", requiredMode = Schema.RequiredMode.REQUIRED)
        long epoch,
        @Schema(description = "Mean of the epoch's mini-batch losses.", requiredMode = Schema.RequiredMode.REQUIRED) double loss,
        @Schema(description = "Loss on the validation data after the epoch (jobs with validation).") Double valLoss,
        @Schema(description = "Accuracy on the validation data after the epoch (classifiers).") Double valAccuracy,
        @Schema(description = "Learning rate of the epoch's first step.", requiredMode = Schema.RequiredMode.REQUIRED) double learningRate,
        @Schema(description = "Wall time of the epoch's steps, milliseconds.", requiredMode = Schema.RequiredMode.REQUIRED) long durationMs,
        @Schema(description = "train (a synchronous call) or job.", requiredMode = Schema.RequiredMode.REQUIRED) String source,
        @Schema(description = "The job that trained it.") String jobId) {
}
