package io.backprop.network;

import java.time.Instant;

/** A network's training counters at one moment; replaced whole, so readers never see a half update. */
record Counters(long epochsTrained, long stepsTrained, long samplesSeen, Double lastLoss, Instant updatedAt) {

    static Counters start(Instant now) {
        return new Counters(0, 0, 0, null, now);
    }

    Counters plus(long epochs, long steps, long samples, double loss, Instant now) {
        return new Counters(epochsTrained + epochs, stepsTrained + steps, samplesSeen + samples, loss, now);
    }

    /** One more step over {@code samples} rows, the last loss unchanged. */
    Counters stepped(long samples, Instant now) {
        return new Counters(epochsTrained, stepsTrained + 1, samplesSeen + samples, lastLoss, now);
    }

    Counters touched(Instant now) {
        return new Counters(epochsTrained, stepsTrained, samplesSeen, lastLoss, now);
    }
}
