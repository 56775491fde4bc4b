package io.backprop.network;

import io.swagger.v3.oas.annotations.media.Schema;

@Schema(description = "One layer of a backpropagation step. Bias fields are absent for a layer without bias.")
record LayerTrace(
        @Schema(description = "z = a_prev · Wᵀ + b, [m][units].", requiredMode = Schema.RequiredMode.REQUIRED) double[][] preActivations,
        @Schema(description = "a = f(z), [m][units].", requiredMode = Schema.RequiredMode.REQUIRED) double[][] activations,
        @Schema(description = "Per-sample node errors δᵢ = ∂ℓᵢ/∂zᵢ, [m][units].", requiredMode = Schema.RequiredMode.REQUIRED) double[][] deltas,
        @Schema(description = "W before the step.", requiredMode = Schema.RequiredMode.REQUIRED) double[][] weights,
        @Schema(description = "b before the step.") double[] biases,
        @Schema(description = "∂L/∂W = (1/m) Σᵢ δᵢ a_prev,ᵢᵀ, [units][fanIn].", requiredMode = Schema.RequiredMode.REQUIRED) double[][] weightGradients,
        @Schema(description = "∂L/∂b = (1/m) Σᵢ δᵢ.") double[] biasGradients,
        @Schema(description = "W − η ∂L/∂W.", requiredMode = Schema.RequiredMode.REQUIRED) double[][] updatedWeights,
        @Schema(description = "b − η ∂L/∂b.") double[] updatedBiases) {
}
