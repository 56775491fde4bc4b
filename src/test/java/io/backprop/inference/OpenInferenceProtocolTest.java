package io.backprop.inference;

import static io.backprop.inference.Protocol.littleEndianDoubles;
import static io.backprop.inference.Protocol.littleEndianFloats;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** Every /v2 endpoint through the real HTTP stack, each answer validated against the published protocol's schemas. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"backprop.limits.max-request-size=256KB", "backprop.limits.max-rows-per-request=100"})
class OpenInferenceProtocolTest {

    private static final double[] MAZUR_OUTPUT = {0.7513650695523157, 0.7729284653214625};

    @Autowired
    private TestRestTemplate http;

    @Autowired
    private ApplicationContext context;

    private Protocol v2;
    private String name;

    @BeforeEach
    void setUp() {
        v2 = new Protocol(http);
        name = "net-" + UUID.randomUUID();
    }

    @Test
    void serverHealthAndMetadataFollowTheProtocol() {
        JsonNode server = v2.get("/v2").getBody();
        assertThat(v2.get("/v2/health/live").getBody().get("live").asBoolean()).isTrue();
        ResponseEntity<JsonNode> ready = v2.get("/v2/health/ready");

        assertThat(server.get("name").asText()).isEqualTo("backprop-service");
        assertThat(server.get("version").asText()).isNotBlank().doesNotContain("@");
        assertThat(server.get("extensions").toString()).isEqualTo("[\"binary_tensor_data\"]");
        ProtocolSchemas.assertValid("metadata_server_response", server);
        assertThat(ready.getStatusCode().value()).isEqualTo(200);
        assertThat(ready.getBody().get("ready").asBoolean()).isTrue();
    }

    @Test
    void serverIsNotReadyWhileTheApplicationRefusesTraffic() {
        AvailabilityChangeEvent.publish(context, ReadinessState.REFUSING_TRAFFIC);
        ResponseEntity<JsonNode> refusing;
        try {
            refusing = v2.get("/v2/health/ready");
        } finally {
            AvailabilityChangeEvent.publish(context, ReadinessState.ACCEPTING_TRAFFIC);
        }

        assertThat(refusing.getStatusCode().value()).isEqualTo(503);
        assertThat(refusing.getBody().get("ready").asBoolean()).isFalse();
        assertThat(refusing.getBody().get("error").asText()).contains("traffic");
        assertThat(v2.get("/v2/health/ready").getStatusCode().value()).isEqualTo(200);
    }

    @Test
    void modelMetadataDescribesTheNetworksTensors() {
        String id = v2.create(Protocol.SOFTMAX.formatted(name, "float32"));

        JsonNode byId = v2.get("/v2/models/" + id).getBody();
        JsonNode byName = v2.get("/v2/models/" + name + "/versions/1").getBody();

        ProtocolSchemas.assertValid("metadata_model_response", byId);
        assertThat(byId.get("name").asText()).isEqualTo(id);
        assertThat(byName.get("name").asText()).isEqualTo(name);
        assertThat(byId.get("versions").toString()).isEqualTo("[\"1\"]");
        assertThat(byId.get("platform").asText()).isEqualTo("backprop_mlp");
        assertThat(byId.get("inputs").toString()).isEqualTo("[{\"name\":\"input\",\"datatype\":\"FP32\",\"shape\":[-1,3]}]");
        assertThat(byId.get("outputs").toString()).isEqualTo("[{\"name\":\"output\",\"datatype\":\"FP32\",\"shape\":[-1,4]},"
                + "{\"name\":\"classes\",\"datatype\":\"INT64\",\"shape\":[-1]}]");
        assertThat(byName.get("inputs")).isEqualTo(byId.get("inputs"));
    }

    @Test
    void modelReadyAnswersByIdNameAndVersion() {
        String id = v2.create(Protocol.MAZUR.formatted(name));

        for (String path : List.of("/v2/models/" + id + "/ready", "/v2/models/" + name + "/ready",
                "/v2/models/" + name + "/versions/1/ready")) {
            ResponseEntity<JsonNode> ready = v2.get(path);
            assertThat(ready.getStatusCode().value()).as(path).isEqualTo(200);
            assertThat(ready.getBody().get("ready").asBoolean()).as(path).isTrue();
        }
        assertThat(v2.get("/v2/models/" + name + "/ready").getBody().get("name").asText()).isEqualTo(name);
    }

