package io.backprop.training;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;
import org.springframework.http.ProblemDetail;

@Schema(description = "A training job as it stands.")
@JsonInclude(JsonInclude.Include.NON_NULL)
record JobView(
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED) String id,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED) String networkId,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED) String datasetId,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED) JobStatus status,
        @Schema(description = "Share of the planned steps done, 0 to 1.", requiredMode = Schema.RequiredMode.REQUIRED) double progress,
        @Schema(description = "Epochs completed.", requiredMode = Schema.RequiredMode.REQUIRED) int epoch,
        @Schema(description = "Planned epochs.", requiredMode = Schema.RequiredMode.REQUIRED) int epochs,
        @Schema(description = "Steps completed.", requiredMode = Schema.RequiredMode.REQUIRED) long step,
        @Schema(description = "Planned steps.", requiredMode = Schema.RequiredMode.REQUIRED) long steps,
        @Schema(description = "Training rows per second so far.") Double samplesPerSecond,
        @Schema(description = "Estimated seconds to the last planned step.") Double etaSeconds,
        @Schema(description = "Per epoch: loss, valLoss, valAccuracy, learningRate, durationMs.", requiredMode = Schema.RequiredMode.REQUIRED)
        List<JobEpoch> history,
        @Schema(description = "The epoch with the best monitored value (with early stopping or validation).") Integer bestEpoch,
        @Schema(description = "Whether early stopping ended the job.", requiredMode = Schema.RequiredMode.REQUIRED) boolean stoppedEarly,
        @Schema(description = "Why the job failed, as a problem detail.") ProblemDetail error,
        @Schema(description = "The completed epoch the job last went on from after the service restarted; absent when it "
                + "never restarted.") Integer resumedFromEpoch,
        @Schema(description = "How many times the job went on after the service restarted in its middle.",
                requiredMode = Schema.RequiredMode.REQUIRED) int restarts,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED) Instant createdAt,
        Instant startedAt,
        Instant finishedAt) {
}
