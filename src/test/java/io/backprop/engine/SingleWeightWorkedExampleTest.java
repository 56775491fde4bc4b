package io.backprop.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Worked example 1: f(x) = w·x with no bias, w = 0, x = 1, t = 1, mse, learning rate 0.5, two steps by hand. */
class SingleWeightWorkedExampleTest {

    @Test
    void twoStepsOfGradientDescentMatchTheTable() {
        Network network = new Network(1, List.of(Networks.layer(new double[][] {{0}}, null, Activation.IDENTITY, Precision.FLOAT64)),
                Loss.MSE, Precision.FLOAT64);
        INDArray x = Matrices.fromRows(new double[][] {{1}}, Precision.FLOAT64);
        INDArray t = Matrices.fromRows(new double[][] {{1}}, Precision.FLOAT64);

        StepTrace first = BackpropStep.run(network, x, t, 0.5, true);
        StepTrace second = BackpropStep.run(network, x, t, 0.5, true);

        assertStep(first, 0, 0.5, -1, 0.5);
        assertStep(second, 0.5, 0.125, -0.5, 0.75);
        assertThat(first.layers().get(0).biasGradient()).isNull();
    }

    private static void assertStep(StepTrace step, double prediction, double loss, double gradient, double weightAfter) {
        assertThat(step.output().getDouble(0, 0)).isEqualTo(prediction);
        assertThat(step.loss()).isEqualTo(loss);
        assertThat(step.layers().get(0).weightGradient().getDouble(0, 0)).isEqualTo(gradient);
        assertThat(step.layers().get(0).updatedWeights().getDouble(0, 0)).isCloseTo(weightAfter, within(1e-15));
    }
}
