package io.backprop.training;

import static org.assertj.core.api.Assertions.assertThat;

import io.backprop.engine.Activation;
import io.backprop.engine.Loss;
import io.backprop.engine.Precision;
import io.backprop.optimizer.TrainingConfig;
import io.backprop.state.Counters;
import io.backprop.state.LayerShape;
import io.backprop.state.LayerTensors;
import io.backprop.state.NetworkSpec;
import io.backprop.state.NetworkState;
import io.backprop.state.ScheduleState;
import io.backprop.state.Tensor;
import io.backprop.state.TrainingState;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Early stopping's bookkeeping: patience, minDelta, the monitored value's direction and the best epoch's state. */
class BestTest {

    @Test
    void patienceCountsEpochsWithoutImprovementAndAnImprovementResetsIt() {
        Best best = new Best(new EarlyStoppingSpec(EarlyStoppingSpec.Monitor.LOSS, 2, null, null), false);

        assertThat(best.offer(epoch(1, 1.0), state(1))).isTrue();
        assertThat(best.offer(epoch(2, 1.0), state(2))).isFalse();
        assertThat(best.exhausted()).isFalse();
        assertThat(best.offer(epoch(3, 0.9), state(3))).isTrue();
        assertThat(best.offer(epoch(4, 0.95), state(4))).isFalse();
        assertThat(best.exhausted()).isFalse();
        assertThat(best.offer(epoch(5, 0.9), state(5))).isFalse();
        assertThat(best.exhausted()).isTrue();
    }

    /** Patience 0 tolerates no epoch without improvement: the first one that does not improve stops, improving ones never do. */
    @Test
    void patienceZeroStopsAtTheFirstEpochThatDoesNotImprove() {
        Best best = new Best(new EarlyStoppingSpec(EarlyStoppingSpec.Monitor.LOSS, 0, null, null), false);

        assertThat(best.offer(epoch(1, 1.0), state(1))).isTrue();
        assertThat(best.exhausted()).as("after an improving first epoch").isFalse();
        assertThat(best.offer(epoch(2, 0.5), state(2))).isTrue();
        assertThat(best.exhausted()).as("after an improving second epoch").isFalse();
        assertThat(best.offer(epoch(3, 0.6), state(3))).isFalse();
        assertThat(best.exhausted()).as("after the first epoch without improvement").isTrue();
    }

    @Test
    void anImprovementMustExceedMinDelta() {
        Best best = new Best(new EarlyStoppingSpec(EarlyStoppingSpec.Monitor.LOSS, 1, 0.1, null), false);

        assertThat(best.offer(epoch(1, 1.0), state(1))).isTrue();
        assertThat(best.offer(epoch(2, 0.9), state(2))).as("exactly minDelta lower").isFalse();
        assertThat(best.exhausted()).isTrue();
        assertThat(best.offer(epoch(3, 0.89), state(3))).as("more than minDelta lower").isTrue();
        assertThat(best.exhausted()).isFalse();
    }

    @Test
    void validationAccuracyImprovesUpwards() {
        Best best = new Best(new EarlyStoppingSpec(EarlyStoppingSpec.Monitor.VAL_ACCURACY, 1, 0.01, null), true);

        assertThat(best.offer(validated(1, 1.0, 0.5, 0.60), state(1))).isTrue();
        assertThat(best.offer(validated(2, 1.0, 0.1, 0.55), state(2))).as("lower accuracy, lower validation loss").isFalse();
        assertThat(best.offer(validated(3, 1.0, 0.9, 0.62), state(3))).as("higher accuracy, higher validation loss").isTrue();
    }

    @Test
    void theDefaultMonitorIsValidationLossWithPatienceFive() {
        Best best = new Best(new EarlyStoppingSpec(null, null, null, null), true);

        assertThat(best.offer(validated(1, 1.0, 0.5, 0.5), state(1))).isTrue();
        for (int e = 2; e <= 6; e++) {
            assertThat(best.exhausted()).as("after epoch %d", e - 1).isFalse();
            assertThat(best.offer(validated(e, 1.0 / e, 0.5, 0.5), state(e))).as("training loss falls, validation loss does not").isFalse();
        }
        assertThat(best.exhausted()).isTrue();
    }

