package io.backprop.engine.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.backprop.engine.Activation;
import io.backprop.engine.DenseLayer;
import io.backprop.engine.Loss;
import io.backprop.engine.Matrices;
import io.backprop.engine.Network;
import io.backprop.engine.Precision;
import io.backprop.engine.Trainer;
import io.backprop.engine.TrainingPlan;
import io.backprop.engine.TrainingResult;
import io.backprop.reference.ReferenceNetwork;
import io.backprop.reference.ReferenceOptimizer;
import io.backprop.reference.ReferenceTraining;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Every optimizer, schedule and clip mode against the plain-Java float64 references written from
 * torch.optim's rules and the closed forms of its schedulers: 20 epochs of mini-batches on a 3-4-2
 * network, parameters and losses agreeing to 1e-9 relative.
 */
class OptimizerReferenceTest {

    private static final int EPOCHS = 20;
    private static final int BATCH = 2;
    private static final double[][] W1 = {{0.2, -0.4, 0.1}, {0.5, 0.3, -0.2}, {-0.3, 0.1, 0.4}, {0.05, -0.25, 0.35}};
    private static final double[] B1 = {0.1, -0.1, 0.05, 0.0};
    private static final double[][] W2 = {{0.3, -0.2, 0.4, 0.1}, {-0.5, 0.25, 0.15, -0.3}};
    private static final double[] B2 = {0.2, -0.05};
    private static final double[][] X = {{0.5, -1.0, 0.3}, {1.2, 0.4, -0.7}, {-0.3, 0.8, 0.9}, {0.0, -0.5, 1.5}, {0.7, 0.7, -0.2}};
    private static final double[][] Y = {{0.1, 0.9}, {0.8, 0.2}, {0.3, 0.6}, {0.5, 0.5}, {0.9, 0.1}};

