package io.backprop.engine;

/**
 * What a training run did: {@code steps} parameter updates over {@code samples} rows in
 * {@code epochs} epochs. Per epoch e: {@code lossHistory[e]}, the mean of its mini-batch losses
 * (each taken in the forward pass before its update); {@code learningRates[e]}, the rate its first
 * step used; {@code gradientNorms[e]}, the mean global gradient norm before clipping (NaN without
 * clipping), of which {@code lastGradientNorm} is the last step's; {@code epochMillis[e]}, its wall time.
 */
public record TrainingResult(int epochs, long steps, long samples, double[] lossHistory, double[] learningRates,
                             double[] gradientNorms, double lastGradientNorm, long[] epochMillis) {

    public double lastLoss() {
        return lossHistory[lossHistory.length - 1];
    }
}
