package io.backprop.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Worked example 3: the 2-2-2 sigmoid network ("Mazur"), inputs 0.05, 0.10, targets 0.01, 0.99, learning rate 0.5. */
class MazurWorkedExampleTest {

    private final Network network = Networks.mazur(Precision.FLOAT64);
    private final INDArray x = Matrices.fromRows(new double[][] {{0.05, 0.10}}, Precision.FLOAT64);
    private final INDArray y = Matrices.fromRows(new double[][] {{0.01, 0.99}}, Precision.FLOAT64);

    @Test
    void forwardPassReproducesThePublishedActivationsAndError() {
        StepTrace trace = BackpropStep.run(network, x, y, 0.5, false);

        assertThat(trace.layers().get(0).a().toDoubleVector()).containsExactly(new double[] {0.593269992, 0.596884378}, within(1e-9));
        assertThat(trace.output().toDoubleVector()).containsExactly(new double[] {0.75136507, 0.772928465}, within(1e-8));
        assertThat(trace.loss()).isCloseTo(0.298371109, within(1e-9));
    }

    @Test
    void nodeErrorsFollowTheTextbookFormulas() {
        StepTrace trace = BackpropStep.run(network, x, y, 0.5, false);
        double o1 = trace.output().getDouble(0, 0);
        double o2 = trace.output().getDouble(0, 1);
        double deltaO1 = (o1 - 0.01) * o1 * (1 - o1);
        double deltaO2 = (o2 - 0.99) * o2 * (1 - o2);
        double h1 = trace.layers().get(0).a().getDouble(0, 0);
        double deltaH1 = (deltaO1 * 0.40 + deltaO2 * 0.50) * h1 * (1 - h1);

        assertThat(trace.layers().get(1).delta().toDoubleVector()).containsExactly(new double[] {deltaO1, deltaO2}, within(1e-15));
        assertThat(trace.layers().get(0).delta().getDouble(0, 0)).isCloseTo(deltaH1, within(1e-15));
        assertThat(trace.layers().get(1).weightGradient().getDouble(0, 0)).isCloseTo(0.082167041, within(1e-9));
    }

    @Test
    void oneStepGivesThePublishedWeights() {
        StepTrace trace = BackpropStep.run(network, x, y, 0.5, true);

        assertThat(network.layers().get(1).weights().toDoubleMatrix()).isDeepEqualTo(trace.layers().get(1).updatedWeights().toDoubleMatrix());
        double[][] output = network.layers().get(1).weights().toDoubleMatrix();
        double[][] hidden = network.layers().get(0).weights().toDoubleMatrix();
        assertThat(output[0]).containsExactly(new double[] {0.35891648, 0.408666186}, within(1e-8));
        assertThat(output[1]).containsExactly(new double[] {0.511301270, 0.561370121}, within(1e-8));
        assertThat(hidden[0]).containsExactly(new double[] {0.149780716, 0.19956143}, within(1e-8));
        assertThat(hidden[1]).containsExactly(new double[] {0.24975114, 0.29950229}, within(1e-8));
    }

    @Test
    void dryRunChangesNothing() {
        BackpropStep.run(network, x, y, 0.5, false);

        assertThat(network.layers().get(1).weights().getDouble(0, 0)).isEqualTo(0.40);
        assertThat(network.layers().get(0).biases().getDouble(0, 0)).isEqualTo(0.35);
    }

    @Test
    void tenThousandFullBatchStepsWithBiasesUpdatedReachThePublishedLoss() {
        TrainingResult result = new Trainer(network).train(x, y, new TrainingPlan(10_000, 1, false, 0), Networks.sgd(0.5));
        StepTrace after = BackpropStep.run(network, x, y, 0.5, false);

        assertThat(result.steps()).isEqualTo(10_000);
        assertThat(after.loss()).isCloseTo(2.4475622359e-06, within(1e-15));
    }
}
