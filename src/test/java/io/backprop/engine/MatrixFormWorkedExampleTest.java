package io.backprop.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Worked example 4: a 3-4-2 sigmoid network in matrix form. Node errors first — e = Wᵀδ from the
 * layer after, δ = e ⊙ σ′(z) — then every gradient at once as the outer product δ a_prevᵀ, checked
 * here against the formulas written out element by element.
 */
class MatrixFormWorkedExampleTest {

    private static final double[][] W1 = {{0.1, 0.2, 0.3}, {0.4, 0.5, 0.6}, {-0.1, -0.2, 0.3}, {0.2, -0.3, 0.1}};
    private static final double[] B1 = {0.1, 0.1, 0.1, 0.1};
    private static final double[][] W2 = {{0.3, -0.2, 0.5, 0.1}, {-0.4, 0.6, 0.2, -0.3}};
    private static final double[] B2 = {0.2, 0.2};
    private static final double[] X = {1.0, 0.5, -0.5};
    private static final double[] T = {1.0, 0.0};

    @Test
    void nodeErrorsPropagateBackwardAndGradientsAreOuterProducts() {
        Network network = new Network(3, List.of(Networks.layer(W1, B1, Activation.SIGMOID, Precision.FLOAT64),
                Networks.layer(W2, B2, Activation.SIGMOID, Precision.FLOAT64)), Loss.MSE, Precision.FLOAT64);
        INDArray x = Matrices.fromRows(new double[][] {X}, Precision.FLOAT64);
        INDArray t = Matrices.fromRows(new double[][] {T}, Precision.FLOAT64);

        StepTrace step = BackpropStep.run(network, x, t, 0.5, false);

        double[] h = new double[4];
        for (int j = 0; j < 4; j++) {
            h[j] = sigmoid(B1[j] + W1[j][0] * X[0] + W1[j][1] * X[1] + W1[j][2] * X[2]);
        }
        double[] o = new double[2];
        double[] deltaO = new double[2];
        for (int k = 0; k < 2; k++) {
            o[k] = sigmoid(B2[k] + W2[k][0] * h[0] + W2[k][1] * h[1] + W2[k][2] * h[2] + W2[k][3] * h[3]);
            deltaO[k] = (o[k] - T[k]) * o[k] * (1 - o[k]);
        }
        for (int j = 0; j < 4; j++) {
            double e = W2[0][j] * deltaO[0] + W2[1][j] * deltaO[1];
            double deltaH = e * h[j] * (1 - h[j]);
            assertThat(step.layers().get(0).delta().getDouble(0, j)).isCloseTo(deltaH, within(1e-15));
            for (int i = 0; i < 3; i++) {
                assertThat(step.layers().get(0).weightGradient().getDouble(j, i)).isCloseTo(deltaH * X[i], within(1e-15));
            }
            for (int k = 0; k < 2; k++) {
                assertThat(step.layers().get(1).weightGradient().getDouble(k, j)).isCloseTo(deltaO[k] * h[j], within(1e-15));
                assertThat(step.layers().get(1).updatedWeights().getDouble(k, j))
                        .isCloseTo(W2[k][j] - 0.5 * deltaO[k] * h[j], within(1e-15));
            }
        }
        assertThat(step.layers().get(1).biasGradient().toDoubleVector()).containsExactly(deltaO, within(1e-15));
        assertThat(step.loss()).isCloseTo(0.5 * ((o[0] - T[0]) * (o[0] - T[0]) + (o[1] - T[1]) * (o[1] - T[1])), within(1e-15));
    }

    private static double sigmoid(double z) {
        return 1 / (1 + Math.exp(-z));
    }
}
