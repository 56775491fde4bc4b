package io.backprop.network;

import static io.backprop.network.TypedFields.orDefault;

import io.backprop.engine.optim.Adagrad;
import io.backprop.engine.optim.Adam;
import io.backprop.engine.optim.Optimizer;
import io.backprop.engine.optim.RmsProp;
import io.backprop.engine.optim.Sgd;
import io.backprop.web.FieldProblem;
import io.backprop.web.Finite;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.PositiveOrZero;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

@Schema(description = """
        The optimizer, with PyTorch's algorithms and defaults (torch.optim). Fields that do not belong to the type \
        are rejected. `sgd`: g += wd·p; b = μ·b + (1 − dampening)·g (b = g at first); g = nesterov ? g + μ·b : b; \
        p −= lr·g. `adam`/`adamw`: bias-corrected moments, ε outside the root; `adamw` decays p −= lr·wd·p first. \
        `rmsprop` and `adagrad` as torch.optim.RMSprop and torch.optim.Adagrad. Weight decay applies to biases too.""")
public record OptimizerSpec(
        @Schema(description = "Update rule.", example = "sgd", defaultValue = "sgd")
        OptimizerType type,
        @Schema(description = "Learning rate η (the schedule's base rate). Default: sgd 0.1, adam/adamw 0.001, "
                + "rmsprop/adagrad 0.01.", example = "0.5")
        @Finite @PositiveOrZero Double learningRate,
        @Schema(description = "sgd, rmsprop: momentum μ.", defaultValue = "0")
        @Finite @PositiveOrZero Double momentum,
        @Schema(description = "sgd: dampening of the momentum.", defaultValue = "0")
        @Finite Double dampening,
        @Schema(description = "sgd: Nesterov momentum; needs momentum > 0 and dampening 0.", defaultValue = "false")
        Boolean nesterov,
        @Schema(description = "L2 penalty wd (adamw: decoupled decay). Default 0, adamw 0.01.")
        @Finite @PositiveOrZero Double weightDecay,
        @Schema(description = "adam, adamw: β₁ in [0, 1); default 0.9.")
        @Finite @PositiveOrZero @DecimalMax(value = "1", inclusive = false) Double beta1,
        @Schema(description = "adam, adamw: β₂ in [0, 1); default 0.999.")
        @Finite @PositiveOrZero @DecimalMax(value = "1", inclusive = false) Double beta2,
        @Schema(description = "adam, adamw, rmsprop: 1e-8; adagrad: 1e-10.")
        @Finite @PositiveOrZero Double epsilon,
        @Schema(description = "adam, adamw: AMSGrad (running maximum of the second moment).", defaultValue = "false")
        Boolean amsgrad,
        @Schema(description = "rmsprop: smoothing constant α; default 0.99.")
        @Finite @PositiveOrZero Double alpha,
        @Schema(description = "rmsprop: normalise by the centered second moment.", defaultValue = "false")
        Boolean centered,
        @Schema(description = "adagrad: learning-rate decay per step.", defaultValue = "0")
        @Finite @PositiveOrZero Double lrDecay,
        @Schema(description = "adagrad: starting value of the sum of squared gradients.", defaultValue = "0")
        @Finite @PositiveOrZero Double initialAccumulatorValue) {

    static OptimizerSpec defaults() {
        return sgd(null).completed();
    }

    static OptimizerSpec sgd(Double learningRate) {
        return new OptimizerSpec(OptimizerType.SGD, learningRate, null, null, null, null, null, null, null, null, null, null, null, null);
    }

    OptimizerType effectiveType() {
        return type == null ? OptimizerType.SGD : type;
    }

    /** Problems Bean Validation cannot see: fields foreign to the type, nesterov's conditions. */
    List<FieldProblem> problems(String path) {
        OptimizerType kind = effectiveType();
        List<FieldProblem> problems = new ArrayList<>(TypedFields.foreign(path, kind, kind.fields(), "type, learningRate",
                "momentum", momentum, "dampening", dampening, "nesterov", nesterov, "weightDecay", weightDecay,
                "beta1", beta1, "beta2", beta2, "epsilon", epsilon, "amsgrad", amsgrad, "alpha", alpha, "centered", centered,
                "lrDecay", lrDecay, "initialAccumulatorValue", initialAccumulatorValue));
        if (Boolean.TRUE.equals(nesterov) && (orDefault(momentum, 0) <= 0 || orDefault(dampening, 0) != 0)) {
            problems.add(new FieldProblem(path + ".nesterov", "needs momentum > 0 and dampening 0"));
        }
        return problems;
    }

    /** This configuration with every field of its type at its default when omitted, and no others. */
    OptimizerSpec completed() {
        OptimizerType kind = effectiveType();
        boolean adam = kind == OptimizerType.ADAM || kind == OptimizerType.ADAMW;
        double decay = kind == OptimizerType.ADAMW ? 0.01 : 0;
        return new OptimizerSpec(kind, orDefault(learningRate, kind.defaultLearningRate()),
                kind == OptimizerType.SGD || kind == OptimizerType.RMSPROP ? orDefault(momentum, 0) : null,
                kind == OptimizerType.SGD ? orDefault(dampening, 0) : null,
                kind == OptimizerType.SGD ? Objects.requireNonNullElse(nesterov, false) : null,
                orDefault(weightDecay, decay),
                adam ? orDefault(beta1, 0.9) : null,
                adam ? orDefault(beta2, 0.999) : null,
                kind == OptimizerType.SGD ? null : orDefault(epsilon, kind == OptimizerType.ADAGRAD ? 1e-10 : 1e-8),
                adam ? Objects.requireNonNullElse(amsgrad, false) : null,
                kind == OptimizerType.RMSPROP ? orDefault(alpha, 0.99) : null,
                kind == OptimizerType.RMSPROP ? Objects.requireNonNullElse(centered, false) : null,
                kind == OptimizerType.ADAGRAD ? orDefault(lrDecay, 0) : null,
                kind == OptimizerType.ADAGRAD ? orDefault(initialAccumulatorValue, 0) : null);
    }

    /** A fresh optimizer of a {@link #completed()} configuration. */
    Optimizer create() {
        return switch (type) {
            case SGD -> new Sgd(learningRate, momentum, dampening, nesterov, weightDecay);
            case ADAM -> new Adam(learningRate, beta1, beta2, epsilon, weightDecay, amsgrad, false);
            case ADAMW -> new Adam(learningRate, beta1, beta2, epsilon, weightDecay, amsgrad, true);
            case RMSPROP -> new RmsProp(learningRate, alpha, epsilon, weightDecay, momentum, centered);
            case ADAGRAD -> new Adagrad(learningRate, lrDecay, initialAccumulatorValue, epsilon, weightDecay);
        };
    }
}
