package io.backprop.network;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.ResponseEntity;
import org.springframework.test.annotation.DirtiesContext;

/** Every configured limit answers with its own problem status, never with an exhausted service. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "backprop.limits.max-networks=2",
    "backprop.limits.max-parameters-per-network=100",
    "backprop.limits.max-rows-per-request=3",
    "backprop.limits.max-request-size=2KB",
    "backprop.limits.max-sample-epochs-per-call=20",
    "backprop.limits.max-gradient-check-parameters=10"
})
@DirtiesContext
class LimitsTest {

    @Autowired
    private TestRestTemplate http;

    @Test
    void limitsAreEnforced() {
        Api api = new Api(http);
        String id = api.create(Api.MAZUR);

        assertLimit(api.post("/networks", """
                { "inputs": 10, "layers": [ { "units": 10, "activation": "relu" } ] }"""), 422);
        assertLimit(api.post("/networks/" + id + "/predict", "{\"inputs\": [[1, 2], [1, 2], [1, 2], [1, 2]]}"), 413);
        assertLimit(api.post("/networks/" + id + "/predict", "{\"inputs\": [" + "[1, 2], ".repeat(300) + "[1, 2]]}"), 413);
        assertLimit(api.post("/networks/" + id + "/train", "{" + Api.MAZUR_SAMPLE + ", \"epochs\": 21}"), 422);
        assertLimit(api.post("/networks/" + id + "/gradient-check", "{" + Api.MAZUR_SAMPLE + "}"), 422);
        assertThat(api.get("/networks/" + id).getBody().get("stepsTrained").asLong()).isZero();

        api.create(Api.MAZUR);
        assertLimit(api.post("/networks", Api.MAZUR), 429);
        assertThat(api.delete("/networks/" + id).getStatusCode().value()).isEqualTo(204);
        assertThat(api.post("/networks", Api.MAZUR).getStatusCode().value()).isEqualTo(201);
    }

    private static void assertLimit(ResponseEntity<JsonNode> response, int status) {
        assertThat(response.getStatusCode().value()).as("%s", response.getBody()).isEqualTo(status);
        assertThat(response.getHeaders().getContentType()).hasToString("application/problem+json");
        assertThat(response.getBody().get("detail").asText()).contains("backprop.limits.");
    }
}
