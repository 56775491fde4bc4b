package io.backprop.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.backprop.engine.Activation;
import io.backprop.engine.Precision;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

@SpringBootTest
@AutoConfigureMockMvc
class ExportImportOverHttpTest {

    private static final String SAMPLES = "\"inputs\": [[0.05, 0.10, -0.3], [0.9, -0.4, 0.2], [-0.7, 0.3, 0.5], [0.1, 0.8, -0.6]], "
            + "\"targets\": [[0.01, 0.99], [0.7, 0.3], [0.2, 0.8], [0.9, 0.1]]";

    @Autowired
    private MockMvc mvc;
    @Autowired
    private ObjectMapper json;

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

    private String create(Activation activation, Precision dtype, boolean bias) throws Exception {
        String body = """
                { "name": "net-%s", "inputs": 3, "dtype": "%s", "loss": "mse", "init": { "seed": 5 },
                  "layers": [ { "units": 4, "activation": "%s", "bias": %s }, { "units": 2, "activation": "%s", "bias": %s } ],
                  "optimizer": { "type": "adam", "learningRate": 0.01 }, "schedule": { "type": "step", "stepSize": 2, "gamma": 0.5 } }"""
                .formatted(activation, dtype, activation, bias, activation, bias);
        return read(call(post("/networks").contentType(MediaType.APPLICATION_JSON).content(body), 201)).get("id").asText();
    }

    private void train(String id, int epochs) throws Exception {
        call(post("/networks/" + id + "/train").contentType(MediaType.APPLICATION_JSON)
                .content("{" + SAMPLES + ", \"epochs\": " + epochs + ", \"batchSize\": 3, \"shuffle\": true, \"seed\": 9}"), 200);
    }

    private byte[] call(MockHttpServletRequestBuilder request, int expected) throws Exception {
        var result = mvc.perform(request).andReturn();
        assertThat(result.getResponse().getStatus()).as(result.getResponse().getContentAsString()).isEqualTo(expected);
        return result.getResponse().getContentAsByteArray();
    }

    private JsonNode read(byte[] body) throws Exception {
        return json.readTree(body);
    }

    private JsonNode getJson(String path) throws Exception {
        return read(call(get(path), 200));
    }

    @ParameterizedTest(name = "{0} {1} bias={2}")
    @MethodSource("everyActivationDtypeAndBias")
    void jsonImportContinuesTrainingBitForBit(Activation activation, Precision dtype, boolean bias) throws Exception {
        String original = create(activation, dtype, bias);
        train(original, 3);
        byte[] export = call(get("/networks/" + original + "/export"), 200);

        String imported = read(call(post("/networks/import").contentType(MediaType.APPLICATION_JSON).content(export), 201)).get("id").asText();

        assertThat(imported).isNotEqualTo(original);
        assertThat(getJson("/networks/" + imported + "/parameters")).isEqualTo(getJson("/networks/" + original + "/parameters"));
        assertThat(getJson("/networks/" + imported + "/optimizer")).isEqualTo(getJson("/networks/" + original + "/optimizer"));
        JsonNode a = getJson("/networks/" + original);
        JsonNode b = getJson("/networks/" + imported);
        for (String counter : List.of("epochsTrained", "stepsTrained", "samplesSeen", "lastLoss", "name", "layers", "optimizer", "schedule")) {
            assertThat(b.get(counter)).as(counter).isEqualTo(a.get(counter));
        }
        train(original, 5);
        train(imported, 5);
        assertThat(new String(call(get("/networks/" + imported + "/parameters"), 200), StandardCharsets.UTF_8))
                .isEqualTo(new String(call(get("/networks/" + original + "/parameters"), 200), StandardCharsets.UTF_8));
    }

    @Test
    void exportIsAnAttachmentNamedAfterTheNetwork() throws Exception {
        String id = create(Activation.SIGMOID, Precision.FLOAT64, true);
        mvc.perform(get("/networks/" + id + "/export").param("format", "safetensors"))
                .andExpect(status().isOk())
                .andExpect(header().string("Content-Disposition", "attachment; filename=\"net-sigmoid.safetensors\""));
        mvc.perform(get("/networks/" + id + "/export").param("format", "onnx"))
                .andExpect(header().string("Content-Disposition", "attachment; filename=\"net-sigmoid.onnx\""));
        mvc.perform(get("/networks/" + id + "/export").param("format", "pickle")).andExpect(status().isBadRequest());
    }

    @ParameterizedTest
    @MethodSource("io.backprop.interop.ExportImportOverHttpTest#dtypes")
    void safetensorsReadByAnIndependentReaderHoldTheParameters(Precision dtype) throws Exception {
        String id = create(Activation.TANH, dtype, true);
        train(id, 2);
        byte[] file = call(get("/networks/" + id + "/export").param("format", "safetensors"), 200);

        ByteBuffer buffer = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
        int headerLength = (int) buffer.getLong();
        JsonNode header = json.readTree(new String(file, 8, headerLength, StandardCharsets.UTF_8));
        JsonNode parameters = getJson("/networks/" + id + "/parameters");
        assertThat(json.readTree(header.get("__metadata__").get("backprop.network").asText()).get("dtype").asText()).isEqualTo(dtype.toString());
        for (int l = 0; l < 2; l++) {
            JsonNode weight = header.get(2 * l + ".weight");
            assertThat(weight.get("dtype").asText()).isEqualTo(dtype == Precision.FLOAT32 ? "F32" : "F64");
            assertThat(weight.get("shape")).isEqualTo(json.readTree(l == 0 ? "[4, 3]" : "[2, 4]"));
            double[] values = values(file, 8 + headerLength, weight, dtype);
            double[] expected = Arrays.stream(json.convertValue(parameters.get("layers").get(l).get("weights"), double[][].class))
                    .flatMapToDouble(Arrays::stream).toArray();
            assertThat(values).isEqualTo(expected);
            JsonNode bias = header.get(2 * l + ".bias");
            assertThat(bias.get("shape")).isEqualTo(json.readTree(l == 0 ? "[4]" : "[2]"));
            assertThat(values(file, 8 + headerLength, bias, dtype))
                    .isEqualTo(json.convertValue(parameters.get("layers").get(l).get("biases"), double[].class));
        }

        String imported = read(call(multipart("/networks/import").file(new MockMultipartFile("file", "m.safetensors", null, file)), 201))
                .get("id").asText();
        assertThat(getJson("/networks/" + imported + "/parameters")).isEqualTo(parameters);
    }

