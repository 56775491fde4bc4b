package io.backprop.engine;

/**
 * What a training run did: {@code steps} parameter updates over {@code samples} rows in
 * {@code epochs} epochs; {@code lossHistory[e]} is the mean of epoch e's mini-batch losses,
 * each taken in the forward pass before its update.
 */
public record TrainingResult(int epochs, long steps, long samples, double[] lossHistory) {

    public double lastLoss() {
        return lossHistory[lossHistory.length - 1];
    }
}
