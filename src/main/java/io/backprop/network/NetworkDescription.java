package io.backprop.network;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.backprop.engine.Loss;
import io.backprop.engine.Precision;
import io.backprop.optimizer.ClipSpec;
import io.backprop.optimizer.OptimizerSpec;
import io.backprop.optimizer.ScheduleSpec;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;

@Schema(description = "A network as held by the service: its definition, configuration and training counters.")
public record NetworkDescription(
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED) String id,
        @Schema(description = "The name given at creation; null without one.", nullable = true) @JsonInclude(JsonInclude.Include.ALWAYS) String name,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED) int inputs,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED) List<LayerDescription> layers,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED) Loss loss,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED) Precision dtype,
        @Schema(description = "The initialisation actually used, with its seed, so the network can be rebuilt.",
                requiredMode = Schema.RequiredMode.REQUIRED) InitSpec init,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED) OptimizerSpec optimizer,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED) ScheduleSpec schedule,
        @Schema(description = "Absent without clipping.") ClipSpec clip,
        @Schema(description = "Number of weights and biases.", requiredMode = Schema.RequiredMode.REQUIRED) long parameterCount,
        @Schema(description = "Bytes the network holds: its parameters and the optimizer's buffers for them.",
                requiredMode = Schema.RequiredMode.REQUIRED) long bytes,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED) Instant createdAt,
        @Schema(description = "Last change of parameters or configuration.", requiredMode = Schema.RequiredMode.REQUIRED) Instant updatedAt,
        @Schema(description = "Epochs completed by train calls.", requiredMode = Schema.RequiredMode.REQUIRED) long epochsTrained,
        @Schema(description = "Parameter updates (mini-batches) applied by train and backprop calls.",
                requiredMode = Schema.RequiredMode.REQUIRED) long stepsTrained,
        @Schema(description = "Rows processed by those updates.", requiredMode = Schema.RequiredMode.REQUIRED) long samplesSeen,
        @Schema(description = "Loss of the last training call (its last epoch's mean); null before training.", nullable = true)
        @JsonInclude(JsonInclude.Include.ALWAYS) Double lastLoss) {
}
