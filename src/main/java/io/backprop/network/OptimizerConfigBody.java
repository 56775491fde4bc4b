package io.backprop.network;

import io.backprop.optimizer.ClipSpec;
import io.backprop.optimizer.OptimizerSpec;
import io.backprop.optimizer.ScheduleSpec;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

@Schema(description = "A whole training configuration: it replaces the network's. Parts equal to the current ones keep their "
        + "state (optimizer moments, schedule counters); parts that differ start afresh.")
record OptimizerConfigBody(
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED) @NotNull @Valid OptimizerSpec optimizer,
        @Schema(description = "Default: constant.") @Valid ScheduleSpec schedule,
        @Schema(description = "Default: no clipping.") @Valid ClipSpec clip) {
}
