package io.backprop.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.backprop.engine.kernels.JavaKernels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A predictor gives, row by row, the forward pass of the plain-Java matrix kernels: bit for bit in
 * float64, to float32 rounding in float32; flat and nested inputs alike; and it keeps the
 * parameters it was made from.
 */
class PredictorTest {

    private static final LayerKernels JAVA = new LayerKernels(new JavaKernels(), new JavaKernels());

    @ParameterizedTest
    @EnumSource(Precision.class)
    void rowsEqualTheMatrixForwardPassOfThePlainJavaKernels(Precision precision) {
        for (Activation activation : Activation.values()) {
            for (boolean bias : new boolean[] {true, false}) {
                Loss loss = activation == Activation.SOFTMAX ? Loss.CROSS_ENTROPY : Loss.MSE;
                Network network = Networks.random(5, new int[] {787, 130, 10}, new Activation[] {activation, activation}, bias,
                        loss, precision);
                double[][] x = Networks.randomRows(11, 2, 787);
                double[][] expected = javaForward(network, x);

                double[][] predicted = Predictor.of(network).predict(x);

                for (int i = 0; i < x.length; i++) {
                    for (int j = 0; j < 10; j++) {
                        String what = precision + " " + activation + " bias " + bias + " row " + i + " output " + j;
                        if (precision == Precision.FLOAT64) {
                            assertThat(predicted[i][j]).as(what).isEqualTo(expected[i][j]);
                        } else {
                            assertThat(predicted[i][j]).as(what)
                                    .isCloseTo(expected[i][j], within(1e-5 * Math.max(1, Math.abs(expected[i][j]))));
                        }
                    }
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Precision.class)
    void flatRowsGiveTheNestedRowsAnswers(Precision precision) {
        Network network = Networks.random(3, new int[] {9, 6, 4}, new Activation[] {Activation.TANH, Activation.SOFTMAX}, true,
                Loss.CROSS_ENTROPY, precision);
        double[][] x = Networks.randomRows(4, 3, 9);
        double[] flat = new double[27];
        for (int i = 0; i < 3; i++) {
            System.arraycopy(x[i], 0, flat, i * 9, 9);
        }
        Predictor predictor = Predictor.of(network);

        double[][] nested = predictor.predict(x);
        double[] flatAnswer = predictor.predict(flat, 3);

        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 4; j++) {
                assertThat(flatAnswer[i * 4 + j]).isEqualTo(nested[i][j]);
            }
        }
    }

    @Test
    void keepsTheParametersItWasMadeFrom() {
        Network network = Networks.mazur(Precision.FLOAT64);
        double[][] x = {{0.05, 0.10}};
        Predictor predictor = Predictor.of(network);
        double[][] before = predictor.predict(x);

        network.layers().get(1).biases().addi(1);

        assertThat(predictor.predict(x)).isDeepEqualTo(before);
        assertThat(Predictor.of(network).predict(x)[0][0]).isNotEqualTo(before[0][0]);
    }

    /** The forward pass of x through the plain-Java matrix kernels, every layer in one matrix. */
    private static double[][] javaForward(Network network, double[][] x) {
        INDArray aPrev = Matrices.fromRows(x, network.precision());
        for (DenseLayer layer : network.layers()) {
            INDArray a = Nd4j.create(network.precision().dataType(), x.length, layer.units());
            layer.forward(JAVA, aPrev, a, a);
            aPrev = a;
        }
        return Matrices.toRows(aPrev);
    }
}
