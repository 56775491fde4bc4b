package io.backprop.inference;

import io.swagger.v3.oas.annotations.media.Schema;

/** The protocol's error answer (documentation only: errors are written by the service's error handling). */
@Schema(name = "InferenceError", description = "An error under /v2: the status and a sentence that says what to change.")
record ErrorBody(@Schema(example = "No model is called 'mnist': give a network's id, or the name of exactly one network "
        + "(GET /networks lists them).") String error) {
}
