package io.backprop.network;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** A small JSON client for the tests that go through the real HTTP stack. */
record Api(TestRestTemplate http) {

    static final String MAZUR = """
            { "name": "mazur-2-2-2", "inputs": 2,
              "layers": [
                { "units": 2, "activation": "sigmoid", "weights": [[0.15, 0.20], [0.25, 0.30]], "biases": [0.35, 0.35] },
                { "units": 2, "activation": "sigmoid", "weights": [[0.40, 0.45], [0.50, 0.55]], "biases": [0.60, 0.60] } ],
              "loss": "mse", "dtype": "float64", "optimizer": { "type": "sgd", "learningRate": 0.5 } }""";

    static final String MAZUR_SAMPLE = "\"inputs\": [[0.05, 0.10]], \"targets\": [[0.01, 0.99]]";

    ResponseEntity<JsonNode> post(String path, String json) {
        return exchange(HttpMethod.POST, path, json);
    }

    ResponseEntity<JsonNode> put(String path, String json) {
        return exchange(HttpMethod.PUT, path, json);
    }

    ResponseEntity<JsonNode> get(String path) {
        return exchange(HttpMethod.GET, path, null);
    }

    ResponseEntity<JsonNode> delete(String path) {
        return exchange(HttpMethod.DELETE, path, null);
    }

    ResponseEntity<JsonNode> exchange(HttpMethod method, String path, String json) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return http.exchange(path, method, new HttpEntity<>(json, headers), JsonNode.class);
    }

    /** Creates a network and returns its id. */
    String create(String json) {
        ResponseEntity<JsonNode> created = post("/networks", json);
        assertThat(created.getStatusCode().value()).as("create: %s", created.getBody()).isEqualTo(201);
        return created.getBody().get("id").asText();
    }
}
