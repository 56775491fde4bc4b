package io.backprop.engine;

/** Training produced a non-finite loss or parameter; the parameters were restored. */
public final class DivergenceException extends RuntimeException {

    private final int epoch;
    private final long step;

    public DivergenceException(int epoch, long step, String what) {
        super("training diverged at epoch " + epoch + ", step " + step + ": " + what);
        this.epoch = epoch;
        this.step = step;
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
