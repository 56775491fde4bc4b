package io.backprop.training;

import io.backprop.web.Finite;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.Positive;

@Schema(description = "Validation data: another data set ({datasetId}), or a seeded fraction of the training set held out "
        + "({fraction, seed}) — one of the two.")
record ValidationSpec(
        @Schema(description = "A data set uploaded with POST /datasets.") String datasetId,
        @Schema(description = "Share of the training rows held out, in (0, 1).", example = "0.1")
        @Finite @Positive @DecimalMax(value = "1", inclusive = false) Double fraction,
        @Schema(description = "Seed of the split; drawn when omitted.", example = "7") Long seed) {
}
