package io.backprop.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.backprop.engine.Activation;
import io.backprop.engine.Precision;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Exported ONNX models run in ONNX Runtime as the network predicts, and read back as the same layers. */
class OnnxRoundTripTest {

    static Stream<Arguments> everyActivationDtypeAndBias() {
        List<Arguments> cases = new ArrayList<>();
        for (Activation activation : Activation.values()) {
            for (Precision dtype : Precision.values()) {
                cases.add(Arguments.of(activation, dtype, true));
                cases.add(Arguments.of(activation, dtype, false));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} {1} bias={2}")
    @MethodSource("everyActivationDtypeAndBias")
    void onnxRuntimeOutputsEqualPredict(Activation activation, Precision dtype, boolean bias) throws OrtException {
        Models models = Models.random(11, activation, dtype, bias);
        byte[] onnx = OnnxWriter.write("g", models.spec(), models.layers(), Map.of());
        double[][] inputs = Models.rows(3, 7, 3);

        double[][] expected = models.network().predict(inputs);
        double[][] actual = run(onnx, inputs, dtype);

        assertClose(actual, expected, dtype == Precision.FLOAT32 ? 1e-5 : 1e-12);
    }

    @ParameterizedTest(name = "{0} {1} bias={2}")
    @MethodSource("everyActivationDtypeAndBias")
    void exportedModelReadsBackAsTheSameLayers(Activation activation, Precision dtype, boolean bias) {
        Models models = Models.random(12, activation, dtype, bias);

        ModelLayers read = OnnxReader.read(OnnxWriter.write("g", models.spec(), models.layers(), Map.of("k", "v")), 1 << 20, 1 << 20);

        assertThat(read.inputs()).isEqualTo(3);
        assertThat(read.dtype()).isEqualTo(dtype);
        assertThat(read.shapes()).isEqualTo(models.spec().layers());
        assertThat(read.tensors()).isEqualTo(models.layers());
        assertThat(read.metadata()).containsExactly(Map.entry("k", "v"));
    }

    static double[][] run(byte[] onnx, double[][] inputs, Precision dtype) throws OrtException {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession session = env.createSession(onnx, new OrtSession.SessionOptions());
             OnnxTensor input = dtype == Precision.FLOAT32 ? OnnxTensor.createTensor(env, toFloat(inputs))
                     : OnnxTensor.createTensor(env, inputs);
             OrtSession.Result result = session.run(Map.of("input", input))) {
            Object value = result.get("output").orElseThrow().getValue();
            if (value instanceof float[][] floats) {
                double[][] rows = new double[floats.length][];
                for (int i = 0; i < floats.length; i++) {
                    rows[i] = new double[floats[i].length];
                    for (int j = 0; j < floats[i].length; j++) {
                        rows[i][j] = floats[i][j];
                    }
                }
                return rows;
            }
            return (double[][]) value;
        }
    }

    static float[][] toFloat(double[][] rows) {
        float[][] floats = new float[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            floats[i] = new float[rows[i].length];
            for (int j = 0; j < rows[i].length; j++) {
                floats[i][j] = (float) rows[i][j];
            }
        }
        return floats;
    }

    /** Equal within {@code relative} of each value's magnitude (and of 1 for values near zero). */
    static void assertClose(double[][] actual, double[][] expected, double relative) {
        assertThat(actual.length).isEqualTo(expected.length);
        for (int i = 0; i < expected.length; i++) {
            assertThat(actual[i].length).isEqualTo(expected[i].length);
            for (int j = 0; j < expected[i].length; j++) {
                assertThat(actual[i][j]).as("row %d, column %d", i, j)
                        .isCloseTo(expected[i][j], within(relative * Math.max(1, Math.abs(expected[i][j]))));
            }
        }
    }
}
