package io.backprop.network;

import io.backprop.web.Finite;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Positive;

@Schema(description = "Rows and targets at which to compare backpropagation with central finite differences.")
record GradientCheckRequest(
        @Schema(example = "[[0.05, 0.1]]", requiredMode = Schema.RequiredMode.REQUIRED) @NotEmpty double[][] inputs,
        @Schema(example = "[[0.01, 0.99]]", requiredMode = Schema.RequiredMode.REQUIRED) @NotEmpty double[][] targets,
        @Schema(description = "Step ε of (L(p + ε) − L(p − ε)) / 2ε, in (0, 1]; default 1e-6.")
        @Finite @Positive @DecimalMax("1") Double epsilon) implements LabelledBatch {
}
