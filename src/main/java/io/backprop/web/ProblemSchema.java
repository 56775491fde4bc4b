package io.backprop.web;

import io.swagger.v3.oas.annotations.media.Schema;
import java.net.URI;
import java.util.List;

/** The shape of every error response, for the OpenAPI description (RFC 9457 with the service's {@code errors}). */
@Schema(name = "Problem", description = "An RFC 9457 problem detail.")
record ProblemSchema(
        @Schema(description = "Identifies the kind of problem.", example = "urn:backprop:problem:invalid-request",
                requiredMode = Schema.RequiredMode.REQUIRED) URI type,
        @Schema(description = "Short summary of the kind of problem.", example = "Invalid request",
                requiredMode = Schema.RequiredMode.REQUIRED) String title,
        @Schema(description = "The HTTP status.", example = "400", requiredMode = Schema.RequiredMode.REQUIRED) int status,
        @Schema(description = "What happened and what to change.", example = "layers[1].weights has 3 rows, expected 2 (units)",
                requiredMode = Schema.RequiredMode.REQUIRED) String detail,
        @Schema(description = "The request path.", format = "uri-reference", example = "/networks") URI instance,
        @Schema(description = "For invalid fields: each field's JSON path and what is wrong with it.") List<FieldProblem> errors) {
}
