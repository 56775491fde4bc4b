package io.backprop.interop;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.backprop.engine.Activation;
import io.backprop.engine.Loss;
import io.backprop.engine.Precision;
import io.backprop.state.LayerShape;
import io.backprop.state.NetworkSpec;
import io.backprop.web.FieldProblem;
import io.backprop.web.ProblemException;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.ArrayList;
import java.util.List;

/** The {@code network} object of an export: what the network is, without its numbers. */
@Schema(description = "A network's definition without its parameters: as in POST /networks, without weights, init and optimizer.")
record NetworkJson(
        @Schema(description = "The network's name; null without one.", nullable = true) @JsonInclude(JsonInclude.Include.ALWAYS) String name,
        @Schema(description = "Input width.", example = "2", requiredMode = Schema.RequiredMode.REQUIRED) Integer inputs,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED) List<LayerJson> layers,
        @Schema(description = "Loss; default mse.", example = "mse") Loss loss,
        @Schema(description = "float32 or float64; default: the tensors' dtype.", example = "float64") Precision dtype) {

    @Schema(description = "One dense layer's shape.")
    record LayerJson(
            @Schema(example = "2", requiredMode = Schema.RequiredMode.REQUIRED) Integer units,
            @Schema(example = "sigmoid", requiredMode = Schema.RequiredMode.REQUIRED) Activation activation,
            @Schema(description = "Whether the layer has a bias.", defaultValue = "true") Boolean bias) {
    }

    static NetworkJson of(NetworkSpec spec) {
        return new NetworkJson(spec.name(), spec.inputs(),
                spec.layers().stream().map(l -> new LayerJson(l.units(), l.activation(), l.bias())).toList(), spec.loss(), spec.dtype());
    }

    /**
     * The spec this object describes, {@code dtype} standing in when it gives none; fails with 400 naming
     * every missing or invalid field under {@code path}.
     */
    NetworkSpec toSpec(String path, Precision defaultDtype) {
        List<FieldProblem> problems = new ArrayList<>();
        if (inputs == null || inputs < 1) {
            problems.add(new FieldProblem(path + ".inputs", "must be a whole number of at least 1"));
        }
        if (layers == null || layers.isEmpty()) {
            problems.add(new FieldProblem(path + ".layers", "must list at least one layer"));
        }
        List<LayerShape> shapes = new ArrayList<>();
        for (int l = 0; layers != null && l < layers.size(); l++) {
            LayerJson layer = layers.get(l);
            String at = path + ".layers[" + l + "]";
            if (layer == null) {
                problems.add(new FieldProblem(at, "must be a layer {units, activation, bias}"));
                continue;
            }
            if (layer.units() == null || layer.units() < 1) {
                problems.add(new FieldProblem(at + ".units", "must be a whole number of at least 1"));
            }
            if (layer.activation() == null) {
                problems.add(new FieldProblem(at + ".activation", "is required"));
            }
            shapes.add(new LayerShape(layer.units() == null ? 0 : layer.units(), layer.activation(), layer.bias() == null || layer.bias()));
        }
        if (!problems.isEmpty()) {
            throw ProblemException.invalid(problems);
        }
        return new NetworkSpec(name, inputs, shapes, loss == null ? Loss.MSE : loss, dtype == null ? defaultDtype : dtype);
    }
}
