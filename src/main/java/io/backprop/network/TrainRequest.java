package io.backprop.network;

import io.backprop.optimizer.ClipSpec;
import io.backprop.optimizer.OptimizerSpec;
import io.backprop.optimizer.ScheduleSpec;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Positive;

@Schema(description = "A synchronous training run: epochs × mini-batches of forward, backward and optimizer step.")
record TrainRequest(
        @Schema(description = "One row per sample (or give datasetId).", example = "[[0.05, 0.1]]")
        double[][] inputs,
        @Schema(description = "One row per sample, as long as the output layer (or give datasetId).", example = "[[0.01, 0.99]]")
        double[][] targets,
        @Schema(description = "A data set uploaded with POST /datasets, instead of inputs and targets.")
        String datasetId,
        @Schema(description = "Passes over the rows.", example = "1", defaultValue = "1")
        @Positive Integer epochs,
        @Schema(description = "Rows per mini-batch (one parameter update each); the last mini-batch of an epoch may be smaller. "
                + "Default: all rows (full-batch gradient descent).")
        @Positive Integer batchSize,
        @Schema(description = "Reshuffle the rows every epoch.", defaultValue = "false")
        Boolean shuffle,
        @Schema(description = "Seed of the shuffling; drawn at random when omitted.", example = "7")
        Long seed,
        @Schema(description = "Optimizer. Omitted or unchanged: the network's continues with its state. Different: it becomes "
                + "the network's optimizer, with fresh state, once the call succeeds.")
        @Valid OptimizerSpec optimizer,
        @Schema(description = "Schedule. Omitted or unchanged: the network's continues with its counters. Different: it "
                + "becomes the network's, starting from the optimizer's base learningRate, once the call succeeds.")
        @Valid ScheduleSpec schedule,
        @Schema(description = "Gradient clipping. Omitted: the network's. Given: it becomes the network's once the call succeeds.")
        @Valid ClipSpec clip) implements LabelledBatch {
}
