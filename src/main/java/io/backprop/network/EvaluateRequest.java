package io.backprop.network;

import io.swagger.v3.oas.annotations.media.Schema;

@Schema(description = "Rows and targets to evaluate the network on.")
record EvaluateRequest(
        @Schema(description = "One row per sample (or give datasetId).", example = "[[0.05, 0.1]]") double[][] inputs,
        @Schema(description = "One row per sample (or give datasetId).", example = "[[0.01, 0.99]]") double[][] targets,
        @Schema(description = "A data set uploaded with POST /datasets, instead of inputs and targets.") String datasetId)
        implements LabelledBatch {
}
