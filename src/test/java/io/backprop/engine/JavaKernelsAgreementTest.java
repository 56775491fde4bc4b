package io.backprop.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The plain-Java kernels for tiny arrays compute what the ND4J calls compute: every matrix
 * product, activation, loss and update, in float64, to a relative 1e-12 (a few units in the
 * last place of the sums), on the same random inputs, saturated logits included.
 */
class JavaKernelsAgreementTest {

    private static final double TOLERANCE = 1e-12;
    private static final int M = 3;
    private static final int FAN_IN = 4;
    private static final int UNITS = 5;

    private final Random random = new Random(42);

    @ParameterizedTest
    @EnumSource(Activation.class)
    void activationsAgree(Activation f) {
        INDArray z = randomMatrix(M, UNITS, 3);
        z.putScalar(0, 0, 40);
        z.putScalar(1, 1, -40);
        INDArray dLda = randomMatrix(M, UNITS, 1);
        INDArray javaA = z.ulike();
        INDArray nativeA = z.ulike();
        JavaKernels.activate(f, z, javaA);
        f.forwardNative(z, nativeA);
        assertAgree(javaA, nativeA);

        INDArray javaDelta = z.ulike();
        INDArray nativeDelta = z.ulike();
        JavaKernels.activationBackward(f, z, dLda, javaDelta);
        f.backwardNative(z, dLda, nativeDelta);
        assertAgree(javaDelta, nativeDelta);
    }

    static Stream<Arguments> pairings() {
        return Stream.concat(
                Stream.of(Activation.values()).map(output -> Arguments.of(Loss.MSE, output)),
                Stream.of(Arguments.of(Loss.CROSS_ENTROPY, Activation.SOFTMAX),
                        Arguments.of(Loss.BINARY_CROSS_ENTROPY, Activation.SIGMOID)));
    }

    @ParameterizedTest
    @MethodSource("pairings")
    void lossesAndOutputErrorsAgree(Loss loss, Activation output) {
        INDArray z = randomMatrix(M, UNITS, 3);
        z.putScalar(0, 0, 1000);
        z.putScalar(1, 2, -40);
        INDArray a = z.ulike();
        output.forwardNative(z, a);
        INDArray y = loss == Loss.MSE ? randomMatrix(M, UNITS, 1) : targets(loss);

        double javaValue = JavaKernels.loss(loss, output, z, a, y, z.ulike(), z.ulike(), false);
        double nativeValue = loss.valueNative(z, a, y, z.ulike(), z.ulike());
        assertThat(javaValue).isCloseTo(nativeValue, within(scale(nativeValue)));

        INDArray javaDelta = z.ulike();
        INDArray nativeDelta = z.ulike();
        double javaLoss = JavaKernels.loss(loss, output, z, a, y, z.ulike(), javaDelta, true);
        double nativeLoss = loss.backwardNative(output, z, a, y, z.ulike(), nativeDelta);
        assertThat(javaLoss).isCloseTo(nativeLoss, within(scale(nativeLoss)));
        assertAgree(javaDelta, nativeDelta);
    }

    @ParameterizedTest
    @EnumSource(value = Bias.class)
    void denseLayerProductsAgree(Bias bias) {
        INDArray weights = randomMatrix(UNITS, FAN_IN, 1);
        INDArray biases = bias == Bias.ON ? randomMatrix(1, UNITS, 1) : null;
        DenseLayer layer = new DenseLayer(weights, biases, Activation.IDENTITY);
        INDArray aPrev = randomMatrix(M, FAN_IN, 1);
        INDArray delta = randomMatrix(M, UNITS, 1);

        INDArray javaZ = Nd4j.create(weights.dataType(), M, UNITS);
        INDArray nativeZ = javaZ.ulike();
        JavaKernels.dense(aPrev, weights, biases, javaZ);
        layer.productNative(aPrev, Nd4j.ones(weights.dataType(), M, 1), nativeZ);
        assertAgree(javaZ, nativeZ);

        INDArray javaWeightGradient = weights.ulike();
        INDArray nativeWeightGradient = weights.ulike();
        INDArray javaBiasGradient = biases == null ? null : biases.ulike();
        INDArray nativeBiasGradient = biases == null ? null : biases.ulike();
        JavaKernels.gradients(delta, aPrev, javaWeightGradient, javaBiasGradient);
        layer.gradientsNative(delta, aPrev, Nd4j.ones(weights.dataType(), M, 1), nativeWeightGradient, nativeBiasGradient);
        assertAgree(javaWeightGradient, nativeWeightGradient);
        if (biases != null) {
            assertAgree(javaBiasGradient, nativeBiasGradient);
        }

        INDArray javaDLda = aPrev.ulike();
        JavaKernels.propagate(delta, weights, javaDLda);
        assertAgree(javaDLda, delta.mmul(weights));
    }

    @Test
    void axpyAgreesWithBlas() {
        INDArray x = randomMatrix(M, UNITS, 1);
        INDArray javaY = randomMatrix(M, UNITS, 1);
        INDArray blasY = javaY.dup();
        JavaKernels.axpy(-0.37, x, javaY);
        Nd4j.getBlasWrapper().level1().axpy(blasY.length(), -0.37, x, blasY);
        assertAgree(javaY, blasY);
    }

    @Test
    void viewsOfLargerArraysAreReadFromTheirFirstElement() {
        INDArray rows = randomMatrix(6, FAN_IN, 1);
        INDArray view = rows.get(NDArrayIndex.interval(2, 5), NDArrayIndex.all());
        INDArray weights = randomMatrix(UNITS, FAN_IN, 1);
        INDArray z = Nd4j.create(weights.dataType(), 3, UNITS);
        JavaKernels.dense(view, weights, null, z);
        assertAgree(z, view.dup().mmul(weights.transpose()));
    }

    @Test
    void largeOrStridedArraysGoToNd4j() {
        assertThat(JavaKernels.suit(JavaKernels.MAX_WORK + 1)).isFalse();
        assertThat(JavaKernels.suit(8, randomMatrix(2, 4, 1).transpose())).isFalse();
        assertThat(JavaKernels.suit(8, randomMatrix(2, 4, 1), null)).isTrue();
    }

    enum Bias { ON, OFF }

    private INDArray targets(Loss loss) {
        double[][] rows = new double[M][UNITS];
        for (int i = 0; i < M; i++) {
            if (loss == Loss.CROSS_ENTROPY) {
                rows[i][random.nextInt(UNITS)] = 1;
            } else {
                for (int j = 0; j < UNITS; j++) {
                    rows[i][j] = random.nextInt(2);
                }
            }
        }
        return Matrices.fromRows(rows, Precision.FLOAT64);
    }

    private INDArray randomMatrix(int rows, int columns, double scale) {
        double[][] values = new double[rows][columns];
        for (double[] row : values) {
            for (int j = 0; j < columns; j++) {
                row[j] = scale * (2 * random.nextDouble() - 1);
            }
        }
        return Matrices.fromRows(values, Precision.FLOAT64);
    }

    private static double scale(double expected) {
        return TOLERANCE * Math.max(1, Math.abs(expected));
    }

    private static void assertAgree(INDArray actual, INDArray expected) {
        double[] a = actual.reshape(actual.length()).toDoubleVector();
        double[] e = expected.reshape(expected.length()).toDoubleVector();
        assertThat(a).hasSameSizeAs(e);
        for (int i = 0; i < e.length; i++) {
            assertThat(a[i]).as("element %d", i).isCloseTo(e[i], within(scale(e[i])));
        }
    }
}
