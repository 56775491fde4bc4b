package io.backprop.state;

/** What a network has been trained on so far; {@code lastLoss} is null before training. */
public record Counters(long epochsTrained, long stepsTrained, long samplesSeen, Double lastLoss) {

    public static final Counters NONE = new Counters(0, 0, 0, null);

    /** These counters after {@code epochs} epochs of {@code steps} steps over {@code samples} rows ending at {@code loss}. */
    public Counters plus(long epochs, long steps, long samples, double loss) {
        return new Counters(epochsTrained + epochs, stepsTrained + steps, samplesSeen + samples, loss);
    }

    /** These counters after one more step over {@code samples} rows, the last loss unchanged. */
    public Counters stepped(long samples) {
        return new Counters(epochsTrained, stepsTrained + 1, samplesSeen + samples, lastLoss);
    }
}
