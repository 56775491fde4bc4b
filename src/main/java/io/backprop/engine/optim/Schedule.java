package io.backprop.engine.optim;

import java.util.Map;

/**
 * A learning-rate schedule, as {@code torch.optim.lr_scheduler}: after each epoch (or step) it
 * is told the learning rate just used and that period's loss, and answers the next rate.
 * Implementations follow PyTorch's recursive {@code get_lr}, so rates agree to the bit.
 */
public interface Schedule {

    /** Advances the counter past one period that used {@code learningRate} and ended with {@code loss}. */
    double next(double learningRate, double loss);

    /** Periods completed. */
    long count();

    /** What the schedule has learnt besides its count, by name (plateau: best, badPeriods, cooldownLeft); empty for most. */
    Map<String, Double> values();

    /** Takes {@code count} periods as completed and {@code values} as what {@link #values()} answered then. */
    void restore(long count, Map<String, Double> values);

    /** An independent copy, counters included. */
    Schedule copy();

    /** A constant rate. */
    static Schedule constant() {
        return new Counted() {
            @Override
            double rate(double learningRate, double loss) {
                return learningRate;
            }
        };
    }

    /** The counter every schedule keeps: PyTorch's {@code last_epoch}. */
    abstract class Counted implements Schedule, Cloneable {

        private long count;

        @Override
        public final double next(double learningRate, double loss) {
            count++;
            return rate(learningRate, loss);
        }

        /** The rate after {@link #count()} periods, given the last one's rate and loss. */
        abstract double rate(double learningRate, double loss);

        @Override
        public long count() {
            return count;
        }

        @Override
        public Map<String, Double> values() {
            return Map.of();
        }

        @Override
        public void restore(long count, Map<String, Double> values) {
            this.count = count;
            restoreValues(values);
        }

        /** Takes back what {@link #values()} answered; a schedule that learns nothing ignores it. */
        void restoreValues(Map<String, Double> values) {
        }

        @Override
        public Schedule copy() {
            try {
                return (Schedule) clone();
            } catch (CloneNotSupportedException impossible) {
                throw new IllegalStateException(impossible);
            }
        }
    }
}
