package io.backprop.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A shuffled epoch trains on the rows of its permutation, mini-batch by mini-batch: bit for bit what training in order
 * on the data set permuted beforehand gives, the shorter last batch included, and the data set is left as it was.
 */
class ShuffledEpochTest {

    private static final int[] SIZES = {3, 5, 2};
    private static final Activation[] ACTIVATIONS = {Activation.RELU, Activation.SOFTMAX};

    @Test
    void aShuffledEpochIsAnEpochInOrderOverThePermutedRows() {
        for (Precision precision : Precision.values()) {
            INDArray x = Matrices.fromRows(Networks.randomRows(1, 37, 3), precision);
            INDArray y = Matrices.fromRows(Networks.randomRows(2, 37, 2), precision);
            INDArray xBefore = x.dup();
            INDArray yBefore = y.dup();
            long seed = 11;
            int[] order = Permutations.random(37, TrainingRun.epochSeed(seed, 0));
            Network shuffled = Networks.random(3, SIZES, ACTIVATIONS, true, Loss.CROSS_ENTROPY, precision);
            Network permuted = Networks.random(3, SIZES, ACTIVATIONS, true, Loss.CROSS_ENTROPY, precision);

            TrainingResult fromShuffle = new Trainer(shuffled).train(x, y, new TrainingPlan(1, 8, true, seed), Networks.sgd(0.3));
            TrainingResult inOrder = new Trainer(permuted).train(Nd4j.pullRows(x, 1, order), Nd4j.pullRows(y, 1, order),
                    new TrainingPlan(1, 8, false, seed), Networks.sgd(0.3));

            assertThat(fromShuffle.steps()).isEqualTo(5);
            assertThat(fromShuffle.lossHistory()).as("%s epoch loss", precision).isEqualTo(inOrder.lossHistory());
            for (int l = 0; l < SIZES.length - 1; l++) {
                assertThat(shuffled.layers().get(l).weights().data().asBytes()).as("%s layer %d weights", precision, l)
                        .isEqualTo(permuted.layers().get(l).weights().data().asBytes());
                assertThat(shuffled.layers().get(l).biases().data().asBytes()).as("%s layer %d biases", precision, l)
                        .isEqualTo(permuted.layers().get(l).biases().data().asBytes());
            }
            assertThat(x).isEqualTo(xBefore);
            assertThat(y).isEqualTo(yBefore);
        }
    }
}
