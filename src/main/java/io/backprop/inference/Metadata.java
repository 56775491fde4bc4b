package io.backprop.inference;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/** The protocol's health and metadata answers. */
final class Metadata {

    private Metadata() {
    }

    @Schema(description = "Whether the server is live.")
    record Live(boolean live) {
    }

    @Schema(description = "Whether the server is ready for inference.")
    record Ready(boolean ready) {
    }

    @Schema(description = "The server's name, version and protocol extensions.")
    record Server(String name, String version, List<String> extensions) {
    }

    @Schema(description = "Whether a model is ready for inference.")
    record ModelReady(String name, boolean ready) {
    }

    @Schema(description = "A model's name, versions, platform and tensors.")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Model(String name, List<String> versions, String platform, List<Tensor> inputs, List<Tensor> outputs) {
    }

    @Schema(description = "A tensor's name, element type and shape (-1: any number of rows).")
    record Tensor(String name, String datatype, List<Long> shape) {
    }
}
