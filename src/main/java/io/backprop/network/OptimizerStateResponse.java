package io.backprop.network;

import io.backprop.optimizer.ClipSpec;
import io.backprop.optimizer.OptimizerSpec;
import io.backprop.optimizer.ScheduleSpec;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import java.util.Map;

@Schema(description = "A network's training configuration, the learning rate of the next step, counters and optimizer state.")
record OptimizerStateResponse(
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED) OptimizerSpec optimizer,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED) ScheduleSpec schedule,
        ClipSpec clip,
        @Schema(description = "The rate the next step will use (the schedule's current rate).", requiredMode = Schema.RequiredMode.REQUIRED)
        double learningRate,
        @Schema(description = "Epochs trained under this configuration (the schedule's epoch counter).",
                requiredMode = Schema.RequiredMode.REQUIRED) long epoch,
        @Schema(description = "Optimizer steps taken under this configuration.", requiredMode = Schema.RequiredMode.REQUIRED) long step,
        @Schema(description = "Per layer, the optimizer's state arrays by name (sgd, rmsprop: momentumBuffer; adam, adamw: expAvg, "
                + "expAvgSq, maxExpAvgSq; rmsprop: squareAvg, gradAvg; adagrad: sum), in the layout of the weights [units][fanIn] "
                + "and biases [units]. Empty before the first step.", requiredMode = Schema.RequiredMode.REQUIRED)
        List<LayerState> layers) {

    @Schema(description = "One layer's optimizer state.")
    record LayerState(
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED) Map<String, double[][]> weights,
            @Schema(description = "Absent for a layer without bias.") Map<String, double[]> biases) {
    }
}
