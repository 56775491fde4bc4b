package io.backprop.optimizer;

import static java.util.Objects.requireNonNullElse;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonTypeName;
import com.fasterxml.jackson.databind.annotation.JsonTypeIdResolver;
import io.backprop.engine.optim.Optimizer;
import io.backprop.web.FieldProblem;
import io.backprop.web.Finite;
import io.backprop.web.SealedTypeIds;
import io.swagger.v3.oas.annotations.media.DiscriminatorMapping;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.PositiveOrZero;
import java.util.List;

/**
 * An optimizer configuration, one record per update rule with PyTorch's algorithms and defaults
 * ({@code torch.optim}); {@code type} names the rule and is {@code sgd} when omitted. Each
 * record's {@code completed()} holds its defaults, and the OpenAPI description shows them from there.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.CUSTOM, property = "type", defaultImpl = OptimizerSpec.Sgd.class)
@JsonTypeIdResolver(SealedTypeIds.class)
@JsonSubTypes({@JsonSubTypes.Type(OptimizerSpec.Sgd.class), @JsonSubTypes.Type(OptimizerSpec.Adam.class),
        @JsonSubTypes.Type(OptimizerSpec.AdamW.class), @JsonSubTypes.Type(OptimizerSpec.RmsProp.class),
        @JsonSubTypes.Type(OptimizerSpec.Adagrad.class)})
@Schema(description = """
        The optimizer, with PyTorch's algorithms and defaults (torch.optim); `type` picks the update rule (default sgd) \
        and fields that do not belong to it are rejected. Weight decay applies to biases too.""",
        oneOf = {OptimizerSpec.Sgd.class, OptimizerSpec.Adam.class, OptimizerSpec.AdamW.class, OptimizerSpec.RmsProp.class,
                OptimizerSpec.Adagrad.class},
        discriminatorProperty = "type",
        discriminatorMapping = {
                @DiscriminatorMapping(value = "sgd", schema = OptimizerSpec.Sgd.class),
                @DiscriminatorMapping(value = "adam", schema = OptimizerSpec.Adam.class),
                @DiscriminatorMapping(value = "adamw", schema = OptimizerSpec.AdamW.class),
                @DiscriminatorMapping(value = "rmsprop", schema = OptimizerSpec.RmsProp.class),
                @DiscriminatorMapping(value = "adagrad", schema = OptimizerSpec.Adagrad.class)})
public sealed interface OptimizerSpec {

    /** Learning rate η: the schedule's base rate. */
    Double learningRate();

    /** Problems no single field's constraint can see, named under {@code path}; empty when there are none. */
    default List<FieldProblem> problems(String path) {
        return List.of();
    }

    /** This configuration with every omitted field at its default. */
    OptimizerSpec completed();

    /** A fresh optimizer of a {@link #completed()} configuration. */
    Optimizer create();

    /** Plain SGD at {@code learningRate} (its default when null). */
    static OptimizerSpec sgd(Double learningRate) {
        return new Sgd(learningRate, null, null, null, null);
    }

    @JsonTypeName("sgd")
    @Schema(name = "SgdOptimizer", description = """
            torch.optim.SGD: g += wd·p; b = μ·b + (1 − dampening)·g (b = g at first); g = nesterov ? g + μ·b : b; p −= lr·g. \
            With momentum 0 there is no momentum buffer.""")
    record Sgd(
            @Schema(description = "Learning rate η (the schedule's base rate).", example = "0.5")
            @Finite @PositiveOrZero Double learningRate,
            @Schema(description = "Momentum μ.")
            @Finite @PositiveOrZero Double momentum,
            @Schema(description = "Dampening of the momentum.")
            @Finite Double dampening,
            @Schema(description = "Nesterov momentum; needs momentum > 0 and dampening 0.")
            Boolean nesterov,
            @Schema(description = "L2 penalty wd.")
            @Finite @PositiveOrZero Double weightDecay) implements OptimizerSpec {

        @Override
        public List<FieldProblem> problems(String path) {
            Sgd complete = completed();
            if (complete.nesterov && (complete.momentum <= 0 || complete.dampening != 0)) {
                return List.of(new FieldProblem(path + ".nesterov", "needs momentum > 0 and dampening 0"));
            }
            return List.of();
        }

        @Override
        public Sgd completed() {
            return new Sgd(requireNonNullElse(learningRate, 0.1), requireNonNullElse(momentum, 0.0),
                    requireNonNullElse(dampening, 0.0), requireNonNullElse(nesterov, false), requireNonNullElse(weightDecay, 0.0));
        }

        @Override
        public Optimizer create() {
            return new io.backprop.engine.optim.Sgd(learningRate, momentum, dampening, nesterov, weightDecay);
        }
    }

    @JsonTypeName("adam")
    @Schema(name = "AdamOptimizer", description = "torch.optim.Adam: bias-corrected moments, ε outside the root.")
    record Adam(
            @Schema(description = "Learning rate η (the schedule's base rate).", example = "0.001")
            @Finite @PositiveOrZero Double learningRate,
            @Schema(description = "β₁ in [0, 1).")
            @Finite @PositiveOrZero @DecimalMax(value = "1", inclusive = false) Double beta1,
            @Schema(description = "β₂ in [0, 1).")
            @Finite @PositiveOrZero @DecimalMax(value = "1", inclusive = false) Double beta2,
            @Schema(description = "ε, added to the root of the second moment.")
            @Finite @PositiveOrZero Double epsilon,
            @Schema(description = "L2 penalty wd added to the gradient.")
            @Finite @PositiveOrZero Double weightDecay,
            @Schema(description = "AMSGrad: the running maximum of the second moment.")
            Boolean amsgrad) implements OptimizerSpec {

        @Override
        public Adam completed() {
            return new Adam(requireNonNullElse(learningRate, 0.001), requireNonNullElse(beta1, 0.9),
                    requireNonNullElse(beta2, 0.999), requireNonNullElse(epsilon, 1e-8), requireNonNullElse(weightDecay, 0.0),
                    requireNonNullElse(amsgrad, false));
        }

        @Override
        public Optimizer create() {
            return new io.backprop.engine.optim.Adam(learningRate, beta1, beta2, epsilon, weightDecay, amsgrad, false);
        }
    }

    @JsonTypeName("adamw")
    @Schema(name = "AdamWOptimizer", description = "torch.optim.AdamW: decoupled decay p −= lr·wd·p, then the Adam step.")
    record AdamW(
            @Schema(description = "Learning rate η (the schedule's base rate).", example = "0.001")
            @Finite @PositiveOrZero Double learningRate,
            @Schema(description = "β₁ in [0, 1).")
            @Finite @PositiveOrZero @DecimalMax(value = "1", inclusive = false) Double beta1,
            @Schema(description = "β₂ in [0, 1).")
            @Finite @PositiveOrZero @DecimalMax(value = "1", inclusive = false) Double beta2,
            @Schema(description = "ε, added to the root of the second moment.")
            @Finite @PositiveOrZero Double epsilon,
            @Schema(description = "Decoupled weight decay wd.")
            @Finite @PositiveOrZero Double weightDecay,
            @Schema(description = "AMSGrad: the running maximum of the second moment.")
            Boolean amsgrad) implements OptimizerSpec {

        @Override
        public AdamW completed() {
            return new AdamW(requireNonNullElse(learningRate, 0.001), requireNonNullElse(beta1, 0.9),
                    requireNonNullElse(beta2, 0.999), requireNonNullElse(epsilon, 1e-8), requireNonNullElse(weightDecay, 0.01),
                    requireNonNullElse(amsgrad, false));
        }

        @Override
        public Optimizer create() {
            return new io.backprop.engine.optim.Adam(learningRate, beta1, beta2, epsilon, weightDecay, amsgrad, true);
        }
    }

    @JsonTypeName("rmsprop")
    @Schema(name = "RmsPropOptimizer", description = "torch.optim.RMSprop.")
    record RmsProp(
            @Schema(description = "Learning rate η (the schedule's base rate).", example = "0.01")
            @Finite @PositiveOrZero Double learningRate,
            @Schema(description = "Smoothing constant α.")
            @Finite @PositiveOrZero Double alpha,
            @Schema(description = "ε, added to the root.")
            @Finite @PositiveOrZero Double epsilon,
            @Schema(description = "Momentum μ.")
            @Finite @PositiveOrZero Double momentum,
            @Schema(description = "Normalise by the centered second moment.")
            Boolean centered,
            @Schema(description = "L2 penalty wd.")
            @Finite @PositiveOrZero Double weightDecay) implements OptimizerSpec {

        @Override
        public RmsProp completed() {
            return new RmsProp(requireNonNullElse(learningRate, 0.01), requireNonNullElse(alpha, 0.99),
                    requireNonNullElse(epsilon, 1e-8), requireNonNullElse(momentum, 0.0), requireNonNullElse(centered, false),
                    requireNonNullElse(weightDecay, 0.0));
        }

        @Override
        public Optimizer create() {
            return new io.backprop.engine.optim.RmsProp(learningRate, alpha, epsilon, weightDecay, momentum, centered);
        }
    }

    @JsonTypeName("adagrad")
    @Schema(name = "AdagradOptimizer", description = "torch.optim.Adagrad.")
    record Adagrad(
            @Schema(description = "Learning rate η (the schedule's base rate).", example = "0.01")
            @Finite @PositiveOrZero Double learningRate,
            @Schema(description = "Learning-rate decay per step.")
            @Finite @PositiveOrZero Double lrDecay,
            @Schema(description = "Starting value of the sum of squared gradients.")
            @Finite @PositiveOrZero Double initialAccumulatorValue,
            @Schema(description = "ε, added to the root.")
            @Finite @PositiveOrZero Double epsilon,
            @Schema(description = "L2 penalty wd.")
            @Finite @PositiveOrZero Double weightDecay) implements OptimizerSpec {

        @Override
        public Adagrad completed() {
            return new Adagrad(requireNonNullElse(learningRate, 0.01), requireNonNullElse(lrDecay, 0.0),
                    requireNonNullElse(initialAccumulatorValue, 0.0), requireNonNullElse(epsilon, 1e-10),
                    requireNonNullElse(weightDecay, 0.0));
        }

        @Override
        public Optimizer create() {
            return new io.backprop.engine.optim.Adagrad(learningRate, lrDecay, initialAccumulatorValue, epsilon, weightDecay);
        }
    }
}
