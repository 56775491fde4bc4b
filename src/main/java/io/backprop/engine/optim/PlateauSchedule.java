package io.backprop.engine.optim;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code ReduceLROnPlateau} in {@code min} mode with a relative threshold: when the loss has not
 * fallen below best·(1 − threshold) for more than {@code patience} periods, the rate is multiplied
 * by {@code factor} (not below {@code minLr}, and only by more than 1e-8), then {@code cooldown}
 * periods pass before bad periods count again.
 */
public final class PlateauSchedule extends Schedule.Counted {

    public static final String BEST = "best";
    public static final String BAD_PERIODS = "badPeriods";
    public static final String COOLDOWN_LEFT = "cooldownLeft";
    private static final double MIN_CHANGE = 1e-8;

    private final double factor;
    private final long patience;
    private final double threshold;
    private final long cooldown;
    private final double minLr;
    private double best = Double.POSITIVE_INFINITY;
    private long badPeriods;
    private long cooldownLeft;

    public PlateauSchedule(double factor, long patience, double threshold, long cooldown, double minLr) {
        this.factor = factor;
        this.patience = patience;
        this.threshold = threshold;
        this.cooldown = cooldown;
        this.minLr = minLr;
    }

    @Override
    public Map<String, Double> values() {
        Map<String, Double> values = new LinkedHashMap<>();
        values.put(BEST, best);
        values.put(BAD_PERIODS, (double) badPeriods);
        values.put(COOLDOWN_LEFT, (double) cooldownLeft);
        return values;
    }

    @Override
    void restoreValues(Map<String, Double> values) {
        best = value(values, BEST);
        badPeriods = (long) value(values, BAD_PERIODS);
        cooldownLeft = (long) value(values, COOLDOWN_LEFT);
    }

    private static double value(Map<String, Double> values, String name) {
        Double value = values.get(name);
        if (value == null) {
            throw new IllegalArgumentException("the plateau schedule's state has no " + name);
        }
        return value;
    }

    @Override
    double rate(double learningRate, double loss) {
        if (loss < best * (1 - threshold)) {
            best = loss;
            badPeriods = 0;
        } else {
            badPeriods++;
        }
        if (cooldownLeft > 0) {
            cooldownLeft--;
            badPeriods = 0;
        }
        if (badPeriods > patience) {
            badPeriods = 0;
            cooldownLeft = cooldown;
            double reduced = Math.max(learningRate * factor, minLr);
            return learningRate - reduced > MIN_CHANGE ? reduced : learningRate;
        }
        return learningRate;
    }
}
