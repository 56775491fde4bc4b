package io.backprop.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;

/** Worked examples 1 and 2, and the service's bookkeeping around them, over HTTP. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class WorkedExamplesOverHttpTest {

    @Autowired
    private TestRestTemplate http;

    private Api api() {
        return new Api(http);
    }

    @Test
    void singleWeightDescentTakesThePublishedTwoSteps() {
        String id = api().create("""
                { "inputs": 1, "layers": [ { "units": 1, "activation": "identity", "bias": false, "weights": [[0]] } ],
                  "dtype": "float64", "optimizer": { "type": "sgd", "learningRate": 0.5 } }""");
        String sample = "{\"inputs\": [[1]], \"targets\": [[1]]}";

        JsonNode first = api().post("/networks/" + id + "/backprop", sample).getBody();
        JsonNode second = api().post("/networks/" + id + "/backprop", sample).getBody();

        assertThat(first.at("/outputs/0/0").asDouble()).isEqualTo(0.0);
        assertThat(first.get("loss").asDouble()).isEqualTo(0.5);
        assertThat(first.at("/layers/0/weightGradients/0/0").asDouble()).isEqualTo(-1.0);
        assertThat(first.at("/layers/0/updatedWeights/0/0").asDouble()).isEqualTo(0.5);
        assertThat(first.at("/layers/0/biases").isMissingNode()).isTrue();
        assertThat(second.at("/outputs/0/0").asDouble()).isEqualTo(0.5);
        assertThat(second.get("loss").asDouble()).isEqualTo(0.125);
        assertThat(second.at("/layers/0/weightGradients/0/0").asDouble()).isEqualTo(-0.5);
        assertThat(second.at("/layers/0/updatedWeights/0/0").asDouble()).isEqualTo(0.75);
    }

    @Test
    void sigmoidHiddenUnitStepMatchesThePrintedValues() {
        String id = api().create("""
                { "inputs": 1, "dtype": "float64", "optimizer": { "type": "sgd", "learningRate": 0.1 },
                  "layers": [ { "units": 1, "activation": "sigmoid", "weights": [[0.5]], "biases": [0.2] },
                              { "units": 1, "activation": "identity", "weights": [[0.3]], "biases": [0.1] } ] }""");

        JsonNode step = api().post("/networks/" + id + "/backprop", "{\"inputs\": [[1]], \"targets\": [[0.5]]}").getBody();

        assertThat(step.at("/layers/0/preActivations/0/0").asDouble()).isCloseTo(0.7, within(1e-15));
        assertThat(step.at("/layers/0/activations/0/0").asDouble()).isCloseTo(0.668, within(1e-3));
        assertThat(step.at("/outputs/0/0").asDouble()).isCloseTo(0.300, within(1e-3));
        assertThat(step.at("/layers/1/deltas/0/0").asDouble()).isCloseTo(-0.200, within(1e-3));
        assertThat(step.at("/layers/0/deltas/0/0").asDouble()).isCloseTo(-0.013, within(1e-3));
        assertThat(step.at("/layers/1/updatedWeights/0/0").asDouble()).isCloseTo(0.313, within(1e-3));
        assertThat(step.at("/layers/1/updatedBiases/0").asDouble()).isCloseTo(0.120, within(1e-3));
        assertThat(step.at("/layers/0/updatedWeights/0/0").asDouble()).isCloseTo(0.501, within(1e-3));
        assertThat(step.at("/layers/0/updatedBiases/0").asDouble()).isCloseTo(0.201, within(1e-3));
    }

    @Test
    void sameSeedGivesBitIdenticalParametersAndAnOmittedSeedIsReported() {
        String definition = """
                { "inputs": 3, "layers": [ { "units": 4, "activation": "relu" }, { "units": 2, "activation": "softmax" } ],
                  "loss": "cross_entropy", "init": { "scheme": "he_normal"%s } }""";
        String first = api().create(definition.formatted(", \"seed\": 42"));
        String second = api().create(definition.formatted(", \"seed\": 42"));
        JsonNode unseeded = api().post("/networks", definition.formatted("")).getBody();
        long drawn = unseeded.at("/init/seed").asLong();
        String rebuilt = api().create(definition.formatted(", \"seed\": " + drawn));

        assertThat(parameters(first)).isEqualTo(parameters(second));
        assertThat(unseeded.at("/init/seed").isIntegralNumber()).isTrue();
        assertThat(parameters(rebuilt)).isEqualTo(parameters(unseeded.get("id").asText()));
        assertThat(parameters(first)).isNotEqualTo(parameters(rebuilt));
    }

    @Test
    void softmaxClassifierPredictsClassesAndEvaluatesAccuracy() {
        String id = api().create("""
                { "inputs": 2, "loss": "cross_entropy", "dtype": "float64",
                  "layers": [ { "units": 2, "activation": "softmax", "weights": [[1, 0], [0, 1]], "biases": [0, 0] } ] }""");

        JsonNode predicted = api().post("/networks/" + id + "/predict", "{\"inputs\": [[2, 1], [0, 3]]}").getBody();
        JsonNode evaluated = api().post("/networks/" + id + "/evaluate",
                "{\"inputs\": [[2, 1], [0, 3], [5, 1]], \"targets\": [[1, 0], [1, 0], [0, 1]]}").getBody();

        assertThat(predicted.at("/classes/0").asInt()).isZero();
        assertThat(predicted.at("/classes/1").asInt()).isEqualTo(1);
        assertThat(evaluated.get("samples").asLong()).isEqualTo(3);
        assertThat(evaluated.get("accuracy").asDouble()).isCloseTo(1.0 / 3, within(1e-12));
        assertThat(evaluated.at("/confusionMatrix/0/0").asLong()).isEqualTo(1);
        assertThat(evaluated.at("/confusionMatrix/0/1").asLong()).isEqualTo(1);
        assertThat(evaluated.at("/confusionMatrix/1/0").asLong()).isEqualTo(1);
        double expectedLoss = (Math.log(1 + Math.exp(-1)) + Math.log(1 + Math.exp(3)) + Math.log(1 + Math.exp(4))) / 3;
        assertThat(evaluated.get("loss").asDouble()).isCloseTo(expectedLoss, within(1e-12));
    }

    @Test
    void parametersRoundTripAndDeleteForgetsTheNetwork() {
        String id = api().create(Api.MAZUR);
        String replacement = """
                { "layers": [ { "weights": [[1, 2], [3, 4]], "biases": [5, 6] }, { "weights": [[7, 8], [9, 10]], "biases": [11, 12] } ] }""";

        assertThat(api().put("/networks/" + id + "/parameters", replacement).getStatusCode().value()).isEqualTo(200);
        assertThat(api().get("/networks/" + id + "/parameters").getBody().at("/layers/1/biases/1").asDouble()).isEqualTo(12.0);
        assertThat(api().delete("/networks/" + id).getStatusCode().value()).isEqualTo(204);
        assertThat(api().get("/networks/" + id).getStatusCode().value()).isEqualTo(404);
        assertThat(api().get("/networks").getBody().findValuesAsText("id")).doesNotContain(id);
    }

    @Test
    void divergingTrainingIsRejectedAndLeavesTheNetworkAsItWas() {
        String id = api().create(Api.MAZUR);
        JsonNode before = api().get("/networks/" + id + "/parameters").getBody();

        var response = api().post("/networks/" + id + "/train", "{\"inputs\": [[0.05, 0.10]], \"targets\": [[1e300, -1e300]], "
                + "\"epochs\": 5, \"optimizer\": { \"type\": \"sgd\", \"learningRate\": 1e300 }}");

        assertThat(response.getStatusCode().value()).isEqualTo(422);
        assertThat(response.getHeaders().getContentType()).hasToString("application/problem+json");
        assertThat(response.getBody().get("detail").asText()).contains("epoch").contains("step");
        assertThat(api().get("/networks/" + id + "/parameters").getBody()).isEqualTo(before);
        JsonNode description = api().get("/networks/" + id).getBody();
        assertThat(description.get("stepsTrained").asLong()).isZero();
        assertThat(description.at("/optimizer/learningRate").asDouble()).isEqualTo(0.5);
    }

    private JsonNode parameters(String id) {
        return api().get("/networks/" + id + "/parameters").getBody();
    }
}
