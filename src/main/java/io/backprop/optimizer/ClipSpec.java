package io.backprop.optimizer;

import io.backprop.engine.optim.Clipping;
import io.backprop.web.FieldProblem;
import io.backprop.web.Finite;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Positive;
import java.util.List;

@Schema(description = "Gradient clipping before each update, on the raw gradient of the loss (before weight decay). "
        + "Exactly one of: maxNorm (global L2 norm over all parameters, scaled by maxNorm / (norm + 1e-6) when above it, "
        + "as clip_grad_norm_) or maxValue (each element clamped to ±maxValue, as clip_grad_value_).")
public record ClipSpec(
        @Schema(description = "Largest global L2 norm of the gradients.", example = "1.0")
        @Finite @Positive Double maxNorm,
        @Schema(description = "Largest absolute value of a gradient element.", example = "0.5")
        @Finite @Positive Double maxValue) {

    /** The problem of giving neither or both limits, named {@code path}; empty when exactly one is given. */
    public List<FieldProblem> problems(String path) {
        if ((maxNorm == null) == (maxValue == null)) {
            return List.of(new FieldProblem(path, "needs exactly one of maxNorm and maxValue"));
        }
        return List.of();
    }

    /** The clipping rule this configuration describes. */
    public Clipping create() {
        return maxNorm != null ? Clipping.byNorm(maxNorm) : Clipping.byValue(maxValue);
    }
}
