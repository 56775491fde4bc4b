package io.backprop.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.backprop.engine.kernels.BlasKernels;
import io.backprop.engine.kernels.KernelChoice;
import io.backprop.engine.kernels.Kernels;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Backpropagation agrees with central finite differences (float64) for every activation × loss
 * pairing, on batches small enough for the plain-Java kernels and large enough for BLAS: each
 * analytic gradient g and numeric estimate n satisfy |g − n| ≤ 1e-8 + 1e-6·|n|
 * (central differences with ε = 1e-6 carry about 1e-10 of rounding noise, so tiny gradients are
 * compared absolutely).
 */
class GradientCheckTest {

    private static final double ABSOLUTE_TOLERANCE = 1e-8;
    private static final double RELATIVE_TOLERANCE = 1e-6;

    static Stream<Arguments> pairings() {
        List<Arguments> cases = new ArrayList<>();
        for (Activation hidden : Activation.values()) {
            for (Activation output : Activation.values()) {
                cases.add(Arguments.of(hidden, output, Loss.MSE));
            }
            cases.add(Arguments.of(hidden, Activation.SOFTMAX, Loss.CROSS_ENTROPY));
            cases.add(Arguments.of(hidden, Activation.SIGMOID, Loss.BINARY_CROSS_ENTROPY));
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} hidden, {1} output, {2}")
    @MethodSource("pairings")
    void threeLayersWithBiasAgreeWithCentralDifferences(Activation hidden, Activation output, Loss loss) {
        Network network = Networks.random(11, new int[] {4, 5, 3, 3}, new Activation[] {hidden, hidden, output}, true, loss, Precision.FLOAT64);

        assertAgrees(check(network, loss, 5));
    }

    @ParameterizedTest(name = "{0} hidden, {1} output, {2}")
    @MethodSource("pairings")
    void layersWithoutBiasAgreeWithCentralDifferences(Activation hidden, Activation output, Loss loss) {
        Network network = Networks.random(12, new int[] {3, 4, 2}, new Activation[] {hidden, output}, false, loss, Precision.FLOAT64);

        GradientCheckResult result = check(network, loss, 4);

        assertAgrees(result);
        assertThat(result.layers()).allSatisfy(layer -> assertThat(layer.biasGradient()).isNull());
    }

    @ParameterizedTest(name = "{0} hidden, {1} output, {2}")
    @MethodSource("pairings")
    void gradientsStillAgreeAfterSomeTrainingSteps(Activation hidden, Activation output, Loss loss) {
        Network network = Networks.random(13, new int[] {4, 6, 3}, new Activation[] {hidden, output}, true, loss, Precision.FLOAT64);
        INDArray x = inputs(14, 6, 4);
        INDArray y = targets(loss, 15, 6, 3);
        new Trainer(network).train(x, y, new TrainingPlan(3, 4, true, 1), Networks.sgd(0.1));

        assertAgrees(GradientCheck.run(network, x, y, 1e-6));
    }

    /** Every activation as the hidden one, before each loss. */
    static Stream<Arguments> hiddenActivations() {
        return Stream.of(Activation.values()).flatMap(hidden -> Stream.of(
                Arguments.of(hidden, Activation.IDENTITY, Loss.MSE),
                Arguments.of(hidden, Activation.SOFTMAX, Loss.CROSS_ENTROPY),
                Arguments.of(hidden, Activation.SIGMOID, Loss.BINARY_CROSS_ENTROPY)));
    }

    /**
     * 64 rows through 4-72-3: both layers' products and the hidden activation run on BLAS (the
     * loss over 192 outputs stays in Java, as it would in training; its BLAS form is held to the
     * Java one by the kernels' agreement test).
     */
    @ParameterizedTest(name = "{0} hidden, {1} output, {2}")
    @MethodSource("hiddenActivations")
    void batchesLargeEnoughForBlasAgreeWithCentralDifferences(Activation hidden, Activation output, Loss loss) {
        KernelChoice choice = KernelChoice.forBatches(64, DataType.DOUBLE);
        assertOnBlas(choice.products(4, 72), choice.activation(72), choice.products(72, 3));

        assertAgrees(check(Networks.random(17, new int[] {4, 72, 3}, new Activation[] {hidden, output}, true, loss, Precision.FLOAT64),
                loss, 64));
    }

    /** Every output activation and loss pairing, after a tanh hidden layer. */
    static Stream<Arguments> outputPairings() {
        return pairings().filter(pairing -> pairing.get()[0] == Activation.TANH);
    }

    /**
     * 1100 rows through 4-6-8: every step runs on BLAS, the output activation and the loss over
     * 8800 outputs (with the output layer's backward pass) included.
     */
    @ParameterizedTest(name = "{0} hidden, {1} output, {2}")
    @MethodSource("outputPairings")
    void batchesLargeEnoughForABlasLossAgreeWithCentralDifferences(Activation hidden, Activation output, Loss loss) {
        KernelChoice choice = KernelChoice.forBatches(1100, DataType.DOUBLE);
        assertOnBlas(choice.products(4, 6), choice.activation(6), choice.products(6, 8), choice.activation(8), choice.loss(8));

        assertAgrees(check(Networks.random(18, new int[] {4, 6, 8}, new Activation[] {hidden, output}, true, loss, Precision.FLOAT64),
                loss, 1100));
    }

    @Test
    void softmaxInAHiddenLayerUsesItsJacobian() {
        Network network = Networks.random(16, new int[] {3, 4, 4, 2},
                new Activation[] {Activation.SOFTMAX, Activation.TANH, Activation.IDENTITY}, true, Loss.MSE, Precision.FLOAT64);

        assertAgrees(check(network, Loss.MSE, 5));
    }

    @Test
    void theCheckLeavesTheNetworkUnchanged() {
        Network network = Networks.mazur(Precision.FLOAT64);
        List<INDArray> before = Networks.parameters(network);

        check(network, Loss.MSE, 3);

        assertThat(Networks.parameters(network)).isEqualTo(before);
    }

    private static void assertOnBlas(Kernels... chosen) {
        assertThat(chosen).allSatisfy(kernels -> assertThat(kernels).isInstanceOf(BlasKernels.class));
    }

    private static void assertAgrees(GradientCheckResult result) {
        for (LayerCheck layer : result.layers()) {
            assertClose(layer.weightGradient(), layer.numericWeightGradient());
            if (layer.biasGradient() != null) {
                assertClose(layer.biasGradient(), layer.numericBiasGradient());
            }
        }
    }

    private static void assertClose(INDArray analytic, INDArray numeric) {
        double[] g = analytic.ravel().toDoubleVector();
        double[] n = numeric.ravel().toDoubleVector();
        assertThat(g).hasSameSizeAs(n);
        for (int i = 0; i < g.length; i++) {
            assertThat(Math.abs(g[i] - n[i]))
                    .as("gradient element %d: analytic %s, numeric %s", i, g[i], n[i])
                    .isLessThanOrEqualTo(ABSOLUTE_TOLERANCE + RELATIVE_TOLERANCE * Math.abs(n[i]));
        }
    }

    private static GradientCheckResult check(Network network, Loss loss, int rows) {
        INDArray x = inputs(21, rows, network.inputs());
        return GradientCheck.run(network, x, targets(loss, 22, rows, network.outputs()), 1e-6);
    }

    private static INDArray inputs(long seed, int rows, int columns) {
        return Matrices.fromRows(Networks.randomRows(seed, rows, columns), Precision.FLOAT64).muli(4);
    }

    /** Targets the loss accepts: probabilities summing to 1 for cross-entropy, values in [0, 1] for the others. */
    static INDArray targets(Loss loss, long seed, int rows, int columns) {
        double[][] values = Networks.randomRows(seed, rows, columns);
        for (double[] row : values) {
            double sum = 0;
            for (int k = 0; k < columns; k++) {
                row[k] += 0.5;
                sum += row[k];
            }
            for (int k = 0; k < columns && loss == Loss.CROSS_ENTROPY; k++) {
                row[k] /= sum;
            }
        }
        return Matrices.fromRows(values, Precision.FLOAT64);
    }
}