    @Test
    void withoutEarlyStoppingTheBestEpochIsTrackedButNothingStopsOrIsKept() {
        Best best = new Best(null, true);

        assertThat(best.offer(validated(1, 1.0, 0.8, 0.5), state(1))).isTrue();
        for (int e = 2; e < 50; e++) {
            assertThat(best.offer(validated(e, 0.1, 0.9, 0.5), state(e))).isFalse();
        }
        assertThat(best.exhausted()).isFalse();
        assertThat(best.stateToRestore()).isNull();
    }

    @Test
    void anEpochWithoutTheMonitoredValueNeitherImprovesNorCounts() {
        Best best = new Best(new EarlyStoppingSpec(EarlyStoppingSpec.Monitor.VAL_LOSS, 1, null, null), true);

        assertThat(best.offer(epoch(1, 1.0), state(1))).isFalse();
        assertThat(best.exhausted()).isFalse();
        assertThat(best.offer(validated(2, 1.0, 0.5, 0.5), state(2))).isTrue();
        assertThat(best.offer(epoch(3, 0.1), state(3))).isFalse();
        assertThat(best.exhausted()).isFalse();
        assertThat(best.offer(validated(4, 1.0, 0.6, 0.5), state(4))).isFalse();
        assertThat(best.exhausted()).isTrue();
    }

    @Test
    void restoreBestKeepsTheStateAfterTheBestEpochOnly() {
        Best best = new Best(new EarlyStoppingSpec(EarlyStoppingSpec.Monitor.LOSS, 3, null, true), false);

        best.offer(epoch(1, 1.0), state(1));
        best.offer(epoch(2, 0.5), state(2));
        best.offer(epoch(3, 0.7), state(3));

        assertThat(best.stateToRestore()).isEqualTo(state(2));
        assertThat(new Best(new EarlyStoppingSpec(EarlyStoppingSpec.Monitor.LOSS, 3, null, false), false).stateToRestore()).isNull();
    }

    @Test
    void aCheckpointResumesTheBestValueTheCountAndTheBestState() {
        Best best = new Best(new EarlyStoppingSpec(EarlyStoppingSpec.Monitor.LOSS, 2, null, true), false);
        best.offer(epoch(1, 0.5), state(1));
        best.offer(epoch(2, 0.6), state(2));

        Best resumed = new Best(new EarlyStoppingSpec(EarlyStoppingSpec.Monitor.LOSS, 2, null, true), false);
        resumed.resume(best.checkpoint());

        assertThat(resumed.stateToRestore()).isEqualTo(state(1));
        assertThat(resumed.offer(epoch(3, 0.5), state(3))).as("no better than the resumed best").isFalse();
        assertThat(resumed.exhausted()).as("the second epoch without improvement, counting the one before the checkpoint").isTrue();
    }

    private static JobEpoch epoch(int epoch, double loss) {
        return new JobEpoch(epoch, loss, null, null, 0.1, 1);
    }

    private static JobEpoch validated(int epoch, double loss, double valLoss, double valAccuracy) {
        return new JobEpoch(epoch, loss, valLoss, valAccuracy, 0.1, 1);
    }

    /** A one-weight network whose weight is {@code w}, standing for the state after an epoch. */
    private static NetworkState state(double w) {
        TrainingConfig config = TrainingConfig.of(null, null, null);
        NetworkSpec spec = new NetworkSpec("best", 1, List.of(new LayerShape(1, Activation.IDENTITY, false)), Loss.MSE, Precision.FLOAT64);
        return new NetworkState(spec,
                List.of(new LayerTensors(new Tensor(Precision.FLOAT64, new int[] {1, 1}, new double[] {w}), null)),
                new TrainingState(config.optimizer(), config.schedule(), null, 0, 0, 0.1, Map.of(), new ScheduleState(0, Map.of())),
                Counters.NONE);
    }
}
