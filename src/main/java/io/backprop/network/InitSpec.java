package io.backprop.network;

import io.backprop.engine.InitScheme;
import io.backprop.web.Finite;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Positive;

@Schema(description = "How layers without explicit `weights` are initialised (biases start at zero). The same request "
        + "with the same seed gives bit-identical parameters; without a seed one is drawn and returned in the description.")
record InitSpec(
        @Schema(description = "Scheme, as torch.nn.init: xavier_* with gain 1, he_* with the ReLU gain √2, uniform(low, high), "
                + "normal(0, std), zeros.", defaultValue = "xavier_uniform")
        InitScheme scheme,
        @Schema(description = "Seed of the random draws.", example = "42")
        Long seed,
        @Schema(description = "Lower bound of `uniform`.", defaultValue = "0")
        @Finite Double low,
        @Schema(description = "Upper bound of `uniform`; greater than `low`.", defaultValue = "1")
        @Finite Double high,
        @Schema(description = "Standard deviation of `normal`.", defaultValue = "1")
        @Finite @Positive Double std) {
}
