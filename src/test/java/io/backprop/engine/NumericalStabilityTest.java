package io.backprop.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.backprop.engine.kernels.BlasKernels;
import io.backprop.engine.kernels.JavaKernels;
import io.backprop.engine.kernels.Kernels;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The fused cross-entropies stay finite and exact at saturated logits (±40 and far beyond). */
class NumericalStabilityTest {

    @ParameterizedTest
    @EnumSource(Precision.class)
    void crossEntropyAtSaturatedLogits(Precision precision) {
        Network network = identityLogits(Activation.SOFTMAX, Loss.CROSS_ENTROPY, 3, precision);
        INDArray x = Matrices.fromRows(new double[][] {{40, -40, 0}, {1000, -1000, 0}}, precision);
        INDArray y = Matrices.fromRows(new double[][] {{0, 1, 0}, {0, 0, 1}}, precision);

        Workspace ws = network.workspace(2);
        network.forward(x, ws);
        double loss = network.backward(x, y, ws);

        assertThat(loss).isCloseTo((80 + 1000) / 2.0, within(1e-3));
        assertThat(ws.delta(0).toDoubleMatrix()[0]).containsExactly(new double[] {1, -1, 0}, within(1e-6));
        assertThat(ws.delta(0).toDoubleMatrix()[1]).containsExactly(new double[] {1, 0, -1}, within(1e-6));
    }

    @ParameterizedTest
    @EnumSource(Precision.class)
    void binaryCrossEntropyAtSaturatedLogits(Precision precision) {
        Network network = identityLogits(Activation.SIGMOID, Loss.BINARY_CROSS_ENTROPY, 2, precision);
        INDArray x = Matrices.fromRows(new double[][] {{40, -40}, {500, -500}}, precision);
        INDArray y = Matrices.fromRows(new double[][] {{0, 1}, {1, 0}}, precision);

        Workspace ws = network.workspace(2);
        network.forward(x, ws);
        double loss = network.backward(x, y, ws);

        assertThat(loss).isCloseTo(80 / 2.0, within(1e-4));
        assertThat(ws.delta(0).toDoubleMatrix()[0]).containsExactly(new double[] {1, -1}, within(1e-6));
        assertThat(ws.delta(0).toDoubleMatrix()[1]).containsExactly(new double[] {0, 0}, within(1e-6));
    }

    @Test
    void reluDerivativeAtZeroIsZeroAndLeakyReluKeepsItsSlope() {
        INDArray z = Matrices.fromRows(new double[][] {{-2, 0, 3}}, Precision.FLOAT64);
        INDArray ones = Matrices.fromRows(new double[][] {{1, 1, 1}}, Precision.FLOAT64);
        INDArray delta = z.ulike();

        for (Kernels kernels : new Kernels[] {new JavaKernels(), new BlasKernels(1, z.dataType())}) {
            Activation.RELU.backward(kernels, z, ones, delta);
            assertThat(delta.toDoubleVector()).containsExactly(0, 0, 1);
            Activation.LEAKY_RELU.backward(kernels, z, ones, delta);
            assertThat(delta.toDoubleVector()).containsExactly(0.01, 0.01, 1);
        }
    }

    /** One layer whose z equals its input, so the test sets the logits directly. */
    private static Network identityLogits(Activation output, Loss loss, int units, Precision precision) {
        double[][] identity = new double[units][units];
        for (int i = 0; i < units; i++) {
            identity[i][i] = 1;
        }
        return new Network(units, List.of(Networks.layer(identity, null, output, precision)), loss, precision);
    }
}
