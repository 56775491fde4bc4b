package io.backprop.optimizer;

import io.backprop.engine.optim.Optimizer;
import io.backprop.engine.optim.Regimen;
import io.backprop.engine.optim.Schedule;
import io.backprop.web.FieldProblem;
import io.backprop.web.ProblemException;
import java.util.ArrayList;
import java.util.List;

/**
 * A network's training configuration, every part completed with its defaults; {@code clip} is
 * {@code null} for none.
 */
public record TrainingConfig(OptimizerSpec optimizer, ScheduleSpec schedule, ClipSpec clip) {

    /**
     * A whole configuration: an omitted optimizer is sgd, an omitted schedule constant, an omitted
     * clip none. Fails with 400 naming every invalid field.
     */
    public static TrainingConfig of(OptimizerSpec optimizer, ScheduleSpec schedule, ClipSpec clip) {
        OptimizerSpec optimizerGiven = optimizer == null ? OptimizerSpec.sgd(null) : optimizer;
        ScheduleSpec scheduleGiven = schedule == null ? ScheduleSpec.constant() : schedule;
        List<FieldProblem> problems = new ArrayList<>(optimizerGiven.problems("optimizer"));
        problems.addAll(scheduleGiven.problems("schedule"));
        if (clip != null) {
            problems.addAll(clip.problems("clip"));
        }
        if (!problems.isEmpty()) {
            throw ProblemException.invalid(problems);
        }
        return new TrainingConfig(optimizerGiven.completed(), scheduleGiven.completed(), clip);
    }

    /** The configuration a train request asks for: each part it gives replaces this one's, each part it omits stays. */
    public TrainingConfig with(OptimizerSpec newOptimizer, ScheduleSpec newSchedule, ClipSpec newClip) {
        return of(newOptimizer != null ? newOptimizer : optimizer, newSchedule != null ? newSchedule : schedule,
                newClip != null ? newClip : clip);
    }

    /** A fresh regimen: new optimizer state, schedule counters at zero. */
    public Regimen regimen() {
        return new Regimen(optimizer.create(), schedule.create(optimizer.learningRate()), schedule.unit(),
                clip == null ? null : clip.create(), 0);
    }

    /**
     * The regimen to continue with after moving from {@code previous} (trained as {@code current})
     * to this configuration, on a copy of {@code current}: an unchanged optimizer keeps its state,
     * an unchanged schedule (under an unchanged optimizer) its counters and decayed rate; whatever
     * changed starts afresh from the base learning rate.
     */
    public Regimen continuing(TrainingConfig previous, Regimen current) {
        if (equals(previous)) {
            return current.copy();
        }
        if (!optimizer.equals(previous.optimizer)) {
            return regimen();
        }
        Regimen copy = current.copy();
        Optimizer kept = copy.optimizer();
        boolean sameSchedule = schedule.equals(previous.schedule);
        Schedule schedule = sameSchedule ? copy.schedule() : this.schedule.create(optimizer.learningRate());
        if (!sameSchedule) {
            kept.learningRate(optimizer.learningRate());
        }
        return new Regimen(kept, schedule, this.schedule.unit(), clip == null ? null : clip.create(),
                sameSchedule ? copy.epochs() : 0);
    }
}
