package io.backprop.optimizer;

import static java.util.Objects.requireNonNullElse;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonTypeName;
import com.fasterxml.jackson.databind.annotation.JsonTypeIdResolver;
import io.backprop.engine.optim.Regimen;
import io.backprop.engine.optim.Schedule;
import io.backprop.web.FieldProblem;
import io.backprop.web.Finite;
import io.backprop.web.SealedTypeIds;
import io.swagger.v3.oas.annotations.media.DiscriminatorMapping;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import java.util.List;

/**
 * A learning-rate schedule, one record per {@code torch.optim.lr_scheduler} namesake; {@code type}
 * names it and is {@code constant} when omitted. Each record's {@code completed()} holds its defaults.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.CUSTOM, property = "type", defaultImpl = ScheduleSpec.Constant.class)
@JsonTypeIdResolver(SealedTypeIds.class)
@JsonSubTypes({@JsonSubTypes.Type(ScheduleSpec.Constant.class), @JsonSubTypes.Type(ScheduleSpec.Step.class),
        @JsonSubTypes.Type(ScheduleSpec.MultiStep.class), @JsonSubTypes.Type(ScheduleSpec.Exponential.class),
        @JsonSubTypes.Type(ScheduleSpec.Cosine.class), @JsonSubTypes.Type(ScheduleSpec.Plateau.class)})
@Schema(description = """
        Learning-rate schedule, exactly as its torch.optim.lr_scheduler namesake, stepped after every epoch \
        (or every step with unit "step"), its counters kept across train calls; `type` picks it (default constant).""",
        oneOf = {ScheduleSpec.Constant.class, ScheduleSpec.Step.class, ScheduleSpec.MultiStep.class,
                ScheduleSpec.Exponential.class, ScheduleSpec.Cosine.class, ScheduleSpec.Plateau.class},
        discriminatorProperty = "type",
        discriminatorMapping = {
                @DiscriminatorMapping(value = "constant", schema = ScheduleSpec.Constant.class),
                @DiscriminatorMapping(value = "step", schema = ScheduleSpec.Step.class),
                @DiscriminatorMapping(value = "multistep", schema = ScheduleSpec.MultiStep.class),
                @DiscriminatorMapping(value = "exponential", schema = ScheduleSpec.Exponential.class),
                @DiscriminatorMapping(value = "cosine", schema = ScheduleSpec.Cosine.class),
                @DiscriminatorMapping(value = "plateau", schema = ScheduleSpec.Plateau.class)})
public sealed interface ScheduleSpec {

    String UNIT = "What the schedule counts: epochs or optimizer steps.";

    /** What the schedule counts. */
    Regimen.Unit unit();

    /** Problems no single field's constraint can see, named under {@code path}; empty when there are none. */
    default List<FieldProblem> problems(String path) {
        return List.of();
    }

    /** This schedule with every omitted field at its default. */
    ScheduleSpec completed();

    /** A fresh schedule of a {@link #completed()} configuration starting from {@code baseLearningRate}. */
    Schedule create(double baseLearningRate);

    static ScheduleSpec constant() {
        return new Constant(null);
    }

    private static Regimen.Unit unitOrEpoch(Regimen.Unit unit) {
        return requireNonNullElse(unit, Regimen.Unit.EPOCH);
    }

    private static List<FieldProblem> required(Object value, String field) {
        return value == null ? List.of(new FieldProblem(field, "is required for this schedule")) : List.of();
    }

    @JsonTypeName("constant")
    @Schema(name = "ConstantSchedule", description = "A constant rate.")
    record Constant(@Schema(description = UNIT) Regimen.Unit unit) implements ScheduleSpec {

        @Override
        public Constant completed() {
            return new Constant(unitOrEpoch(unit));
        }

        @Override
        public Schedule create(double baseLearningRate) {
            return Schedule.constant();
        }
    }

    @JsonTypeName("step")
    @Schema(name = "StepSchedule", description = "StepLR: the rate is multiplied by gamma every stepSize periods.")
    record Step(
            @Schema(description = UNIT) Regimen.Unit unit,
            @Schema(description = "Periods between decays.", requiredMode = Schema.RequiredMode.REQUIRED)
            @Positive Long stepSize,
            @Schema(description = "Multiplier of the rate.")
            @Finite @Positive Double gamma) implements ScheduleSpec {

        @Override
        public List<FieldProblem> problems(String path) {
            return required(stepSize, path + ".stepSize");
        }

        @Override
        public Step completed() {
            return new Step(unitOrEpoch(unit), stepSize, requireNonNullElse(gamma, 0.1));
        }

        @Override
        public Schedule create(double baseLearningRate) {
            return new io.backprop.engine.optim.StepSchedule(stepSize, gamma);
        }
    }

    @JsonTypeName("multistep")
    @Schema(name = "MultiStepSchedule", description = "MultiStepLR: at each milestone the rate is multiplied by gamma.")
    record MultiStep(
            @Schema(description = UNIT) Regimen.Unit unit,
            @Schema(description = "The periods after which the rate is multiplied by gamma.",
                    requiredMode = Schema.RequiredMode.REQUIRED)
            List<@NotNull @Positive Long> milestones,
            @Schema(description = "Multiplier of the rate.")
            @Finite @Positive Double gamma) implements ScheduleSpec {

        @Override
        public List<FieldProblem> problems(String path) {
            return required(milestones, path + ".milestones");
        }

        @Override
        public MultiStep completed() {
            return new MultiStep(unitOrEpoch(unit), milestones, requireNonNullElse(gamma, 0.1));
        }

        @Override
        public Schedule create(double baseLearningRate) {
            return new io.backprop.engine.optim.MultiStepSchedule(milestones, gamma);
        }
    }

    @JsonTypeName("exponential")
    @Schema(name = "ExponentialSchedule", description = "ExponentialLR: the rate is multiplied by gamma every period.")
    record Exponential(
            @Schema(description = UNIT) Regimen.Unit unit,
            @Schema(description = "Multiplier of the rate.", requiredMode = Schema.RequiredMode.REQUIRED)
            @Finite @Positive Double gamma) implements ScheduleSpec {

        @Override
        public List<FieldProblem> problems(String path) {
            return required(gamma, path + ".gamma");
        }

        @Override
        public Exponential completed() {
            return new Exponential(unitOrEpoch(unit), gamma);
        }

        @Override
        public Schedule create(double baseLearningRate) {
            return new io.backprop.engine.optim.ExponentialSchedule(gamma);
        }
    }

    @JsonTypeName("cosine")
    @Schema(name = "CosineSchedule", description = """
            CosineAnnealingLR: from the base rate down to etaMin over tMax periods along a cosine, and on past tMax \
            along the same cosine (the rate climbs back).""")
    record Cosine(
            @Schema(description = UNIT) Regimen.Unit unit,
            @JsonProperty("tMax")
            @Schema(name = "tMax", description = "Periods of the half cosine from the base rate to etaMin.",
                    requiredMode = Schema.RequiredMode.REQUIRED)
            @Positive Long tMax,
            @Schema(description = "Lowest rate.")
            @Finite @PositiveOrZero Double etaMin) implements ScheduleSpec {

        @Override
        public List<FieldProblem> problems(String path) {
            return required(tMax, path + ".tMax");
        }

        @Override
        public Cosine completed() {
            return new Cosine(unitOrEpoch(unit), tMax, requireNonNullElse(etaMin, 0.0));
        }

        @Override
        public Schedule create(double baseLearningRate) {
            return new io.backprop.engine.optim.CosineSchedule(baseLearningRate, tMax, etaMin);
        }
    }

    @JsonTypeName("plateau")
    @Schema(name = "PlateauSchedule", description = """
            ReduceLROnPlateau in min mode with a relative threshold, on the epoch's training loss (or a job's validation \
            loss); epochs only.""")
    record Plateau(
            @Schema(description = UNIT) Regimen.Unit unit,
            @Schema(description = "Multiplier of the rate, below 1.")
            @Finite @Positive @DecimalMax(value = "1", inclusive = false) Double factor,
            @Schema(description = "Epochs without improvement before a decay.")
            @PositiveOrZero Long patience,
            @Schema(description = "Relative improvement that counts.")
            @Finite @PositiveOrZero Double threshold,
            @Schema(description = "Epochs after a decay before bad epochs count again.")
            @PositiveOrZero Long cooldown,
            @Schema(description = "Lowest rate.")
            @Finite @PositiveOrZero Double minLr) implements ScheduleSpec {

        @Override
        public List<FieldProblem> problems(String path) {
            if (unit == Regimen.Unit.STEP) {
                return List.of(new FieldProblem(path + ".unit",
                        "plateau watches the epoch's loss, so it counts epochs only; use unit epoch"));
            }
            return List.of();
        }

        @Override
        public Plateau completed() {
            return new Plateau(unitOrEpoch(unit), requireNonNullElse(factor, 0.1), requireNonNullElse(patience, 10L),
                    requireNonNullElse(threshold, 1e-4), requireNonNullElse(cooldown, 0L), requireNonNullElse(minLr, 0.0));
        }

        @Override
        public Schedule create(double baseLearningRate) {
            return new io.backprop.engine.optim.PlateauSchedule(factor, patience, threshold, cooldown, minLr);
        }
    }
}
