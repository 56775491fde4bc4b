package io.backprop.training;

import io.backprop.optimizer.ClipSpec;
import io.backprop.optimizer.OptimizerSpec;
import io.backprop.optimizer.ScheduleSpec;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Positive;

@Schema(description = "A training job: epochs over an uploaded data set in the background.")
record TrainingJobRequest(
        @Schema(description = "The training data set.", requiredMode = Schema.RequiredMode.REQUIRED) @NotBlank String datasetId,
        @Valid ValidationSpec validation,
        @Schema(description = "Passes over the training rows.", defaultValue = "1", example = "10") @Positive Integer epochs,
        @Schema(description = "Rows per mini-batch. Default: all rows.", example = "128") @Positive Integer batchSize,
        @Schema(description = "Reshuffle every epoch.", defaultValue = "false") Boolean shuffle,
        @Schema(description = "Seed of the shuffling; drawn when omitted.", example = "7") Long seed,
        @Valid OptimizerSpec optimizer,
        @Valid ScheduleSpec schedule,
        @Valid ClipSpec clip,
        @Valid EarlyStoppingSpec earlyStopping) {
}