    static Stream<Precision> dtypes() {
        return Stream.of(Precision.values());
    }

    private static double[] values(byte[] file, int start, JsonNode entry, Precision dtype) {
        int begin = start + entry.get("data_offsets").get(0).asInt();
        int end = start + entry.get("data_offsets").get(1).asInt();
        ByteBuffer data = ByteBuffer.wrap(file, begin, end - begin).order(ByteOrder.LITTLE_ENDIAN);
        double[] values = new double[(end - begin) / (dtype == Precision.FLOAT32 ? 4 : 8)];
        for (int i = 0; i < values.length; i++) {
            values[i] = dtype == Precision.FLOAT32 ? data.getFloat() : data.getDouble();
        }
        return values;
    }

    @ParameterizedTest(name = "{0} {1} bias={2}")
    @MethodSource("everyActivationDtypeAndBias")
    void onnxRuntimeRunsTheExportAsPredictAndItImportsBack(Activation activation, Precision dtype, boolean bias) throws Exception {
        String id = create(activation, dtype, bias);
        train(id, 2);
        double[][] inputs = Models.rows(4, 6, 3);
        JsonNode predicted = read(call(post("/networks/" + id + "/predict").contentType(MediaType.APPLICATION_JSON)
                .content(json.writeValueAsString(java.util.Map.of("inputs", inputs))), 200)).get("outputs");
        byte[] onnx = call(get("/networks/" + id + "/export").param("format", "onnx"), 200);

        OnnxRoundTripTest.assertClose(OnnxRoundTripTest.run(onnx, inputs, dtype), json.convertValue(predicted, double[][].class),
                dtype == Precision.FLOAT32 ? 1e-5 : 1e-12);
        String imported = read(call(multipart("/networks/import").file(new MockMultipartFile("file", "m.onnx", null, onnx)), 201))
                .get("id").asText();
        assertThat(getJson("/networks/" + imported + "/parameters")).isEqualTo(getJson("/networks/" + id + "/parameters"));
        assertThat(getJson("/networks/" + imported).get("name").asText()).isEqualTo("net-" + activation);
    }

    @Test
    void damagedFilesAreRejectedAndNothingIsCreated() throws Exception {
        String id = create(Activation.RELU, Precision.FLOAT32, true);
        byte[] export = call(get("/networks/" + id + "/export"), 200);
        byte[] safetensors = call(get("/networks/" + id + "/export").param("format", "safetensors"), 200);
        byte[] onnx = call(get("/networks/" + id + "/export").param("format", "onnx"), 200);
        JsonNode before = getJson("/networks");

        ObjectNode wrongSha = (ObjectNode) read(export);
        wrongSha.put("sha256", "0".repeat(64));
        call(post("/networks/import").contentType(MediaType.APPLICATION_JSON).content(json.writeValueAsBytes(wrongSha)), 400);
        ObjectNode nan = (ObjectNode) read(export);
        ((com.fasterxml.jackson.databind.node.ArrayNode) nan.get("stateDict").get("0.bias")).set(0, json.getNodeFactory().numberNode(Double.NaN));
        call(post("/networks/import").contentType(MediaType.APPLICATION_JSON)
                .content(json.writeValueAsString(nan).replace("\"NaN\"", "NaN")), 400);
        ObjectNode unchained = (ObjectNode) read(export);
        unchained.set("stateDict", unchained.get("stateDict").deepCopy());
        ((ObjectNode) unchained.get("stateDict")).set("2.weight", json.readTree("[[1, 2], [3, 4]]"));
        call(post("/networks/import").contentType(MediaType.APPLICATION_JSON).content(json.writeValueAsBytes(unchained)), 400);
        call(multipart("/networks/import").file(new MockMultipartFile("file", "m.safetensors", null,
                Arrays.copyOf(safetensors, safetensors.length - 3))), 400);
        byte[] pastTheEnd = safetensors.clone();
        ByteBuffer.wrap(pastTheEnd).order(ByteOrder.LITTLE_ENDIAN).putLong(0, pastTheEnd.length);
        call(multipart("/networks/import").file(new MockMultipartFile("file", "m.safetensors", null, pastTheEnd)), 400);
        call(multipart("/networks/import").file(new MockMultipartFile("file", "m.onnx", null, Arrays.copyOf(onnx, onnx.length - 9))), 400);
        byte[] foreignKey = Safetensors.write(java.util.Map.of(), java.util.Map.of("encoder.weight",
                new io.backprop.state.Tensor(Precision.FLOAT32, new int[] {1}, new double[] {1})));
        JsonNode problem = read(call(multipart("/networks/import").file(new MockMultipartFile("file", "m.safetensors", null, foreignKey))
                .param("network", "{\"inputs\": 1, \"layers\": [{\"units\": 1, \"activation\": \"identity\"}]}"), 422));
        assertThat(problem.get("detail").asText()).contains("encoder.weight");

        assertThat(getJson("/networks")).isEqualTo(before);
    }
}
