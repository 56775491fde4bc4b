package io.backprop.state;

import java.util.Map;

/** A schedule's periods completed and what else it has learnt by name (plateau: best, badPeriods, cooldownLeft). */
public record ScheduleState(long count, Map<String, Double> values) {

    public ScheduleState {
        values = Map.copyOf(values);
    }
}
