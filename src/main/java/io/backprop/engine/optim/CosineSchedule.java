package io.backprop.engine.optim;

/**
 * {@code CosineAnnealingLR}: from the base rate down to ηmin over tMax periods along a cosine,
 * and on past tMax along the same cosine (the rate climbs back), in PyTorch's recursive form.
 */
public final class CosineSchedule extends Schedule.Counted {

    private final double baseLearningRate;
    private final long tMax;
    private final double etaMin;

    public CosineSchedule(double baseLearningRate, long tMax, double etaMin) {
        this.baseLearningRate = baseLearningRate;
        this.tMax = tMax;
        this.etaMin = etaMin;
    }

    @Override
    double rate(double learningRate, double loss) {
        long t = count();
        if (Math.floorMod(t - 1 - tMax, 2 * tMax) == 0) {
            return learningRate + (baseLearningRate - etaMin) * (1 - Math.cos(Math.PI / tMax)) / 2;
        }
        return (1 + Math.cos(Math.PI * t / tMax)) / (1 + Math.cos(Math.PI * (t - 1) / tMax)) * (learningRate - etaMin) + etaMin;
    }
}
