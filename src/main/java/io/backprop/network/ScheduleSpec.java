package io.backprop.network;

import static io.backprop.network.TypedFields.orDefault;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.backprop.engine.optim.CosineSchedule;
import io.backprop.engine.optim.ExponentialSchedule;
import io.backprop.engine.optim.MultiStepSchedule;
import io.backprop.engine.optim.PlateauSchedule;
import io.backprop.engine.optim.Regimen;
import io.backprop.engine.optim.Schedule;
import io.backprop.engine.optim.StepSchedule;
import io.backprop.web.FieldProblem;
import io.backprop.web.Finite;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

@Schema(description = """
        Learning-rate schedule, exactly as its torch.optim.lr_scheduler namesake, stepped after every epoch \
        (or every step with unit "step"), its counters kept across train calls. constant; step {stepSize, gamma 0.1}; \
        multistep {milestones, gamma 0.1}; exponential {gamma}; cosine {tMax, etaMin 0} (CosineAnnealingLR, which \
        climbs back past tMax); plateau {factor 0.1, patience 10, threshold 1e-4, cooldown 0, minLr 0} \
        (ReduceLROnPlateau, min mode, relative threshold, on the epoch's training loss; epochs only).""")
public record ScheduleSpec(
        @Schema(description = "Schedule.", defaultValue = "constant", example = "cosine")
        ScheduleType type,
        @Schema(description = "What the schedule counts: epochs or optimizer steps.", defaultValue = "epoch")
        Regimen.Unit unit,
        @Schema(description = "step: periods between decays.")
        @Positive Long stepSize,
        @Schema(description = "step, multistep: 0.1 by default; exponential: required. Multiplier of the rate.")
        @Finite @Positive Double gamma,
        @Schema(description = "multistep: the periods after which the rate is multiplied by gamma.")
        List<@NotNull @Positive Long> milestones,
        @JsonProperty("tMax")
        @Schema(name = "tMax", description = "cosine: periods of the half cosine from the base rate to etaMin.")
        @Positive Long tMax,
        @Schema(description = "cosine: lowest rate.", defaultValue = "0")
        @Finite @PositiveOrZero Double etaMin,
        @Schema(description = "plateau: multiplier of the rate, below 1; default 0.1.")
        @Finite @Positive @DecimalMax(value = "1", inclusive = false) Double factor,
        @Schema(description = "plateau: epochs without improvement before a decay.", defaultValue = "10")
        @PositiveOrZero Long patience,
        @Schema(description = "plateau: relative improvement that counts; default 1e-4.")
        @Finite @PositiveOrZero Double threshold,
        @Schema(description = "plateau: epochs after a decay before bad epochs count again.", defaultValue = "0")
        @PositiveOrZero Long cooldown,
        @Schema(description = "plateau: lowest rate.", defaultValue = "0")
        @Finite @PositiveOrZero Double minLr) {

    static ScheduleSpec constant() {
        return new ScheduleSpec(ScheduleType.CONSTANT, Regimen.Unit.EPOCH, null, null, null, null, null, null, null, null, null, null);
    }

    ScheduleType effectiveType() {
        return type == null ? ScheduleType.CONSTANT : type;
    }

    List<FieldProblem> problems(String path) {
        ScheduleType kind = effectiveType();
        List<FieldProblem> problems = new ArrayList<>(TypedFields.foreign(path, kind, kind.fields(), "type, unit",
                "stepSize", stepSize, "gamma", gamma, "milestones", milestones, "tMax", tMax, "etaMin", etaMin, "factor", factor,
                "patience", patience, "threshold", threshold, "cooldown", cooldown, "minLr", minLr));
        require(kind == ScheduleType.STEP, stepSize, path + ".stepSize", problems);
        require(kind == ScheduleType.MULTISTEP, milestones, path + ".milestones", problems);
        require(kind == ScheduleType.EXPONENTIAL, gamma, path + ".gamma", problems);
        require(kind == ScheduleType.COSINE, tMax, path + ".tMax", problems);
        if (kind == ScheduleType.PLATEAU && unit == Regimen.Unit.STEP) {
            problems.add(new FieldProblem(path + ".unit", "plateau watches the epoch's loss, so it counts epochs only; use unit epoch"));
        }
        return problems;
    }

    private static void require(boolean needed, Object value, String field, List<FieldProblem> problems) {
        if (needed && value == null) {
            problems.add(new FieldProblem(field, "is required for this schedule"));
        }
    }

    /** This schedule with its omitted fields at their defaults. */
    ScheduleSpec completed() {
        ScheduleType kind = effectiveType();
        boolean plateau = kind == ScheduleType.PLATEAU;
        return new ScheduleSpec(kind, unit == null ? Regimen.Unit.EPOCH : unit, stepSize,
                kind == ScheduleType.STEP || kind == ScheduleType.MULTISTEP ? Double.valueOf(orDefault(gamma, 0.1)) : gamma,
                milestones, tMax,
                kind == ScheduleType.COSINE ? orDefault(etaMin, 0) : null,
                plateau ? orDefault(factor, 0.1) : null,
                plateau ? Objects.requireNonNullElse(patience, 10L) : null,
                plateau ? orDefault(threshold, 1e-4) : null,
                plateau ? Objects.requireNonNullElse(cooldown, 0L) : null,
                plateau ? orDefault(minLr, 0) : null);
    }

    /** A fresh schedule of a {@link #completed()} configuration starting from {@code baseLearningRate}. */
    Schedule create(double baseLearningRate) {
        return switch (type) {
            case CONSTANT -> Schedule.constant();
            case STEP -> new StepSchedule(stepSize, gamma);
            case MULTISTEP -> new MultiStepSchedule(milestones, gamma);
            case EXPONENTIAL -> new ExponentialSchedule(gamma);
            case COSINE -> new CosineSchedule(baseLearningRate, tMax, etaMin);
            case PLATEAU -> new PlateauSchedule(factor, patience, threshold, cooldown, minLr);
        };
    }
}
