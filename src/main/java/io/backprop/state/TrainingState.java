package io.backprop.state;

import io.backprop.optimizer.ClipSpec;
import io.backprop.optimizer.OptimizerSpec;
import io.backprop.optimizer.ScheduleSpec;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How a network trains and where its training stands: the completed configuration ({@code clip}
 * null for none), the schedule's epoch and the optimizer's step counters, the rate the next step
 * uses, the optimizer's named buffers by state-dict key ({@code "0.weight" -> {"expAvg": …}}) and
 * the schedule's state.
 */
public record TrainingState(
        OptimizerSpec optimizer, ScheduleSpec schedule, ClipSpec clip,
        long epoch, long step,
        double learningRate,
        Map<String, Map<String, Tensor>> optimizerState,
        ScheduleState scheduleState) {

    public TrainingState {
        Map<String, Map<String, Tensor>> copy = new LinkedHashMap<>();
        optimizerState.forEach((key, buffers) -> copy.put(key, Collections.unmodifiableMap(new LinkedHashMap<>(buffers))));
        optimizerState = Collections.unmodifiableMap(copy);
    }
}
