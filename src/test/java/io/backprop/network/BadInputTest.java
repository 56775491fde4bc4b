package io.backprop.network;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** Every class of client mistake is a 4xx problem detail naming the field, and changes nothing. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class BadInputTest {

    @Autowired
    private TestRestTemplate http;

    private Api api;
    private String id;

    @BeforeEach
    void createMazur() {
        api = new Api(http);
        id = api.create(Api.MAZUR);
    }

    @Test
    void unknownFieldIsRejected() {
        assertProblem(api.post("/networks", Api.MAZUR.replace("\"loss\"", "\"lossFunction\"")), 400, "lossFunction");
        assertProblem(api.post("/networks/" + id + "/predict", "{\"inputs\": [[1, 2]], \"input\": 1}"), 400, "input");
    }

    @Test
    void notANumberAndInfinityAreRejected() {
        assertProblem(api.post("/networks/" + id + "/predict", "{\"inputs\": [[0.05, NaN]]}"), 400, "inputs[0][1]");
        assertProblem(api.post("/networks/" + id + "/train", "{\"inputs\": [[0.05, 0.1]], \"targets\": [[Infinity, 0]]}"), 400, "targets[0][0]");
        assertProblem(api.post("/networks/" + id + "/backprop", "{" + Api.MAZUR_SAMPLE + ", \"learningRate\": NaN}"), 400, "learningRate");
        assertProblem(api.post("/networks", Api.MAZUR.replace("0.15", "-Infinity")), 400, "layers[0].weights[0][0]");
    }

    @Test
    void nonNumbersWhereNumbersBelongAreRejected() {
        assertProblem(api.post("/networks/" + id + "/predict", "{\"inputs\": [[0.05, \"0.1\"]]}"), 400, "inputs[0][1]");
        assertProblem(api.post("/networks/" + id + "/predict", "{\"inputs\": [[0.05, null]]}"), 400, "inputs[0][1]");
        assertProblem(api.post("/networks", Api.MAZUR.replace("\"inputs\": 2", "\"inputs\": 2.5")), 400, "inputs");
        assertProblem(api.post("/networks", Api.MAZUR.replace("\"inputs\": 2", "\"inputs\": \"2\"")), 400, "inputs");
    }

    @Test
    void raggedAndWronglySizedRowsAreRejected() {
        assertProblem(api.post("/networks/" + id + "/predict", "{\"inputs\": [[0.05, 0.1], [0.05]]}"), 400, "inputs[1]");
        assertProblem(api.post("/networks/" + id + "/predict", "{\"inputs\": [[0.05, 0.1, 0.2]]}"), 400, "inputs[0]");
        assertProblem(api.post("/networks/" + id + "/train", "{\"inputs\": [[0.05, 0.1]], \"targets\": [[0.01]]}"), 400, "targets[0]");
        assertProblem(api.post("/networks/" + id + "/train", "{\"inputs\": [[0.05, 0.1]], \"targets\": [[0.01, 0.99], [0, 1]]}"), 400, "targets");
    }

    @Test
    void wrongWeightShapesAreRejectedNamingBothShapes() {
        ResponseEntity<JsonNode> rows = api.post("/networks", Api.MAZUR.replace("[[0.40, 0.45], [0.50, 0.55]]", "[[0.40, 0.45]]"));
        assertProblem(rows, 400, "layers[1].weights");
        assertThat(rows.getBody().get("detail").asText()).contains("1 row").contains("expected 2");
        assertProblem(api.post("/networks", Api.MAZUR.replace("[0.60, 0.60]", "[0.60]")), 400, "layers[1].biases");
        assertProblem(api.post("/networks", Api.MAZUR.replace("\"units\": 2, \"activation\": \"sigmoid\", \"weights\": [[0.15",
                "\"units\": 2, \"bias\": false, \"activation\": \"sigmoid\", \"weights\": [[0.15")), 400, "layers[0].biases");
        assertProblem(api.put("/networks/" + id + "/parameters", "{\"layers\": [{\"weights\": [[1, 2]], \"biases\": [1, 2]}]}"), 400, "layers");
        assertProblem(api.put("/networks/" + id + "/parameters", """
                { "layers": [ { "weights": [[1, 2], [3, 4]], "biases": [5, 6] }, { "weights": [[7, 8, 0], [9, 10]], "biases": [11, 12] } ] }"""),
                400, "layers[1].weights[0]");
        assertThat(api.get("/networks/" + id + "/parameters").getBody().at("/layers/0/weights/0/0").asDouble()).isEqualTo(0.15);
    }

    @Test
    void lossThatDoesNotPairWithTheOutputIsRejected() {
        assertProblem(api.post("/networks", Api.MAZUR.replace("\"mse\"", "\"cross_entropy\"")), 400, "loss");
        assertProblem(api.post("/networks", """
                { "inputs": 2, "layers": [ { "units": 2, "activation": "softmax" } ], "loss": "binary_cross_entropy" }"""), 400, "loss");
    }

    @Test
    void unknownEnumValuesAreRejectedListingTheChoices() {
        ResponseEntity<JsonNode> response = api.post("/networks", Api.MAZUR.replaceFirst("\"sigmoid\"", "\"sigmod\""));
        assertProblem(response, 400, "layers[0].activation");
        assertThat(response.getBody().get("detail").asText()).contains("leaky_relu");
        assertProblem(api.post("/networks", Api.MAZUR.replace("\"float64\"", "\"float16\"")), 400, "dtype");
        assertProblem(api.post("/networks", Api.MAZUR.replace("\"type\": \"sgd\"", "\"type\": \"lbfgs\"")), 400, "optimizer.type");
    }

    @Test
    void emptyAndMissingBatchesAreRejected() {
        assertProblem(api.post("/networks/" + id + "/predict", "{\"inputs\": []}"), 400, "inputs");
        assertProblem(api.post("/networks/" + id + "/train", "{\"inputs\": [[0.05, 0.1]]}"), 400, "targets");
        assertProblem(api.post("/networks", "{\"inputs\": 2, \"layers\": []}"), 400, "layers");
        assertProblem(api.post("/networks", "{\"inputs\": 2, \"layers\": [{\"units\": 0, \"activation\": \"relu\"}]}"), 400, "layers[0].units");
    }

    @Test
    void badTrainingSettingsAreRejected() {
        assertProblem(api.post("/networks/" + id + "/train", "{" + Api.MAZUR_SAMPLE + ", \"epochs\": 0}"), 400, "epochs");
        assertProblem(api.post("/networks/" + id + "/train", "{" + Api.MAZUR_SAMPLE + ", \"batchSize\": -1}"), 400, "batchSize");
        assertProblem(api.post("/networks/" + id + "/train", "{" + Api.MAZUR_SAMPLE
                + ", \"optimizer\": {\"type\": \"sgd\", \"learningRate\": -0.1}}"), 400, "optimizer.learningRate");
        assertProblem(api.post("/networks/" + id + "/gradient-check", "{" + Api.MAZUR_SAMPLE + ", \"epsilon\": 0}"), 400, "epsilon");
        assertThat(api.get("/networks/" + id).getBody().get("stepsTrained").asLong()).isZero();
    }

    @Test
    void targetsOutsideTheLossDomainAreRejected() {
        String classifier = api.create("""
                { "inputs": 2, "layers": [ { "units": 2, "activation": "sigmoid" } ], "loss": "binary_cross_entropy", "init": {"seed": 1} }""");
        assertProblem(api.post("/networks/" + classifier + "/train", "{\"inputs\": [[1, 2]], \"targets\": [[1.5, 0]]}"), 400, "targets[0][0]");
    }

    @Test
    void malformedJsonIsRejected() {
        assertProblem(api.post("/networks/" + id + "/predict", "{\"inputs\": [[0.05, 0.1]"), 400, "$");
        assertProblem(api.post("/networks/" + id + "/predict", ""), 400, "$");
    }

    @Test
    void unknownIdIsNotFound() {
        ResponseEntity<JsonNode> response = api.post("/networks/no-such-network/predict", "{\"inputs\": [[1, 2]]}");
        assertThat(response.getStatusCode().value()).isEqualTo(404);
        assertThat(response.getHeaders().getContentType()).hasToString("application/problem+json");
        assertThat(response.getBody().get("detail").asText()).contains("no-such-network");
        assertThat(api.delete("/networks/no-such-network").getStatusCode().value()).isEqualTo(404);
        assertThat(api.get("/networks/no-such-network/parameters").getStatusCode().value()).isEqualTo(404);
    }

    @Test
    void frameworkErrorsAreProblemDetailsToo() {
        ResponseEntity<JsonNode> unknownPath = api.get("/no/such/path");
        assertThat(unknownPath.getStatusCode().value()).isEqualTo(404);
        assertThat(unknownPath.getHeaders().getContentType()).hasToString("application/problem+json");
        ResponseEntity<JsonNode> wrongMethod = api.exchange(HttpMethod.PUT, "/networks/" + id + "/predict", "{}");
        assertThat(wrongMethod.getStatusCode().value()).isEqualTo(405);
        assertThat(wrongMethod.getHeaders().getContentType()).hasToString("application/problem+json");
        HttpHeaders text = new HttpHeaders();
        text.setContentType(MediaType.TEXT_PLAIN);
        ResponseEntity<JsonNode> wrongType = http.exchange("/networks", HttpMethod.POST, new HttpEntity<>("x", text), JsonNode.class);
        assertThat(wrongType.getStatusCode().value()).isEqualTo(415);
        assertThat(wrongType.getHeaders().getContentType()).hasToString("application/problem+json");
    }

    private static void assertProblem(ResponseEntity<JsonNode> response, int status, String field) {
        assertThat(response.getStatusCode().value()).as("status of %s", response.getBody()).isEqualTo(status);
        assertThat(response.getHeaders().getContentType()).hasToString("application/problem+json");
        JsonNode body = response.getBody();
        assertThat(body.get("status").asInt()).isEqualTo(status);
        assertThat(body.get("title").asText()).isNotBlank();
        assertThat(body.get("detail").asText()).isNotBlank();
        assertThat(body.get("errors").findValuesAsText("field")).as("fields of %s", body).contains(field);
    }
}