    @Test
    void jsonInferAnswersTheWorkedExampleAndEchoesTheId() {
        v2.create(Protocol.MAZUR.formatted(name));

        ResponseEntity<JsonNode> answer = v2.infer(name, """
                { "id": "request-7", "inputs": [ { "name": "input", "shape": [1, 2], "datatype": "FP64", "data": [0.05, 0.10] } ] }""");

        assertThat(answer.getStatusCode().value()).isEqualTo(200);
        assertThat(answer.getHeaders().getContentType().isCompatibleWith(MediaType.APPLICATION_JSON)).isTrue();
        JsonNode body = answer.getBody();
        ProtocolSchemas.assertValid("inference_response", body);
        assertThat(body.get("model_name").asText()).isEqualTo(name);
        assertThat(body.get("model_version").asText()).isEqualTo("1");
        assertThat(body.get("id").asText()).isEqualTo("request-7");
        JsonNode output = body.get("outputs").get(0);
        assertThat(output.get("name").asText()).isEqualTo("output");
        assertThat(output.get("datatype").asText()).isEqualTo("FP64");
        assertThat(output.get("shape").toString()).isEqualTo("[1,2]");
        assertThat(values(output)).containsExactly(MAZUR_OUTPUT);
        assertThat(body.get("outputs").size()).isEqualTo(1);
    }

    @Test
    void nestedAndFlatDataGiveTheSameAnswerAsPredict() {
        String id = v2.create(Protocol.MAZUR.formatted(name));
        JsonNode predicted = v2.post("/networks/" + id + "/predict", "{ \"inputs\": [[0.05, 0.10], [1.5, -2.25], [0, 3]] }").getBody();

        JsonNode flat = v2.infer(id, """
                { "inputs": [ { "name": "input", "shape": [3, 2], "datatype": "FP64", "data": [0.05, 0.10, 1.5, -2.25, 0, 3] } ] }""")
                .getBody();
        JsonNode nested = v2.infer(name + "/versions/1", """
                { "inputs": [ { "data": [[0.05, 0.10], [1.5, -2.25], [0, 3]], "datatype": "FP64", "shape": [3, 2], "name": "input" } ] }""")
                .getBody();

        List<Double> expected = new ArrayList<>();
        predicted.get("outputs").forEach(row -> row.forEach(value -> expected.add(value.asDouble())));
        assertThat(boxed(values(flat.get("outputs").get(0)))).isEqualTo(expected);
        assertThat(nested.get("outputs")).isEqualTo(flat.get("outputs"));
        assertThat(flat.get("outputs").get(0).get("shape").toString()).isEqualTo("[3,2]");
    }

    @Test
    void fp32InputsAreReadAsFloatsAndFloat32NetworksAnswerFp32() {
        String float64 = v2.create(Protocol.MAZUR.formatted(name));
        String float32 = v2.create(Protocol.SOFTMAX.formatted(name + "-32", "float32"));

        JsonNode roundedInput = v2.infer(float64, """
                { "inputs": [ { "name": "input", "shape": [1, 2], "datatype": "FP32", "data": [0.05, 0.10] } ] }""").getBody();
        JsonNode exactInput = v2.post("/networks/" + float64 + "/predict", "{ \"inputs\": [[" + (double) 0.05f + ", "
                + (double) 0.10f + "]] }").getBody();
        JsonNode fp32 = v2.infer(float32, """
                { "inputs": [ { "name": "input", "shape": [1, 3], "datatype": "FP64", "data": [0.5, -1, 2] } ] }""").getBody();
        JsonNode predicted32 = v2.post("/networks/" + float32 + "/predict", "{ \"inputs\": [[0.5, -1, 2]] }").getBody();

        assertThat(values(roundedInput.get("outputs").get(0))).containsExactly(exactInput.get("outputs").get(0).get(0).asDouble(),
                exactInput.get("outputs").get(0).get(1).asDouble());
        JsonNode output = fp32.get("outputs").get(0);
        assertThat(output.get("datatype").asText()).isEqualTo("FP32");
        for (int k = 0; k < 4; k++) {
            assertThat((float) output.get("data").get(k).asDouble()).isEqualTo((float) predicted32.get("outputs").get(0).get(k).asDouble());
        }
    }

