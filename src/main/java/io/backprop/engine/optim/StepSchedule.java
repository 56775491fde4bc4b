package io.backprop.engine.optim;

/** {@code StepLR}: the rate is multiplied by γ every {@code stepSize} periods. */
public final class StepSchedule extends Schedule.Counted {

    private final long stepSize;
    private final double gamma;

    public StepSchedule(long stepSize, double gamma) {
        this.stepSize = stepSize;
        this.gamma = gamma;
    }

    @Override
    double rate(double learningRate, double loss) {
        return count() % stepSize == 0 ? learningRate * gamma : learningRate;
    }
}
