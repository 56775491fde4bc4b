package io.backprop.network;

import io.backprop.web.Finite;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Positive;

@Schema(description = "One plain-SGD step over the given rows, shown in full.")
record BackpropRequest(
        @Schema(example = "[[0.05, 0.1]]", requiredMode = Schema.RequiredMode.REQUIRED)
        @NotEmpty double[][] inputs,
        @Schema(example = "[[0.01, 0.99]]", requiredMode = Schema.RequiredMode.REQUIRED)
        @NotEmpty double[][] targets,
        @Schema(description = "η of the step p −= η · ∂L/∂p. Default: the network optimizer's learning rate.", example = "0.5")
        @Finite @Positive Double learningRate,
        @Schema(description = "`false` is a dry run: everything is computed, nothing changes.", defaultValue = "true")
        Boolean apply) implements LabelledBatch {
}
