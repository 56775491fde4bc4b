package io.backprop.interop;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.backprop.optimizer.ClipSpec;
import io.backprop.optimizer.OptimizerSpec;
import io.backprop.optimizer.ScheduleSpec;
import jakarta.validation.Valid;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.Map;

/** The JSON export: a network's whole state, so that training its import continues bit for bit. */
@Schema(description = "A network's whole state as JSON: definition, parameters (PyTorch state-dict keys and layout), training "
        + "configuration and state, counters, and the SHA-256 of the parameters.")
@JsonPropertyOrder({"format", "formatVersion", "network", "stateDict", "training", "counters", "lastLoss", "sha256"})
record NetworkExport(
        @Schema(description = "Always backprop.network.", example = FORMAT, requiredMode = Schema.RequiredMode.REQUIRED) String format,
        @Schema(description = "Always 1.", example = "1", requiredMode = Schema.RequiredMode.REQUIRED) Integer formatVersion,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED) NetworkJson network,
        @Schema(description = "Parameters by state-dict key: \"{2l}.weight\" [units][fanIn], \"{2l}.bias\" [units].",
                requiredMode = Schema.RequiredMode.REQUIRED) Map<String, NestedArray> stateDict,
        @Schema(description = "Training configuration and state; omitted: a fresh optimizer of the defaults.") @Valid Training training,
        @Schema(description = "Training counters; omitted: zeros.") CountersJson counters,
        @Schema(description = "The loss of the last training step; null before training.", nullable = true)
        @JsonInclude(JsonInclude.Include.ALWAYS) Double lastLoss,
        @Schema(description = "Hex SHA-256 of the state-dict tensors' little-endian bytes (in the network's dtype), concatenated "
                + "in key order.", requiredMode = Schema.RequiredMode.REQUIRED) String sha256) {

    static final String FORMAT = "backprop.network";
    static final int VERSION = 1;

    /** The training configuration and where training stands. */
    @JsonPropertyOrder({"optimizer", "schedule", "clip", "epoch", "step", "learningRate", "optimizerState", "scheduleState"})
    record Training(
            @Valid OptimizerSpec optimizer,
            @Valid ScheduleSpec schedule,
            @Schema(nullable = true) @JsonInclude(JsonInclude.Include.ALWAYS) @Valid ClipSpec clip,
            @Schema(description = "Periods the schedule has counted.") Long epoch,
            @Schema(description = "Optimizer steps taken.") Long step,
            @Schema(description = "The learning rate the next step uses.") Double learningRate,
            @Schema(description = "Optimizer buffers by state-dict key and name (momentumBuffer, expAvg, expAvgSq, maxExpAvgSq, "
                    + "squareAvg, gradAvg, sum), each in its parameter's layout.") Map<String, Map<String, NestedArray>> optimizerState,
            ScheduleStateJson scheduleState) {
    }

    /** A schedule's counted periods and named values (plateau: best, badPeriods, cooldownLeft). */
    record ScheduleStateJson(Long count, Map<String, Double> values) {
    }

    record CountersJson(Long epochsTrained, Long stepsTrained, Long samplesSeen) {
    }
}
