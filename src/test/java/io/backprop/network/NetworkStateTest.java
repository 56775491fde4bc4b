package io.backprop.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.backprop.engine.Activation;
import io.backprop.engine.DenseLayer;
import io.backprop.engine.InitScheme;
import io.backprop.engine.InitSettings;
import io.backprop.engine.Initializer;
import io.backprop.engine.Loss;
import io.backprop.engine.Matrices;
import io.backprop.engine.Network;
import io.backprop.engine.Precision;
import io.backprop.engine.TrainingPlan;
import io.backprop.engine.TrainingResult;
import io.backprop.engine.optim.Regimen;
import io.backprop.optimizer.ClipSpec;
import io.backprop.optimizer.OptimizerSpec;
import io.backprop.optimizer.ScheduleSpec;
import io.backprop.optimizer.TrainingConfig;
import io.backprop.state.Counters;
import io.backprop.state.NetworkState;
import io.backprop.state.Tensor;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.ndarray.INDArray;

class NetworkStateTest {

    private static final TrainingPlan PLAN = new TrainingPlan(3, 2, true, 11);

    static Stream<Arguments> configurations() {
        List<OptimizerSpec> optimizers = List.of(
                new OptimizerSpec.Sgd(0.1, 0.9, null, true, 0.01),
                new OptimizerSpec.Adam(0.01, null, null, null, 0.001, true),
                new OptimizerSpec.AdamW(0.01, null, null, null, null, null),
                new OptimizerSpec.RmsProp(0.01, null, null, 0.5, true, null),
                new OptimizerSpec.Adagrad(0.05, 0.01, 0.1, null, null));
        List<ScheduleSpec> schedules = List.of(
                new ScheduleSpec.Constant(null),
                new ScheduleSpec.Step(Regimen.Unit.STEP, 2L, 0.5),
                new ScheduleSpec.MultiStep(null, List.of(1L, 2L), null),
                new ScheduleSpec.Exponential(null, 0.9),
                new ScheduleSpec.Cosine(Regimen.Unit.STEP, 3L, 0.001),
                new ScheduleSpec.Plateau(null, 0.5, 0L, null, 1L, null));
        List<Arguments> cases = new ArrayList<>();
        for (OptimizerSpec optimizer : optimizers) {
            for (ScheduleSpec schedule : schedules) {
                for (Precision dtype : Precision.values()) {
                    for (boolean bias : new boolean[] {true, false}) {
                        cases.add(Arguments.of(optimizer, schedule, dtype, bias));
                    }
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} {1} {2} bias {3}")
    @MethodSource("configurations")
    void aTrainedStateSurvivesEncodingBitForBit(OptimizerSpec optimizer, ScheduleSpec schedule, Precision dtype, boolean bias) {
        NetworkSession session = session(7, optimizer, schedule, dtype, bias);
        train(session);
        NetworkState state = session.state();

        NetworkState decoded = NetworkState.decode(state.encode());

        assertThat(decoded).isEqualTo(state);
        assertThat(decoded.hashCode()).isEqualTo(state.hashCode());
        assertThat(decoded.training().optimizerState()).isNotEmpty();
        assertThat(decoded.training().step()).isEqualTo(3L * 3);
        assertThat(decoded.stateDict().keySet()).containsExactlyElementsOf(bias
                ? List.of("0.weight", "0.bias", "2.weight", "2.bias") : List.of("0.weight", "2.weight"));
    }

    @ParameterizedTest(name = "{0} {1} {2} bias {3}")
    @MethodSource("configurations")
    void aRestoredNetworkTrainsExactlyAsTheOriginal(OptimizerSpec optimizer, ScheduleSpec schedule, Precision dtype, boolean bias) {
        NetworkSession original = session(7, optimizer, schedule, dtype, bias);
        train(original);
        NetworkSession copy = session(99, optimizer, schedule, dtype, bias);
        copy.restore(NetworkState.decode(original.state().encode()));
        assertThat(copy.state()).isEqualTo(original.state());

        train(original);
        train(copy);

        assertThat(copy.state()).isEqualTo(original.state());
    }

    @Test
    void aHeldSessionMadeFromAStateTrainsExactlyAsTheOriginal() {
        NetworkSession original = session(3, new OptimizerSpec.Adam(0.01, null, null, null, null, null),
                new ScheduleSpec.Plateau(null, 0.5, 0L, null, null, null), Precision.FLOAT32, true);
        train(original);
        NetworkState state = original.state();
        NetworkSession held = new NetworkSession("other", "alice", state.spec().name(), SessionStates.network(state), null,
                SessionStates.config(state.training()), SessionStates.regimen(state.training()), state.counters(), Instant.EPOCH,
                Instant.EPOCH, 10);

        train(original);
        train(held);

        assertThat(held.state()).isEqualTo(original.state());
        assertThat(held.owner()).isEqualTo("alice");
    }

    @Test
    void aStateOfAnotherShapeIsRefusedAndChangesNothing() {
        NetworkSession session = session(1, OptimizerSpec.sgd(null), ScheduleSpec.constant(), Precision.FLOAT64, true);
        NetworkState before = session.state();
        NetworkState other = session(1, OptimizerSpec.sgd(null), ScheduleSpec.constant(), Precision.FLOAT64, false).state();

        assertThatThrownBy(() -> session.restore(other)).isInstanceOf(IllegalArgumentException.class);
        assertThat(session.state()).isEqualTo(before);
    }

    @Test
    void aFlippedByteIsRejectedAsDamaged() {
        byte[] bytes = trainedState().encode();
        bytes[bytes.length / 2] ^= 0x10;

        assertThatThrownBy(() -> NetworkState.decode(bytes)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("damaged");
    }

    @Test
    void truncatedBytesAreRejected() {
        byte[] bytes = trainedState().encode();
        byte[] cut = resealed(java.util.Arrays.copyOf(bytes, bytes.length - 40));

        assertThatThrownBy(() -> NetworkState.decode(cut)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("truncated");
    }

    @Test
    void bytesOfAnotherKindOrVersionAreRejected() {
        byte[] bytes = trainedState().encode();
        byte[] otherMagic = bytes.clone();
        otherMagic[0] = 'X';
        byte[] otherVersion = bytes.clone();
        otherVersion[4] = 9;

        assertThatThrownBy(() -> NetworkState.decode(otherMagic)).hasMessageContaining("BPNS");
        assertThatThrownBy(() -> NetworkState.decode(resealed(otherVersion))).hasMessageContaining("version 9");
        assertThatThrownBy(() -> NetworkState.decode(new byte[3])).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void tensorsCompareBitForBitAndRoundTripTheirBytes() {
        Tensor tensor = new Tensor(Precision.FLOAT32, new int[] {1, 3}, new double[] {0.1f, -0.0, Float.MIN_VALUE});
        Tensor positiveZero = new Tensor(Precision.FLOAT32, new int[] {1, 3}, new double[] {0.1f, 0.0, Float.MIN_VALUE});

        assertThat(Tensor.fromLittleEndian(Precision.FLOAT32, new int[] {1, 3}, tensor.littleEndian())).isEqualTo(tensor);
        assertThat(tensor.littleEndian()).hasSize(12);
        assertThat(tensor).isNotEqualTo(positiveZero);
        assertThat(Tensor.of(tensor.toArray())).isEqualTo(tensor);
        assertThatThrownBy(() -> new Tensor(Precision.FLOAT32, new int[] {1}, new double[] {0.1}))
                .hasMessageContaining("not a float32 value");
    }

    private static NetworkState trainedState() {
        NetworkSession session = session(5, new OptimizerSpec.RmsProp(0.01, null, null, 0.9, true, null),
                new ScheduleSpec.Plateau(null, null, 0L, null, null, null), Precision.FLOAT64, true);
        train(session);
        return session.state();
    }

    /** {@code bytes} with its last four bytes replaced by the CRC-32 of the rest. */
    private static byte[] resealed(byte[] bytes) {
        CRC32 crc = new CRC32();
        crc.update(bytes, 0, bytes.length - 4);
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putInt(bytes.length - 4, (int) crc.getValue());
        return bytes;
    }

    private static NetworkSession session(long seed, OptimizerSpec optimizer, ScheduleSpec schedule, Precision dtype, boolean bias) {
        Initializer initializer = new Initializer(new InitSettings(InitScheme.XAVIER_NORMAL, seed, 0, 1, 1));
        SplittableRandom random = new SplittableRandom(seed);
        List<DenseLayer> layers = List.of(
                new DenseLayer(initializer.weights(0, 4, 3, dtype), bias ? row(random, 4, dtype) : null, Activation.TANH),
                new DenseLayer(initializer.weights(1, 2, 4, dtype), bias ? row(random, 2, dtype) : null, Activation.SIGMOID));
        TrainingConfig config = TrainingConfig.of(optimizer, schedule, bias ? new ClipSpec(1.0, null) : null);
        Instant now = Instant.now();
        return new NetworkSession("n" + seed, null, "state test", new Network(3, layers, Loss.MSE, dtype), null, config,
                config.regimen(), Counters.NONE, now, now, 100);
    }

    private static INDArray row(SplittableRandom random, int units, Precision dtype) {
        double[] values = new double[units];
        for (int i = 0; i < units; i++) {
            values[i] = random.nextDouble(-0.5, 0.5);
        }
        return Matrices.rowVector(values, dtype);
    }

    /** Three epochs of mini-batches of two over five rows, as a train call runs them. */
    private static void train(NetworkSession session) {
        double[][] inputs = {{0.1, 0.2, 0.3}, {0.5, -0.1, 0.0}, {-0.3, 0.8, 0.2}, {0.9, 0.4, -0.6}, {0.0, 0.0, 1.0}};
        double[][] targets = {{0.1, 0.9}, {0.8, 0.2}, {0.3, 0.3}, {0.9, 0.1}, {0.5, 0.5}};
        Precision dtype = session.network().precision();
        session.write(() -> {
            Regimen regimen = session.regimenFor(session.config());
            TrainingResult result = session.trainer().train(Matrices.fromRows(inputs, dtype), Matrices.fromRows(targets, dtype),
                    PLAN, regimen);
            session.trained(session.config(), regimen, result.epochs(), result.steps(), result.samples(), result.lastLoss());
            return null;
        });
    }
}