    @Test
    void softmaxNetworksAnswerClassesAndOutputsCanBeSelected() {
        String id = v2.create(Protocol.SOFTMAX.formatted(name, "float64"));
        String input = "\"inputs\": [ { \"name\": \"input\", \"shape\": [2, 3], \"datatype\": \"FP64\", \"data\": [0.5, -1, 2, 3, 0, -2] } ]";
        JsonNode predicted = v2.post("/networks/" + id + "/predict", "{ \"inputs\": [[0.5, -1, 2], [3, 0, -2]] }").getBody();

        JsonNode all = v2.infer(id, "{ " + input + " }").getBody();
        JsonNode classesOnly = v2.infer(id, "{ " + input + ", \"outputs\": [ { \"name\": \"classes\" } ] }").getBody();
        JsonNode outputOnly = v2.infer(id, "{ " + input + ", \"outputs\": [ { \"name\": \"output\" } ] }").getBody();

        ProtocolSchemas.assertValid("inference_response", all);
        assertThat(all.get("outputs").size()).isEqualTo(2);
        JsonNode classes = all.get("outputs").get(1);
        assertThat(classes.get("name").asText()).isEqualTo("classes");
        assertThat(classes.get("datatype").asText()).isEqualTo("INT64");
        assertThat(classes.get("shape").toString()).isEqualTo("[2]");
        assertThat(classes.get("data")).isEqualTo(predicted.get("classes"));
        assertThat(classesOnly.get("outputs").size()).isEqualTo(1);
        assertThat(classesOnly.get("outputs").get(0)).isEqualTo(classes);
        assertThat(outputOnly.get("outputs").size()).isEqualTo(1);
        assertThat(outputOnly.get("outputs").get(0)).isEqualTo(all.get("outputs").get(0));
    }

    @Test
    void binaryFp64InputAndOutputRoundTripTheWorkedExample() {
        v2.create(Protocol.MAZUR.formatted(name));

        ResponseEntity<byte[]> answer = v2.inferBinary(name, """
                { "id": "b", "inputs": [ { "name": "input", "shape": [1, 2], "datatype": "FP64", "parameters": { "binary_data_size": 16 } } ],
                  "outputs": [ { "name": "output", "parameters": { "binary_data": true } } ] }""", littleEndianDoubles(0.05, 0.10));

        assertThat(answer.getStatusCode().value()).isEqualTo(200);
        assertThat(answer.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_OCTET_STREAM);
        JsonNode header = Protocol.header(answer);
        assertThat(header.get("id").asText()).isEqualTo("b");
        JsonNode output = header.get("outputs").get(0);
        assertThat(output.get("parameters").get("binary_data_size").asInt()).isEqualTo(16);
        assertThat(output.has("data")).isFalse();
        ByteBuffer data = Protocol.data(answer);
        assertThat(data.remaining()).isEqualTo(16);
        assertThat(new double[] {data.getDouble(), data.getDouble()}).containsExactly(MAZUR_OUTPUT);
    }

    @Test
    void binaryFp32InputAnswersAsJsonDoesAndBinaryOutputsFollowInRequestOrder() {
        String id = v2.create(Protocol.SOFTMAX.formatted(name, "float32"));
        JsonNode json = v2.infer(id, """
                { "inputs": [ { "name": "input", "shape": [2, 3], "datatype": "FP32", "data": [0.5, -1, 2, 3, 0, -2] } ] }""").getBody();

        ResponseEntity<byte[]> answer = v2.inferBinary(id, """
                { "inputs": [ { "name": "input", "shape": [2, 3], "datatype": "FP32", "parameters": { "binary_data_size": 24 } } ],
                  "outputs": [ { "name": "classes", "parameters": { "binary_data": true } }, { "name": "output" } ] }""",
                littleEndianFloats(0.5f, -1f, 2f, 3f, 0f, -2f));

        JsonNode header = Protocol.header(answer);
        assertThat(header.get("outputs").get(0).get("parameters").get("binary_data_size").asInt()).isEqualTo(16);
        assertThat(header.get("outputs").get(1)).isEqualTo(json.get("outputs").get(0));
        ByteBuffer data = Protocol.data(answer);
        assertThat(data.remaining()).isEqualTo(16);
        assertThat(new long[] {data.getLong(), data.getLong()})
                .containsExactly(json.get("outputs").get(1).get("data").get(0).asLong(), json.get("outputs").get(1).get("data").get(1).asLong());
    }

