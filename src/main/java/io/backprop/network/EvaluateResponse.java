package io.backprop.network;

import io.swagger.v3.oas.annotations.media.Schema;

@Schema(description = "The loss on the rows and, for classifiers, accuracy.")
record EvaluateResponse(
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED) double loss,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED) long samples,
        @Schema(description = "Softmax output: share of rows whose largest output is the target's largest entry. Sigmoid output: "
                + "share of (row, unit) pairs on the same side of 0.5 as the target. Absent for other outputs.") Double accuracy,
        @Schema(description = "Softmax output only: confusionMatrix[actual][predicted] row counts.") long[][] confusionMatrix) {
}
