package io.backprop.network;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotEmpty;

@Schema(description = "Rows and targets to evaluate the network on.")
record EvaluateRequest(
        @Schema(example = "[[0.05, 0.1]]", requiredMode = Schema.RequiredMode.REQUIRED) @NotEmpty double[][] inputs,
        @Schema(example = "[[0.01, 0.99]]", requiredMode = Schema.RequiredMode.REQUIRED) @NotEmpty double[][] targets)
        implements LabelledBatch {
}
