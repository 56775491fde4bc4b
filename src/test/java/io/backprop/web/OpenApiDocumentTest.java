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

/**
 * The OpenAPI description documents every endpoint with its error responses (problem details, and
 * the Open Inference Protocol's own error body under /v2), and Swagger UI is linked from the root.
 */
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

        Map<String, String> openInference = Map.of(
                "/v2", "get", "/v2/health/live", "get", "/v2/health/ready", "get",
                "/v2/models/{model}", "get", "/v2/models/{model}/versions/{version}", "get",
                "/v2/models/{model}/ready", "get", "/v2/models/{model}/versions/{version}/ready", "get",
                "/v2/models/{model}/infer", "post", "/v2/models/{model}/versions/{version}/infer", "post");

        assertThat(document.get("paths").size()).isEqualTo(endpoints.size() + openInference.size());
        openInference.forEach((path, method) -> {
            JsonNode operation = document.at("/paths/" + path.replace("/", "~1") + "/" + method);
            assertThat(operation.get("summary").asText()).as("%s %s", method, path).isNotBlank();
            if (path.contains("{model}")) {
                assertThat(operation.at("/responses/404/content/application~1json/schema/$ref").asText())
                        .as("404 of %s %s", method, path).isEqualTo("#/components/schemas/InferenceError");
            }
        });
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
    void sealedConfigurationsAreOneOfWithATypeDiscriminatorAndTheirDefaultsInWords() {
        JsonNode schemas = http.getForObject("/v3/api-docs", JsonNode.class).get("components").get("schemas");

        for (String root : List.of("OptimizerSpec", "ScheduleSpec")) {
            assertThat(schemas.at("/" + root + "/discriminator/propertyName").asText()).isEqualTo("type");
            assertThat(schemas.at("/" + root + "/oneOf").size()).as(root).isEqualTo(root.equals("OptimizerSpec") ? 5 : 6);
        }
        JsonNode adam = schemas.get("AdamOptimizer");
        assertThat(adam.has("allOf")).isFalse();
        assertThat(adam.at("/properties/type/enum").toString()).isEqualTo("[\"adam\"]");
        assertThat(adam.get("required").toString()).isEqualTo("[\"type\"]");
        assertThat(adam.at("/properties/beta2/description").asText()).endsWith("Default: 0.999.");
        assertThat(schemas.at("/AdamWOptimizer/properties/weightDecay/description").asText()).endsWith("Default: 0.01.");
        assertThat(schemas.at("/CosineSchedule/required").toString()).contains("tMax");
    }

    @Test
    void fieldsWithADefaultAreOptionalAndCarryNoDefaultKeyword() {
        String document = http.getForObject("/v3/api-docs", String.class);
        JsonNode schemas = http.getForObject("/v3/api-docs", JsonNode.class).get("components").get("schemas");

        assertThat(document).doesNotContain("\"default\"");
        assertThat(schemas.at("/LayerSpec/required").toString()).doesNotContain("bias");
        assertThat(schemas.at("/LayerSpec/properties/bias/description").asText()).endsWith("Default: true.");
        assertThat(schemas.at("/BackpropRequest/required").toString()).doesNotContain("apply");
    }

    @Test
    void notFoundAndLimitResponsesNameTheResourceOfTheirEndpoint() {
        JsonNode paths = http.getForObject("/v3/api-docs", JsonNode.class).get("paths");

        assertThat(paths.at("/~1networks~1{id}/get/responses/404/description").asText()).contains("network");
        assertThat(paths.at("/~1datasets~1{id}/get/responses/404/description").asText()).isEqualTo("No data set has this id.");
        assertThat(paths.at("/~1jobs~1{jobId}/get/responses/404/description").asText()).startsWith("No job has this id");
        assertThat(paths.at("/~1datasets/post/responses/429/description").asText()).contains("data sets").doesNotContain("network");
        assertThat(paths.at("/~1networks~1{id}~1training-jobs/post/responses/429/description").asText()).contains("job queue");
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