    @Test
    void binaryDataOutputParameterMakesEveryOutputBinary() {
        String id = v2.create(Protocol.SOFTMAX.formatted(name, "float32"));
        JsonNode json = v2.infer(id, """
                { "inputs": [ { "name": "input", "shape": [1, 3], "datatype": "FP32", "data": [0.5, -1, 2] } ] }""").getBody();

        ResponseEntity<byte[]> answer = v2.inferBinary(id, """
                { "parameters": { "binary_data_output": true },
                  "inputs": [ { "name": "input", "shape": [1, 3], "datatype": "FP32", "parameters": { "binary_data_size": 12 } } ] }""",
                littleEndianFloats(0.5f, -1f, 2f));

        ByteBuffer data = Protocol.data(answer);
        assertThat(data.remaining()).isEqualTo(4 * 4 + 8);
        for (int k = 0; k < 4; k++) {
            assertThat(data.getFloat()).isEqualTo((float) json.get("outputs").get(0).get("data").get(k).asDouble());
        }
        assertThat(data.getLong()).isEqualTo(json.get("outputs").get(1).get("data").get(0).asLong());
    }

    @Test
    void requestsTheModelCannotTakeAreRejectedWithAnErrorSentence() {
        String id = v2.create(Protocol.MAZUR.formatted(name));
        String input = "{ \"inputs\": [ { \"name\": \"%s\", \"shape\": %s, \"datatype\": \"%s\", \"data\": %s } ]%s }";

        assertError(v2.infer(id, input.formatted("input", "[1, 3]", "FP64", "[1, 2, 3]", "")), 400, "inputs[0].shape is [1, 3]");
        assertError(v2.infer(id, input.formatted("input", "[2]", "FP64", "[1, 2]", "")), 400, "[N, 2]");
        assertError(v2.infer(id, input.formatted("input", "[1, 2]", "INT32", "[1, 2]", "")), 400, "'INT32'");
        assertError(v2.infer(id, input.formatted("input", "[2, 2]", "FP64", "[1, 2, 3]", "")), 400, "data has 3 values");
        assertError(v2.infer(id, input.formatted("input", "[2, 2]", "FP64", "[[1, 2], [3]]", "")), 400, "data[1] has 1 values");
        assertError(v2.infer(id, input.formatted("pixels", "[1, 2]", "FP64", "[1, 2]", "")), 400, "'pixels'");
        assertError(v2.infer(id, input.formatted("input", "[1, 2]", "FP64", "[1, \"2\"]", "")), 400, "data[1] must be a number");
        assertError(v2.infer(id, input.formatted("input", "[1, 2]", "FP32", "[1, 1e39]", "")), 400, "finite FP32");
        assertError(v2.infer(id, input.formatted("input", "[1, 2]", "FP64", "[1, 2]", ", \"outputs\": [ { \"name\": \"classes\" } ]")),
                400, "'classes'");
        assertError(v2.infer(id, input.formatted("input", "[1, 2]", "FP64", "[1, 2]", ", \"extra\": 1")), 400, "'extra'");
        assertError(v2.infer(id, "{ \"inputs\": [] }"), 400, "inputs is required");
        assertError(v2.infer(id, "{ \"inputs\": [ { \"name\": \"input\", \"shape\": [1, 2], \"datatype\": \"FP64\" } ] }"), 400,
                "data is required");
        assertError(v2.infer(id, input.formatted("input", "[101, 2]", "FP64", "[1, 2]", "")), 413, "max-rows-per-request");
        assertError(v2.infer("no-such-model", input.formatted("input", "[1, 2]", "FP64", "[1, 2]", "")), 404, "no-such-model");
        assertError(v2.infer(id + "/versions/2", input.formatted("input", "[1, 2]", "FP64", "[1, 2]", "")), 404, "version");
    }

