package io.backprop.network;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.util.List;

@Schema(description = "Every layer's parameters, first hidden layer first.")
record ParametersBody(
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED)
        @NotEmpty List<@NotNull @Valid LayerParameters> layers) {
}