    record Case(String name, Supplier<Optimizer> engine, Supplier<ReferenceOptimizer> reference) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> optimizers() {
        return Stream.of(
                new Case("sgd", () -> new Sgd(0.5), () -> ReferenceOptimizer.sgd(0.5, 0, 0, false, 0)),
                new Case("sgd momentum", () -> new Sgd(0.1, 0.9, 0, false, 0), () -> ReferenceOptimizer.sgd(0.1, 0.9, 0, false, 0)),
                new Case("sgd dampening", () -> new Sgd(0.1, 0.9, 0.3, false, 0), () -> ReferenceOptimizer.sgd(0.1, 0.9, 0.3, false, 0)),
                new Case("sgd nesterov", () -> new Sgd(0.1, 0.8, 0, true, 0), () -> ReferenceOptimizer.sgd(0.1, 0.8, 0, true, 0)),
                new Case("sgd weight decay", () -> new Sgd(0.2, 0.5, 0, false, 0.05), () -> ReferenceOptimizer.sgd(0.2, 0.5, 0, false, 0.05)),
                new Case("adam", () -> new Adam(0.01, 0.9, 0.999, 1e-8, 0, false, false),
                        () -> ReferenceOptimizer.adam("adam", 0.01, 0.9, 0.999, 1e-8, 0, false)),
                new Case("adam amsgrad", () -> new Adam(0.02, 0.8, 0.99, 1e-8, 0, true, false),
                        () -> ReferenceOptimizer.adam("adam", 0.02, 0.8, 0.99, 1e-8, 0, true)),
                new Case("adam weight decay", () -> new Adam(0.01, 0.9, 0.999, 1e-8, 0.1, false, false),
                        () -> ReferenceOptimizer.adam("adam", 0.01, 0.9, 0.999, 1e-8, 0.1, false)),
                new Case("adamw", () -> new Adam(0.01, 0.9, 0.999, 1e-8, 0.01, false, true),
                        () -> ReferenceOptimizer.adam("adamw", 0.01, 0.9, 0.999, 1e-8, 0.01, false)),
                new Case("adamw amsgrad", () -> new Adam(0.01, 0.9, 0.999, 1e-6, 0.1, true, true),
                        () -> ReferenceOptimizer.adam("adamw", 0.01, 0.9, 0.999, 1e-6, 0.1, true)),
                new Case("rmsprop", () -> new RmsProp(0.01, 0.99, 1e-8, 0, 0, false),
                        () -> ReferenceOptimizer.rmsprop(0.01, 0.99, 1e-8, 0, 0, false)),
                new Case("rmsprop centered momentum", () -> new RmsProp(0.005, 0.9, 1e-8, 0, 0.9, true),
                        () -> ReferenceOptimizer.rmsprop(0.005, 0.9, 1e-8, 0, 0.9, true)),
                new Case("rmsprop weight decay", () -> new RmsProp(0.01, 0.99, 1e-8, 0.05, 0.5, false),
                        () -> ReferenceOptimizer.rmsprop(0.01, 0.99, 1e-8, 0.05, 0.5, false)),
                new Case("adagrad", () -> new Adagrad(0.1, 0, 0, 1e-10, 0), () -> ReferenceOptimizer.adagrad(0.1, 0, 0, 1e-10, 0)),
                new Case("adagrad decay and accumulator", () -> new Adagrad(0.1, 0.05, 0.1, 1e-10, 0.01),
                        () -> ReferenceOptimizer.adagrad(0.1, 0.05, 0.1, 1e-10, 0.01)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("optimizers")
    void optimizerFollowsTheReference(Case optimizer) {
        assertAgrees(new Regimen(optimizer.engine().get(), Schedule.constant(), Regimen.Unit.EPOCH, null, 0),
                optimizer.reference().get(), 0, 0, false, (count, loss) -> optimizer.reference().get().lr);
    }

    static Stream<Arguments> schedules() {
        double base = 0.5;
        return Stream.of(
                Arguments.of("step", new StepSchedule(3, 0.5), fn((e, loss) -> base * Math.pow(0.5, e / 3))),
                Arguments.of("multistep", new MultiStepSchedule(List.of(2L, 5L, 5L, 11L), 0.5),
                        fn((e, loss) -> base * Math.pow(0.5, (e >= 2 ? 1 : 0) + (e >= 5 ? 2 : 0) + (e >= 11 ? 1 : 0)))),
                Arguments.of("exponential", new ExponentialSchedule(0.9), fn((e, loss) -> base * Math.pow(0.9, e))),
                Arguments.of("cosine past tMax", new CosineSchedule(base, 7, 0.01),
                        fn((e, loss) -> 0.01 + (base - 0.01) * (1 + Math.cos(Math.PI * e / 7)) / 2)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("schedules")
    void scheduleFollowsItsClosedForm(String name, Schedule schedule, BiFunction<Integer, Double, Double> closedForm) {
        assertAgrees(new Regimen(new Sgd(0.5), schedule, Regimen.Unit.EPOCH, null, 0),
                ReferenceOptimizer.sgd(0.5, 0, 0, false, 0), 0, 0, false, closedForm);
    }

    @Test
    void scheduleCanCountSteps() {
        assertAgrees(new Regimen(new Sgd(0.5, 0.5, 0, false, 0), new ExponentialSchedule(0.95), Regimen.Unit.STEP, null, 0),
                ReferenceOptimizer.sgd(0.5, 0.5, 0, false, 0), 0, 0, true, (steps, loss) -> 0.5 * Math.pow(0.95, steps));
    }

    @Test
    void plateauReducesAfterPatienceAndCoolsDown() {
        double[] rate = {0.002};
        double[] best = {Double.POSITIVE_INFINITY};
        int[] bad = {0};
        int[] cool = {0};
        BiFunction<Integer, Double, Double> plateau = (epoch, loss) -> {
            boolean improved = loss < best[0] * (1 - 0.01);
            bad[0] = improved ? 0 : bad[0] + 1;
            best[0] = improved ? loss : best[0];
            if (cool[0] > 0) {
                cool[0]--;
                bad[0] = 0;
            }
            if (bad[0] > 1) {
                rate[0] = Math.max(rate[0] * 0.5, 0.0003);
                cool[0] = 1;
                bad[0] = 0;
            }
            return rate[0];
        };
        PlateauSchedule schedule = new PlateauSchedule(0.5, 1, 0.01, 1, 0.0003);

        TrainingResult result = assertAgrees(new Regimen(new Sgd(0.002), schedule, Regimen.Unit.EPOCH, null, 0),
                ReferenceOptimizer.sgd(0.002, 0, 0, false, 0), 0, 0, false, plateau);

        assertThat(result.learningRates()).contains(0.001, 0.0005, 0.0003);
    }

    @Test
    void clippingByNormScalesTheGlobalNorm() {
        TrainingResult result = assertAgrees(new Regimen(new Sgd(0.5, 0.9, 0, false, 0.01), Schedule.constant(), Regimen.Unit.EPOCH,
                Clipping.byNorm(0.05), 0), ReferenceOptimizer.sgd(0.5, 0.9, 0, false, 0.01), 0.05, 0, false, (e, loss) -> 0.5);

        assertThat(result.lastGradientNorm()).isGreaterThan(0.05);
        assertThat(java.util.Arrays.stream(result.gradientNorms()).boxed().toList()).hasSize(EPOCHS)
                .allSatisfy(norm -> assertThat(norm).isPositive());
    }

    @Test
    void clippingByValueClampsEachElement() {
        assertAgrees(new Regimen(new Adam(0.01, 0.9, 0.999, 1e-8, 0, false, false), Schedule.constant(), Regimen.Unit.EPOCH,
                Clipping.byValue(0.01), 0), ReferenceOptimizer.adam("adam", 0.01, 0.9, 0.999, 1e-8, 0, false), 0, 0.01, false,
                (e, loss) -> 0.01);
    }

    @Test
    void twoConsecutiveRunsContinueStateAndCounters() {
        Network network = network();
        Regimen regimen = new Regimen(new Adam(0.01, 0.9, 0.999, 1e-8, 0, false, false), new CosineSchedule(0.01, 15, 0),
                Regimen.Unit.EPOCH, Clipping.byNorm(0.5), 0);
        Trainer trainer = new Trainer(network);
        trainer.train(x(), y(), new TrainingPlan(EPOCHS / 2, BATCH, false, 0), regimen);
        trainer.train(x(), y(), new TrainingPlan(EPOCHS / 2, BATCH, false, 0), regimen);
        ReferenceNetwork reference = referenceNetwork();
        ReferenceTraining.train(reference, ReferenceOptimizer.adam("adam", 0.01, 0.9, 0.999, 1e-8, 0, false), X, Y, EPOCHS, BATCH,
                0.5, 0, false, (e, loss) -> 0.01 * (1 + Math.cos(Math.PI * e / 15)) / 2);

        assertThat(regimen.epochs()).isEqualTo(EPOCHS);
        assertThat(regimen.steps()).isEqualTo(EPOCHS * 3L);
        assertParametersAgree(network, reference);
    }

    private static TrainingResult assertAgrees(Regimen regimen, ReferenceOptimizer referenceOptimizer, double maxNorm, double maxValue,
                                               boolean perStep, BiFunction<Integer, Double, Double> referenceRate) {
        Network network = network();
        TrainingResult result = new Trainer(network).train(x(), y(), new TrainingPlan(EPOCHS, BATCH, false, 0), regimen);
        ReferenceNetwork reference = referenceNetwork();
        double[] expectedLosses = ReferenceTraining.train(reference, referenceOptimizer, X, Y, EPOCHS, BATCH, maxNorm, maxValue,
                perStep, referenceRate);

        for (int e = 0; e < EPOCHS; e++) {
            assertThat(result.lossHistory()[e]).as("loss of epoch %d", e + 1)
                    .isCloseTo(expectedLosses[e], within(1e-9 * Math.abs(expectedLosses[e])));
        }
        assertParametersAgree(network, reference);
        return result;
    }

    private static void assertParametersAgree(Network network, ReferenceNetwork reference) {
        List<INDArray> actual = network.layers().stream()
                .flatMap(layer -> layer.hasBias() ? Stream.of(layer.weights(), layer.biases()) : Stream.of(layer.weights())).toList();
        for (int k = 0; k < actual.size(); k++) {
            double[] values = actual.get(k).ravel().toDoubleVector();
            double[] expected = reference.parameters.get(k);
            for (int i = 0; i < expected.length; i++) {
                assertThat(values[i]).as("parameter array %d, element %d", k, i)
                        .isCloseTo(expected[i], within(1e-9 * Math.max(Math.abs(expected[i]), 1e-3)));
            }
        }
    }

    private static Network network() {
        return new Network(3, List.of(
                new DenseLayer(Matrices.fromRows(W1, Precision.FLOAT64), Matrices.rowVector(B1, Precision.FLOAT64), Activation.TANH),
                new DenseLayer(Matrices.fromRows(W2, Precision.FLOAT64), Matrices.rowVector(B2, Precision.FLOAT64), Activation.SIGMOID)),
                Loss.MSE, Precision.FLOAT64);
    }

    private static ReferenceNetwork referenceNetwork() {
        return new ReferenceNetwork(new int[] {3, 4, 2}, new String[] {"tanh", "sigmoid"}, new double[][][] {W1, W2}, new double[][] {B1, B2});
    }

    private static INDArray x() {
        return Matrices.fromRows(X, Precision.FLOAT64);
    }

    private static INDArray y() {
        return Matrices.fromRows(Y, Precision.FLOAT64);
    }

    private static BiFunction<Integer, Double, Double> fn(BiFunction<Integer, Double, Double> function) {
        return function;
    }
}
