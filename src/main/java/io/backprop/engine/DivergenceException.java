package io.backprop.engine;

/** Training produced a non-finite loss or parameter; the parameters are left as they were when it was found. */
public final class DivergenceException extends RuntimeException {

    private final int epoch;
    private final long step;
    private final String reason;

    public DivergenceException(int epoch, long step, String reason) {
        super("training diverged at epoch " + epoch + ", step " + step + ": " + reason);
        this.epoch = epoch;
        this.step = step;
        this.reason = reason;
    }

    /** What was found non-finite, such as "the loss is NaN". */
    public String reason() {
        return reason;
    }

    /** 1-based epoch of the call in which it happened. */
    public int epoch() {
        return epoch;
    }

    /** 1-based step of the call in which it happened. */
    public long step() {
        return step;
    }
}
