package io.backprop.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.backprop.reference.ReferenceNetwork;
import io.backprop.reference.ReferenceOptimizer;
import io.backprop.reference.ReferenceTraining;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Worked example 6: the PyTorch training loop — a 100-50-10 network with ReLU hidden units, MSE,
 * SGD at 0.01 for 1000 epochs, the loss read every 100 epochs — against the plain-Java reference
 * (this service's mse keeps the textbook ½Σ per sample, averaged over the batch).
 */
class PyTorchLoopWorkedExampleTest {

    @Test
    void thousandEpochsFollowTheReferenceAndTheLossFalls() {
        double[][] w1 = Networks.randomRows(1, 50, 100);
        double[][] w2 = Networks.randomRows(2, 10, 50);
        double[] b1 = Networks.randomRow(3, 50);
        double[] b2 = Networks.randomRow(4, 10);
        double[][] x = Networks.randomRows(5, 32, 100);
        double[][] y = Networks.randomRows(6, 32, 10);
        Network network = new Network(100, List.of(Networks.layer(w1, b1, Activation.RELU, Precision.FLOAT64),
                Networks.layer(w2, b2, Activation.IDENTITY, Precision.FLOAT64)), Loss.MSE, Precision.FLOAT64);
        ReferenceNetwork reference = new ReferenceNetwork(new int[] {100, 50, 10}, new String[] {"relu", "identity"},
                new double[][][] {w1, w2}, new double[][] {b1, b2});

        INDArray inputs = Matrices.fromRows(x, Precision.FLOAT64);
        INDArray targets = Matrices.fromRows(y, Precision.FLOAT64);
        TrainingResult result = new Trainer(network).train(inputs, targets, new TrainingPlan(1000, 32, false, 0), Networks.sgd(0.01));
        double[] expected = ReferenceTraining.train(reference, ReferenceOptimizer.sgd(0.01, 0, 0, false, 0), x, y, 1000, 32, 0, 0,
                false, (epoch, loss) -> 0.01);

        for (int epoch = 99; epoch < 1000; epoch += 100) {
            assertThat(result.lossHistory()[epoch]).as("loss at epoch %d", epoch + 1)
                    .isCloseTo(expected[epoch], within(1e-9 * expected[epoch]));
            if (epoch > 99) {
                assertThat(result.lossHistory()[epoch]).isLessThan(result.lossHistory()[epoch - 100]);
            }
        }
    }
}