    @Test
    void damagedBinaryBodiesAreRejected() {
        String id = v2.create(Protocol.MAZUR.formatted(name));
        String header = "{ \"inputs\": [ { \"name\": \"input\", \"shape\": [1, 2], \"datatype\": \"FP64\", "
                + "\"parameters\": { \"binary_data_size\": %d } } ] }";

        ResponseEntity<byte[]> truncated = v2.inferBinary(id, header.formatted(16), new byte[12]);
        ResponseEntity<byte[]> trailing = v2.inferBinary(id, header.formatted(16), new byte[20]);
        ResponseEntity<byte[]> wrongSize = v2.inferBinary(id, header.formatted(12), new byte[12]);
        ResponseEntity<JsonNode> withoutHeader = v2.infer(id, header.formatted(16));

        assertError(truncated.getStatusCode().value(), Protocol.parse(truncated.getBody()), 400, "4 bytes short");
        assertError(trailing.getStatusCode().value(), Protocol.parse(trailing.getBody()), 400, "4 bytes after");
        assertError(wrongSize.getStatusCode().value(), Protocol.parse(wrongSize.getBody()), 400, "takes 16 bytes");
        assertError(withoutHeader, 400, "Inference-Header-Content-Length");
    }

    @Test
    void malformedUnsupportedAndOversizedRequestsAnswerWithTheProtocolsErrorBody() {
        String id = v2.create(Protocol.MAZUR.formatted(name));
        HttpHeaders text = new HttpHeaders();
        text.setContentType(MediaType.TEXT_PLAIN);
        HttpHeaders json = new HttpHeaders();
        json.setContentType(MediaType.APPLICATION_JSON);

        assertError(v2.infer(id, "{ \"inputs\": [ "), 400, "not valid JSON");
        assertError(http.exchange("/v2/models/" + id + "/infer", HttpMethod.POST, new HttpEntity<>("{}", text), JsonNode.class),
                415, "Content-Type");
        assertError(http.exchange("/v2/models/" + id + "/infer", HttpMethod.POST, new HttpEntity<>("1".repeat(300_000), json),
                JsonNode.class), 413, "max-request-size");
        assertError(http.exchange("/v2/models/" + id + "/infer", HttpMethod.GET, null, JsonNode.class), 405, "GET");
        assertError(v2.get("/v2/no-such-endpoint"), 404, "");
        assertError(v2.get("/v2/models/" + id + "/versions/7"), 404, "version '7'");
    }

    @Test
    void aNameSharedByTwoNetworksNamesNoModel() {
        String first = v2.create(Protocol.MAZUR.formatted(name));
        v2.create(Protocol.MAZUR.formatted(name));

        assertError(v2.get("/v2/models/" + name), 404, "2 networks are named");
        assertThat(v2.get("/v2/models/" + first).getStatusCode().value()).isEqualTo(200);
    }

    private static void assertError(ResponseEntity<JsonNode> response, int status, String fragment) {
        assertError(response.getStatusCode().value(), response.getBody(), status, fragment);
    }

    private static void assertError(int actualStatus, JsonNode body, int status, String fragment) {
        assertThat(actualStatus).as("%s", body).isEqualTo(status);
        ProtocolSchemas.assertValid("inference_error_response", body);
        assertThat(body.size()).as("%s", body).isEqualTo(1);
        assertThat(body.get("error").asText()).isNotBlank().contains(fragment);
    }

    private static double[] values(JsonNode output) {
        double[] values = new double[output.get("data").size()];
        for (int k = 0; k < values.length; k++) {
            values[k] = output.get("data").get(k).asDouble();
        }
        return values;
    }

    private static List<Double> boxed(double[] values) {
        List<Double> list = new ArrayList<>();
        for (double value : values) {
            list.add(value);
        }
        return list;
    }
}
