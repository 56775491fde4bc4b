package io.backprop.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.backprop.engine.optim.Regimen;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/** A shuffled run that stops after some epochs and goes on in a new run ends bit for bit where an uninterrupted one does. */
class ResumedRunTest {

    private static final int[] SIZES = {3, 5, 2};
    private static final Activation[] ACTIVATIONS = {Activation.TANH, Activation.SIGMOID};

    @Test
    void aRunResumedAfterTwoEpochsEndsBitIdenticalToAnUninterruptedOne() {
        INDArray x = Matrices.fromRows(Networks.randomRows(1, 37, 3), Precision.FLOAT64);
        INDArray y = Matrices.fromRows(Networks.randomRows(2, 37, 2), Precision.FLOAT64);
        TrainingPlan plan = new TrainingPlan(5, 4, true, 11);
        Network whole = Networks.random(3, SIZES, ACTIVATIONS, true, Loss.MSE, Precision.FLOAT64);
        Network resumed = Networks.random(3, SIZES, ACTIVATIONS, true, Loss.MSE, Precision.FLOAT64);
        Regimen resumedRegimen = Networks.sgd(0.3);

        new Trainer(whole).train(x, y, plan, Networks.sgd(0.3));
        TrainingRun interrupted = new Trainer(resumed).start(x, y, plan, resumedRegimen);
        drive(interrupted, 2);
        TrainingRun goingOn = new Trainer(resumed).start(x, y, plan, resumedRegimen);
        goingOn.resumeAfter(2);
        drive(goingOn, plan.epochs());

        assertThat(goingOn.steps()).isEqualTo(5L * 10);
        for (int l = 0; l < SIZES.length - 1; l++) {
            assertThat(resumed.layers().get(l).weights().data().asBytes()).as("layer %d weights", l)
                    .isEqualTo(whole.layers().get(l).weights().data().asBytes());
            assertThat(resumed.layers().get(l).biases().data().asBytes()).isEqualTo(whole.layers().get(l).biases().data().asBytes());
        }
    }

    @Test
    void eachEpochHasItsOwnShuffleSeed() {
        assertThat(TrainingRun.epochSeed(7, 0)).isNotEqualTo(TrainingRun.epochSeed(7, 1));
        assertThat(Permutations.random(50, TrainingRun.epochSeed(7, 3))).isEqualTo(Permutations.random(50, TrainingRun.epochSeed(7, 3)))
                .isNotEqualTo(Permutations.random(50, TrainingRun.epochSeed(7, 4)));
    }

    private static void drive(TrainingRun run, int untilEpochs) {
        while (run.epochsDone() < untilEpochs) {
            run.step();
            if (run.epochComplete()) {
                run.endEpoch(run.epochLoss());
            }
        }
    }
}
