package io.backprop.security;

import com.fasterxml.jackson.databind.JsonNode;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** A JSON client for the security tests: every call carries the given key (or none when it is null). */
record Client(TestRestTemplate http, String key) {

    static final String SMALL_NETWORK = """
            { "name": "tiny", "inputs": 2, "layers": [ { "units": 2, "activation": "sigmoid" } ] }""";

    Client as(String otherKey) {
        return new Client(http, otherKey);
    }

    ResponseEntity<JsonNode> get(String path) {
        return exchange(HttpMethod.GET, path, null);
    }

    ResponseEntity<JsonNode> post(String path, String json) {
        return exchange(HttpMethod.POST, path, json);
    }

    ResponseEntity<JsonNode> delete(String path) {
        return exchange(HttpMethod.DELETE, path, null);
    }

    ResponseEntity<JsonNode> exchange(HttpMethod method, String path, String json) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        if (key != null) {
            headers.setBearerAuth(key);
        }
        return http.exchange(path, method, new HttpEntity<>(json, headers), JsonNode.class);
    }

    /** Issues a key through POST /keys (this client must hold an admin key) and returns its secret. */
    String issue(String body) {
        ResponseEntity<JsonNode> created = post("/keys", body);
        if (created.getStatusCode().value() != 201) {
            throw new AssertionError("POST /keys: " + created.getStatusCode() + " " + created.getBody());
        }
        return created.getBody().get("key").asText();
    }

    /** Creates a network and returns its id. */
    String network(String json) {
        ResponseEntity<JsonNode> created = post("/networks", json);
        if (created.getStatusCode().value() != 201) {
            throw new AssertionError("POST /networks: " + created.getStatusCode() + " " + created.getBody());
        }
        return created.getBody().get("id").asText();
    }
}
