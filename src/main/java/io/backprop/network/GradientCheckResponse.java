package io.backprop.network;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

@Schema(description = "Analytic gradients next to central differences, computed in float64 on a copy; nothing changes. "
        + "Relative error of a parameter: |analytic − numeric| / max(|analytic|, |numeric|, 1e-8).")
record GradientCheckResponse(
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED) double epsilon,
        @Schema(description = "Largest relative error over every parameter.", requiredMode = Schema.RequiredMode.REQUIRED) double maxRelativeError,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED) List<LayerGradientCheck> layers) {

    @Schema(description = "One layer's gradients; bias fields are absent for a layer without bias.")
    record LayerGradientCheck(
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED) double[][] weightGradients,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED) double[][] numericWeightGradients,
            double[] biasGradients,
            double[] numericBiasGradients,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED) double maxRelativeError) {
    }
}
