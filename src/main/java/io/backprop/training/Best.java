package io.backprop.training;

import io.backprop.state.NetworkState;

/**
 * The best epoch so far by the monitored value, and early stopping's count of epochs without
 * improvement. Without early stopping it still tracks the best epoch (by validation loss when
 * there is validation, else by training loss) but never stops.
 */
final class Best {

    private final EarlyStoppingSpec.Monitor monitor;
    private final EarlyStoppingSpec stopping;
    private double value = Double.NaN;
    private int epochsWithoutImprovement;
    private NetworkState state;

    Best(EarlyStoppingSpec stopping, boolean validation) {
        this.stopping = stopping;
        this.monitor = stopping != null ? stopping.monitorOrDefault()
                : validation ? EarlyStoppingSpec.Monitor.VAL_LOSS : EarlyStoppingSpec.Monitor.LOSS;
    }

    /** Considers a finished epoch with the network's state after it; true when it is the new best. */
    boolean offer(JobEpoch epoch, NetworkState after) {
        Double observed = switch (monitor) {
            case VAL_LOSS -> epoch.valLoss();
            case VAL_ACCURACY -> epoch.valAccuracy();
            case LOSS -> epoch.loss();
        };
        if (observed == null) {
            return false;
        }
        double minDelta = stopping == null ? 0 : stopping.minDeltaOrDefault();
        boolean higherIsBetter = monitor == EarlyStoppingSpec.Monitor.VAL_ACCURACY;
        boolean improved = Double.isNaN(value)
                || (higherIsBetter ? observed > value + minDelta : observed < value - minDelta);
        if (!improved) {
            epochsWithoutImprovement++;
            return false;
        }
        value = observed;
        epochsWithoutImprovement = 0;
        if (stopping != null && stopping.restoresBest()) {
            state = after;
        }
        return true;
    }

    /** Whether early stopping's patience has run out. */
    boolean exhausted() {
        return stopping != null && epochsWithoutImprovement >= stopping.patienceOrDefault();
    }

    /** The state after the best epoch when its parameters are to be restored, else null. */
    NetworkState stateToRestore() {
        return state;
    }
}
