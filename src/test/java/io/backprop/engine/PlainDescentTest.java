package io.backprop.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.backprop.engine.optim.Adam;
import io.backprop.engine.optim.Clipping;
import io.backprop.engine.optim.Optimizer;
import io.backprop.engine.optim.Parameter;
import io.backprop.engine.optim.Regimen;
import io.backprop.engine.optim.Schedule;
import io.backprop.engine.optim.Sgd;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Plain SGD applied inside the backward pass (W −= lr · δᵀ · aPrev / m as the gradient product is taken) moves every
 * parameter exactly as the textbook order does: every gradient first, from the weights before the step, then p −= lr·g.
 */
class PlainDescentTest {

    private static final double RATE = 0.3;

    /** At 3 rows the first layer runs on BLAS and the others in plain Java; at 64 rows (4,096+ multiply-adds a layer) all on BLAS. */
    @ParameterizedTest(name = "{0} rows, {1}, bias {2}")
    @CsvSource({
            "3, FLOAT64, true", "3, FLOAT64, false", "3, FLOAT32, true",
            "64, FLOAT64, true", "64, FLOAT64, false", "64, FLOAT32, true", "64, FLOAT32, false"})
    void fusedDescentMatchesGradientsThenUpdate(int rows, Precision precision, boolean bias) {
        int[] sizes = {70, 40, 20, 10};
        Activation[] activations = {Activation.TANH, Activation.RELU, Activation.SOFTMAX};
        Network fused = Networks.random(7, sizes, activations, bias, Loss.CROSS_ENTROPY, precision);
        Network textbook = fused.copy(precision);
        List<INDArray> before = Networks.parameters(fused);
        INDArray x = Matrices.fromRows(Networks.randomRows(11, rows, sizes[0]), precision);
        INDArray y = oneHot(rows, 10, precision);

        Workspace fusedWs = fused.workspace(rows);
        fused.forward(x, fusedWs);
        double fusedLoss = fused.backwardDescending(x, y, fusedWs, RATE);

        Workspace ws = textbook.workspace(rows);
        textbook.forward(x, ws);
        double loss = textbook.backward(x, y, ws);
        for (Parameter parameter : ws.parameters()) {
            parameter.value().subi(parameter.gradient().mul(RATE));
        }

        double tolerance = precision == Precision.FLOAT64 ? 1e-13 : 1e-6;
        assertThat(fusedLoss).isEqualTo(loss);
        List<INDArray> expected = Networks.parameters(textbook);
        List<INDArray> actual = Networks.parameters(fused);
        for (int i = 0; i < expected.size(); i++) {
            double scale = expected.get(i).amaxNumber().doubleValue();
            double difference = actual.get(i).sub(expected.get(i)).amaxNumber().doubleValue();
            assertThat(difference).as("parameter %d", i).isLessThanOrEqualTo(tolerance * scale);
        }
        assertThat(actual).isNotEqualTo(before);
    }

    @Test
    void aNonFiniteLossChangesNoParameter() {
        Network network = Networks.mazur(Precision.FLOAT64);
        List<INDArray> before = Networks.parameters(network);
        INDArray x = Matrices.fromRows(new double[][] {{0.05, 0.10}}, Precision.FLOAT64);
        INDArray y = Matrices.fromRows(new double[][] {{Double.NaN, 0.99}}, Precision.FLOAT64);
        Workspace ws = network.workspace(1);
        network.forward(x, ws);

        assertThat(network.backwardDescending(x, y, ws, 0.5)).isNaN();
        assertThat(Networks.parameters(network)).isEqualTo(before);
    }

    @Test
    void onlySgdWithoutMomentumDecayOrClippingDescendsPlainly() {
        assertThat(regimen(new Sgd(0.1), null).descendsPlainly()).isTrue();
        assertThat(regimen(new Sgd(0.1, 0.9, 0, false, 0), null).descendsPlainly()).isFalse();
        assertThat(regimen(new Sgd(0.1, 0, 0, false, 1e-4), null).descendsPlainly()).isFalse();
        assertThat(regimen(new Sgd(0.1), Clipping.byNorm(1.0)).descendsPlainly()).isFalse();
        assertThat(regimen(new Adam(0.001, 0.9, 0.999, 1e-8, 0, false, false), null).descendsPlainly()).isFalse();
    }

    @Test
    void aStepAppliedCountsLikeAStepTaken() {
        Regimen regimen = regimen(new Sgd(0.1), null);
        regimen.stepApplied(0.5);
        regimen.stepApplied(0.4);
        assertThat(regimen.steps()).isEqualTo(2);
        Regimen adam = regimen(new Adam(0.001, 0.9, 0.999, 1e-8, 0, false, false), null);
        assertThatThrownBy(() -> adam.stepApplied(0.5)).isInstanceOf(IllegalStateException.class);
    }

    private static Regimen regimen(Optimizer optimizer, Clipping clipping) {
        return new Regimen(optimizer, Schedule.constant(), Regimen.Unit.EPOCH, clipping, 0);
    }

    private static INDArray oneHot(int rows, int classes, Precision precision) {
        double[][] y = new double[rows][classes];
        for (int i = 0; i < rows; i++) {
            y[i][(i * 7) % classes] = 1;
        }
        return Matrices.fromRows(y, precision);
    }
}
