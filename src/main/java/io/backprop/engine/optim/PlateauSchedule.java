package io.backprop.engine.optim;

/**
 * {@code ReduceLROnPlateau} in {@code min} mode with a relative threshold: when the loss has not
 * fallen below best·(1 − threshold) for more than {@code patience} periods, the rate is multiplied
 * by {@code factor} (not below {@code minLr}, and only by more than 1e-8), then {@code cooldown}
 * periods pass before bad periods count again.
 */
public final class PlateauSchedule extends Schedule.Counted {

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
