package io.backprop.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Worked example 2: 1-1-1 with a sigmoid hidden unit and a linear output, x = 1, t = 0.5, learning rate 0.1. */
class SigmoidHiddenUnitWorkedExampleTest {

    /** The article prints three decimals, some of them from already rounded intermediates (−0.2 × 0.668 → −0.134). */
    private static final double PRINTED = 1e-3;

    @Test
    void oneStepMatchesThePrintedValues() {
        Network network = new Network(1, List.of(
                Networks.layer(new double[][] {{0.5}}, new double[] {0.2}, Activation.SIGMOID, Precision.FLOAT64),
                Networks.layer(new double[][] {{0.3}}, new double[] {0.1}, Activation.IDENTITY, Precision.FLOAT64)),
                Loss.MSE, Precision.FLOAT64);
        INDArray x = Matrices.fromRows(new double[][] {{1}}, Precision.FLOAT64);
        INDArray t = Matrices.fromRows(new double[][] {{0.5}}, Precision.FLOAT64);

        StepTrace step = BackpropStep.run(network, x, t, 0.1, true);
        LayerStep hidden = step.layers().get(0);
        LayerStep output = step.layers().get(1);

        assertThat(hidden.z().getDouble(0, 0)).isCloseTo(0.7, within(1e-15));
        assertThat(hidden.a().getDouble(0, 0)).isCloseTo(0.668, within(PRINTED));
        assertThat(step.output().getDouble(0, 0)).isCloseTo(0.300, within(PRINTED));
        assertThat(step.loss()).isCloseTo(0.020, within(PRINTED));
        assertThat(output.delta().getDouble(0, 0)).isCloseTo(-0.200, within(PRINTED));
        assertThat(output.weightGradient().getDouble(0, 0)).isCloseTo(-0.134, within(PRINTED));
        assertThat(output.biasGradient().getDouble(0, 0)).isCloseTo(-0.200, within(PRINTED));
        assertThat(hidden.delta().getDouble(0, 0)).isCloseTo(-0.013, within(PRINTED));
        assertThat(hidden.weightGradient().getDouble(0, 0)).isCloseTo(-0.013, within(PRINTED));
        assertThat(hidden.biasGradient().getDouble(0, 0)).isCloseTo(-0.013, within(PRINTED));
        assertThat(network.layers().get(1).weights().getDouble(0, 0)).isCloseTo(0.313, within(PRINTED));
        assertThat(network.layers().get(1).biases().getDouble(0, 0)).isCloseTo(0.120, within(PRINTED));
        assertThat(network.layers().get(0).weights().getDouble(0, 0)).isCloseTo(0.501, within(PRINTED));
        assertThat(network.layers().get(0).biases().getDouble(0, 0)).isCloseTo(0.201, within(PRINTED));
    }
}
