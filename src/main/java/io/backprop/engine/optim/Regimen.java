package io.backprop.engine.optim;

import java.util.List;

/**
 * How a network trains: its optimizer, the learning-rate schedule stepped once per epoch or per
 * step, and optional gradient clipping, with the epochs and steps counted under them.
 * Mutable; {@link #copy()} gives an independent one, so a failed run can be discarded whole.
 */
public final class Regimen {

    /** When the schedule advances. */
    public enum Unit {
        EPOCH, STEP;

        @Override
        public String toString() {
            return name().toLowerCase();
        }
    }

    private final Optimizer optimizer;
    private final Schedule schedule;
    private final Unit unit;
    private final Clipping clipping;
    private long epochs;

    /** {@code clipping} may be {@code null} for none; {@code epochs} counts epochs already done under it. */
    public Regimen(Optimizer optimizer, Schedule schedule, Unit unit, Clipping clipping, long epochs) {
        this.optimizer = optimizer;
        this.schedule = schedule;
        this.unit = unit;
        this.clipping = clipping;
        this.epochs = epochs;
    }

    private Regimen(Regimen source) {
        this(source.optimizer.copy(), source.schedule.copy(), source.unit, source.clipping, source.epochs);
    }

    public Optimizer optimizer() {
        return optimizer;
    }

    public Schedule schedule() {
        return schedule;
    }

    /** Epochs completed under this regimen. */
    public long epochs() {
        return epochs;
    }

    /** Steps completed under this regimen. */
    public long steps() {
        return optimizer.steps();
    }

    /**
     * One update from the gradients of a mini-batch whose loss was {@code loss}: clip, optimizer
     * step, then the schedule when it counts steps. Returns the gradient norm before clipping,
     * or NaN without clipping.
     */
    public double step(List<Parameter> parameters, double loss) {
        double norm = clipping == null ? Double.NaN : clipping.clip(parameters);
        optimizer.step(parameters);
        stepDone(loss);
        return norm;
    }

    /** Whether a step is plain descent at the optimizer's rate with no clipping: {@link #stepApplied} after the backward pass applied it. */
    public boolean descendsPlainly() {
        return clipping == null && optimizer.plainDescent();
    }

    /** {@link #step} for an update the backward pass applied itself ({@link #descendsPlainly()}); returns NaN, as there is no clipping. */
    public double stepApplied(double loss) {
        optimizer.stepApplied();
        stepDone(loss);
        return Double.NaN;
    }

    private void stepDone(double loss) {
        if (unit == Unit.STEP) {
            optimizer.learningRate(schedule.next(optimizer.learningRate(), loss));
        }
    }

    /** After an epoch whose mean mini-batch loss was {@code loss}: the schedule when it counts epochs. */
    public void epochDone(double loss) {
        epochs++;
        if (unit == Unit.EPOCH) {
            optimizer.learningRate(schedule.next(optimizer.learningRate(), loss));
        }
    }

    public Regimen copy() {
        return new Regimen(this);
    }
}
