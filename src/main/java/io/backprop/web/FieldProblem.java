package io.backprop.web;

import io.swagger.v3.oas.annotations.media.Schema;

/** One field of a request that must change: its JSON path and what is wrong with it. */
@Schema(description = "A field problem: the JSON path of the field and a sentence saying what to change.")
public record FieldProblem(
        @Schema(description = "JSON path of the field", example = "layers[1].weights[0]", requiredMode = Schema.RequiredMode.REQUIRED)
        String field,
        @Schema(description = "What is wrong and what to change", example = "has 3 values, expected 2 (the layer's fan-in)",
                requiredMode = Schema.RequiredMode.REQUIRED)
        String message) {
}
