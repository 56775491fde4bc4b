package io.backprop.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.ResponseEntity;

/** The OpenAPI description documents every endpoint with its error responses, and Swagger UI is linked from the root. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class OpenApiDocumentTest {

    @Autowired
    private TestRestTemplate http;

    @Test
    void everyEndpointIsDocumentedWithProblemResponses() {
        JsonNode document = http.getForObject("/v3/api-docs", JsonNode.class);
        Map<String, List<String>> endpoints = Map.ofEntries(
                Map.entry("/networks", List.of("get", "post")),
                Map.entry("/networks/{id}", List.of("get", "delete")),
                Map.entry("/networks/{id}/parameters", List.of("get", "put")),
                Map.entry("/networks/{id}/predict", List.of("post")),
                Map.entry("/networks/{id}/train", List.of("post")),
                Map.entry("/networks/{id}/backprop", List.of("post")),
                Map.entry("/networks/{id}/evaluate", List.of("post")),
                Map.entry("/networks/{id}/gradient-check", List.of("post")),
                Map.entry("/networks/{id}/optimizer", List.of("get", "put")),
                Map.entry("/datasets", List.of("get", "post")),
                Map.entry("/datasets/{id}", List.of("get", "delete")),
                Map.entry("/networks/{id}/history", List.of("get")),
                Map.entry("/networks/{id}/training-jobs", List.of("post")),
                Map.entry("/jobs", List.of("get")),
                Map.entry("/jobs/{jobId}", List.of("get", "delete")),
                Map.entry("/jobs/{jobId}/events", List.of("get")),
                Map.entry("/networks/{id}/export", List.of("get")),
                Map.entry("/networks/import", List.of("post")));

        assertThat(document.get("paths").size()).isEqualTo(endpoints.size());
        endpoints.forEach((path, methods) -> methods.forEach(method -> {
            JsonNode operation = document.at("/paths/" + path.replace("/", "~1") + "/" + method);
            assertThat(operation.isMissingNode()).as("%s %s", method, path).isFalse();
            assertThat(operation.get("summary").asText()).isNotBlank();
            assertThat(operation.at("/responses/500/content/application~1problem+json/schema/$ref").asText())
                    .isEqualTo("#/components/schemas/Problem");
            if (path.contains("{")) {
                assertThat(operation.at("/responses/404").isMissingNode()).as("404 of %s %s", method, path).isFalse();
            }
        }));
        assertThat(document.at("/components/schemas/LayerSpec/properties/activation/enum").toString())
                .isEqualTo("[\"identity\",\"sigmoid\",\"tanh\",\"relu\",\"leaky_relu\",\"softmax\"]");
        assertThat(document.at("/components/schemas/CreateNetworkRequest/required").toString()).contains("inputs", "layers");
        assertThat(document.at("/paths/~1networks/post/requestBody/content/application~1json/examples").toString())
                .contains("0.15").contains("mazur-2-2-2");
    }

    @Test
    void rootLinksToSwaggerUi() {
        ResponseEntity<String> root = http.getForEntity("/", String.class);
        ResponseEntity<String> ui = http.getForEntity("/swagger-ui/index.html", String.class);

        assertThat(root.getBody()).contains("href=\"/swagger-ui.html\"");
        assertThat(ui.getStatusCode().value()).isEqualTo(200);
        assertThat(http.getForObject("/actuator/health", JsonNode.class).get("status").asText()).isEqualTo("UP");
        assertThat(http.getForObject("/actuator/health/ping", JsonNode.class).get("status").asText()).isEqualTo("UP");
    }
}
