package io.backprop.training;

import io.backprop.state.NetworkState;
import java.nio.ByteBuffer;

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

    /**
     * What a job's checkpoint keeps of it: the best value so far, the epochs without improvement, and the best epoch's
     * state when it is to be restored.
     */
    byte[] checkpoint() {
        byte[] best = state == null ? new byte[0] : state.encode();
        return ByteBuffer.allocate(Double.BYTES + Integer.BYTES + best.length).putDouble(value).putInt(epochsWithoutImprovement)
                .put(best).array();
    }

    /** Goes on from a job's {@link #checkpoint()}. */
    void resume(byte[] checkpoint) {
        ByteBuffer bytes = ByteBuffer.wrap(checkpoint);
        value = bytes.getDouble();
        epochsWithoutImprovement = bytes.getInt();
        if (bytes.hasRemaining()) {
            byte[] best = new byte[bytes.remaining()];
            bytes.get(best);
            state = NetworkState.decode(best);
        }
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

    /**
     * Whether early stopping's patience has run out: the last epoch did not improve, and neither did the
     * {@code patience - 1} before it (with patience 0, the first epoch that does not improve stops the job).
     */
    boolean exhausted() {
        return stopping != null && epochsWithoutImprovement > 0 && epochsWithoutImprovement >= stopping.patienceOrDefault();
    }

    /** The state after the best epoch when its parameters are to be restored, else null. */
    NetworkState stateToRestore() {
        return state;
    }
}
