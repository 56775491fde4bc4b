package io.backprop.network;

import java.util.List;

/** The learning-rate schedules, and the optional fields each one takes besides {@code type} and {@code unit}. */
public enum ScheduleType {
    CONSTANT(List.of()),
    STEP(List.of("stepSize", "gamma")),
    MULTISTEP(List.of("milestones", "gamma")),
    EXPONENTIAL(List.of("gamma")),
    COSINE(List.of("tMax", "etaMin")),
    PLATEAU(List.of("factor", "patience", "threshold", "cooldown", "minLr"));

    private final List<String> fields;

    ScheduleType(List<String> fields) {
        this.fields = fields;
    }

    List<String> fields() {
        return fields;
    }

    @Override
    public String toString() {
        return name().toLowerCase();
    }
}
