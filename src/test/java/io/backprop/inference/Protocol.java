package io.backprop.inference;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** A small client of the service's /v2 endpoints and /networks, over the real HTTP stack. */
record Protocol(TestRestTemplate http) {

    static final String MAZUR = """
            { "name": "%s", "inputs": 2, "dtype": "float64", "loss": "mse",
              "layers": [
                { "units": 2, "activation": "sigmoid", "weights": [[0.15, 0.20], [0.25, 0.30]], "biases": [0.35, 0.35] },
                { "units": 2, "activation": "sigmoid", "weights": [[0.40, 0.45], [0.50, 0.55]], "biases": [0.60, 0.60] } ] }""";

    static final String SOFTMAX = """
            { "name": "%s", "inputs": 3, "dtype": "%s", "loss": "cross_entropy", "init": { "seed": 3 },
              "layers": [ { "units": 5, "activation": "tanh" }, { "units": 4, "activation": "softmax" } ] }""";

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Creates a network and returns its id. */
    String create(String json) {
        ResponseEntity<JsonNode> created = post("/networks", json);
        assertThat(created.getStatusCode().value()).as("create: %s", created.getBody()).isEqualTo(201);
        return created.getBody().get("id").asText();
    }

    ResponseEntity<JsonNode> get(String path) {
        return http.getForEntity(path, JsonNode.class);
    }

    ResponseEntity<JsonNode> post(String path, String json) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return http.exchange(path, HttpMethod.POST, new HttpEntity<>(json, headers), JsonNode.class);
    }

    ResponseEntity<JsonNode> infer(String model, String json) {
        return post("/v2/models/" + model + "/infer", json);
    }

    /** Posts a JSON header followed by binary data, with Inference-Header-Content-Length. */
    ResponseEntity<byte[]> inferBinary(String model, String header, byte[] data) {
        byte[] json = header.getBytes(StandardCharsets.UTF_8);
        byte[] body = Arrays.copyOf(json, json.length + data.length);
        System.arraycopy(data, 0, body, json.length, data.length);
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_OCTET_STREAM);
        headers.set("Inference-Header-Content-Length", String.valueOf(json.length));
        return http.exchange("/v2/models/" + model + "/infer", HttpMethod.POST, new HttpEntity<>(body, headers), byte[].class);
    }

    /** The JSON header of a binary response. */
    static JsonNode header(ResponseEntity<byte[]> response) {
        int length = Integer.parseInt(response.getHeaders().getFirst("Inference-Header-Content-Length"));
        return parse(Arrays.copyOf(response.getBody(), length));
    }

    /** The bytes of a binary response after its JSON header, little-endian. */
    static ByteBuffer data(ResponseEntity<byte[]> response) {
        int length = Integer.parseInt(response.getHeaders().getFirst("Inference-Header-Content-Length"));
        return ByteBuffer.wrap(response.getBody(), length, response.getBody().length - length).slice().order(ByteOrder.LITTLE_ENDIAN);
    }

    static JsonNode parse(byte[] json) {
        try {
            return JSON.readTree(json);
        } catch (IOException unreadable) {
            throw new UncheckedIOException(unreadable);
        }
    }

    static byte[] littleEndianDoubles(double... values) {
        ByteBuffer buffer = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        for (double value : values) {
            buffer.putDouble(value);
        }
        return buffer.array();
    }

    static byte[] littleEndianFloats(float... values) {
        ByteBuffer buffer = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float value : values) {
            buffer.putFloat(value);
        }
        return buffer.array();
    }
}
