package io.backprop.network;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.backprop.engine.Activation;
import io.backprop.engine.BackpropStep;
import io.backprop.engine.DenseLayer;
import io.backprop.engine.Evaluation;
import io.backprop.engine.GradientCheck;
import io.backprop.engine.Loss;
import io.backprop.engine.Matrices;
import io.backprop.engine.Network;
import io.backprop.engine.Precision;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Requests computed in a network's pooled scratch buffers give bit for bit what fresh arrays give:
 * traced steps (dry and applied), evaluations, gradient checks and predictions of three rows or more,
 * for every hidden activation and both precisions, when the buffers were used before by other rows,
 * other batch sizes and other kinds of request.
 */
class ScratchReuseTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    static Stream<Arguments> networks() {
        List<Arguments> cases = new ArrayList<>();
        for (Precision precision : Precision.values()) {
            for (Activation hidden : Activation.values()) {
                cases.add(Arguments.of(precision, hidden, Loss.MSE, Activation.SIGMOID));
                cases.add(Arguments.of(precision, hidden, Loss.CROSS_ENTROPY, Activation.SOFTMAX));
                cases.add(Arguments.of(precision, hidden, Loss.BINARY_CROSS_ENTROPY, Activation.SIGMOID));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} {1} hidden, {2}")
    @MethodSource("networks")
    void pooledBuffersGiveWhatFreshArraysGive(Precision precision, Activation hidden, Loss loss, Activation output) {
        Random random = new Random(precision.ordinal() * 100L + hidden.ordinal() * 10L + loss.ordinal());
        Network fresh = network(precision, hidden, output, loss, new Random(7));
        Network pooled = network(precision, hidden, output, loss, new Random(7));
        ScratchPool pool = new ScratchPool(pooled);
        for (int round = 0; round < 3; round++) {
            for (int m : new int[] {1, 3, 5, 3}) {
                double[][] x = rows(random, m, 3);
                double[][] y = targets(random, m, 4, loss);
                INDArray xFresh = Matrices.fromRows(x, precision);
                INDArray yFresh = Matrices.fromRows(y, precision);
                boolean apply = round == 1;

                String expectedStep = json(Descriptions.trace(BackpropStep.run(fresh, xFresh, yFresh, 0.3, apply)));
                String step = pool.with(m, scratch -> json(Descriptions.trace(BackpropStep.run(pooled, scratch.workspace(), scratch.step(),
                        Matrices.write(x, scratch.x()), Matrices.write(y, scratch.y()), 0.3, apply))));
                assertThat(step).isEqualTo(expectedStep);

                Evaluation expectedEvaluation = Evaluation.of(fresh, xFresh, yFresh);
                Evaluation evaluation = pool.with(m, scratch -> Evaluation.of(pooled, Matrices.write(x, scratch.x()),
                        Matrices.write(y, scratch.y()), scratch.workspace()));
                assertThat(evaluation.loss()).isEqualTo(expectedEvaluation.loss());
                assertThat(evaluation.accuracy()).isEqualTo(expectedEvaluation.accuracy());
                assertThat(evaluation.confusionMatrix()).isEqualTo(expectedEvaluation.confusionMatrix());

                String expectedCheck = json(Descriptions.gradientCheck(GradientCheck.run(fresh, xFresh, yFresh, 1e-6)));
                String check = pool.with(m, scratch -> json(Descriptions.gradientCheck(GradientCheck.run(pooled, Matrices.write(x, scratch.x()),
                        Matrices.write(y, scratch.y()), 1e-6, scratch.probe()))));
                assertThat(check).isEqualTo(expectedCheck);

                if (m >= 3) {
                    double[][] predicted = pool.with(m, scratch -> {
                        pooled.forward(Matrices.write(x, scratch.x()), scratch.workspace());
                        return Matrices.toRows(scratch.workspace().output());
                    });
                    assertThat(predicted).isDeepEqualTo(fresh.predict(x));
                }
            }
        }
        assertThat(json(Descriptions.parameters(pooled))).isEqualTo(json(Descriptions.parameters(fresh)));
    }

    @Test
    void idleBuffersStayWithinTheirBound() {
        Network network = network(Precision.FLOAT64, Activation.TANH, Activation.SIGMOID, Loss.MSE, new Random(1));
        ScratchPool pool = new ScratchPool(network);
        int large = (int) (ScratchPool.MAX_SCRATCH_BYTES / Scratch.bytes(network, 1)) + 1;
        for (int m = 1; m <= 2_000; m += 7) {
            pool.with(m, scratch -> scratch.workspace());
            assertThat(pool.idleBytes()).isLessThanOrEqualTo(ScratchPool.MAX_IDLE_BYTES);
        }
        pool.with(large, scratch -> scratch.workspace());
        assertThat(pool.idleBytes()).isPositive().isLessThanOrEqualTo(ScratchPool.MAX_IDLE_BYTES);
        long before = pool.idleBytes();
        pool.with(large, scratch -> scratch.workspace());
        assertThat(pool.idleBytes()).as("a scratch above the size bound is not kept").isEqualTo(before);
    }

    /** Jackson writes every double in its shortest exact form: equal text is equal bits. */
    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException unwritable) {
            throw new AssertionError(unwritable);
        }
    }

    private static Network network(Precision precision, Activation hidden, Activation output, Loss loss, Random random) {
        List<DenseLayer> layers = List.of(
                new DenseLayer(Matrices.fromRows(rows(random, 5, 3), precision), Matrices.rowVector(rows(random, 1, 5)[0], precision), hidden),
                new DenseLayer(Matrices.fromRows(rows(random, 4, 5), precision), Matrices.rowVector(rows(random, 1, 4)[0], precision), output));
        return new Network(3, layers, loss, precision);
    }

    private static double[][] rows(Random random, int m, int width) {
        double[][] rows = new double[m][width];
        for (double[] row : rows) {
            for (int j = 0; j < width; j++) {
                row[j] = random.nextGaussian();
            }
        }
        return rows;
    }

    private static double[][] targets(Random random, int m, int width, Loss loss) {
        double[][] rows = new double[m][width];
        for (double[] row : rows) {
            if (loss == Loss.CROSS_ENTROPY) {
                row[random.nextInt(width)] = 1;
            } else {
                for (int j = 0; j < width; j++) {
                    row[j] = random.nextDouble();
                }
            }
        }
        return rows;
    }
}
