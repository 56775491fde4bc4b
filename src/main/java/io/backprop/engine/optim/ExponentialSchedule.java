package io.backprop.engine.optim;

/** {@code ExponentialLR}: the rate is multiplied by γ every period. */
public final class ExponentialSchedule extends Schedule.Counted {

    private final double gamma;

    public ExponentialSchedule(double gamma) {
        this.gamma = gamma;
    }

    @Override
    double rate(double learningRate, double loss) {
        return learningRate * gamma;
    }
}
