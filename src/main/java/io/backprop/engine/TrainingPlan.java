package io.backprop.engine;

/**
 * How to go over a data set: {@code epochs} passes in mini-batches of {@code batchSize} rows (the
 * last one of an epoch may be smaller), reshuffled every epoch from {@code seed} when {@code shuffle}.
 */
public record TrainingPlan(int epochs, int batchSize, boolean shuffle, long seed) {

    public TrainingPlan {
        if (epochs < 1 || batchSize < 1) {
            throw new IllegalArgumentException("epochs and batchSize must be positive");
        }
    }
}
