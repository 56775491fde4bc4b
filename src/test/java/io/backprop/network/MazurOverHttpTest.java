package io.backprop.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.ResponseEntity;

/** Worked example 3 (the 2-2-2 "Mazur" network) through the real HTTP stack: create, backprop, train, predict. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class MazurOverHttpTest {

    @Autowired
    private TestRestTemplate http;

    private Api api() {
        return new Api(http);
    }

    @Test
    void createAnswers201WithLocationAndDescription() {
        ResponseEntity<JsonNode> created = api().post("/networks", Api.MAZUR);

        assertThat(created.getStatusCode().value()).isEqualTo(201);
        JsonNode body = created.getBody();
        assertThat(created.getHeaders().getLocation()).hasToString("/networks/" + body.get("id").asText());
        assertThat(body.get("parameterCount").asLong()).isEqualTo(12);
        assertThat(body.get("dtype").asText()).isEqualTo("float64");
        assertThat(body.get("loss").asText()).isEqualTo("mse");
        assertThat(body.at("/layers/0/activation").asText()).isEqualTo("sigmoid");
        assertThat(body.at("/layers/0/weights").isMissingNode()).isTrue();
        assertThat(body.at("/optimizer/learningRate").asDouble()).isEqualTo(0.5);
        assertThat(body.get("stepsTrained").asLong()).isZero();
        assertThat(api().get("/networks/" + body.get("id").asText()).getBody().get("name").asText()).isEqualTo("mazur-2-2-2");
    }

    @Test
    void backpropReproducesThePublishedStep() {
        String id = api().create(Api.MAZUR);

        JsonNode step = api().post("/networks/" + id + "/backprop", "{" + Api.MAZUR_SAMPLE + ", \"learningRate\": 0.5}").getBody();

        assertThat(step.get("loss").asDouble()).isCloseTo(0.298371109, within(1e-9));
        assertThat(step.at("/layers/0/activations/0/0").asDouble()).isCloseTo(0.593269992, within(1e-9));
        assertThat(step.at("/layers/0/activations/0/1").asDouble()).isCloseTo(0.596884378, within(1e-9));
        assertThat(step.at("/outputs/0/0").asDouble()).isCloseTo(0.75136507, within(1e-8));
        assertThat(step.at("/outputs/0/1").asDouble()).isCloseTo(0.772928465, within(1e-9));
        assertThat(step.at("/layers/1/weightGradients/0/0").asDouble()).isCloseTo(0.082167041, within(1e-9));
        double[] expected = {0.35891648, 0.408666186, 0.511301270, 0.561370121};
        double[] expectedHidden = {0.149780716, 0.19956143, 0.24975114, 0.29950229};
        for (int k = 0; k < 4; k++) {
            assertThat(step.at("/layers/1/updatedWeights/" + k / 2 + "/" + k % 2).asDouble()).isCloseTo(expected[k], within(1e-8));
            assertThat(step.at("/layers/0/updatedWeights/" + k / 2 + "/" + k % 2).asDouble()).isCloseTo(expectedHidden[k], within(1e-8));
        }
        assertThat(step.get("applied").asBoolean()).isTrue();
        JsonNode parameters = api().get("/networks/" + id + "/parameters").getBody();
        assertThat(parameters.at("/layers/1/weights/0/0").asDouble()).isEqualTo(step.at("/layers/1/updatedWeights/0/0").asDouble());
        assertThat(api().get("/networks/" + id).getBody().get("stepsTrained").asLong()).isEqualTo(1);
    }

    @Test
    void dryRunChangesNothing() {
        String id = api().create(Api.MAZUR);

        JsonNode step = api().post("/networks/" + id + "/backprop", "{" + Api.MAZUR_SAMPLE + ", \"apply\": false}").getBody();

        assertThat(step.get("applied").asBoolean()).isFalse();
        assertThat(step.get("learningRate").asDouble()).isEqualTo(0.5);
        assertThat(api().get("/networks/" + id + "/parameters").getBody().at("/layers/1/weights/0/0").asDouble()).isEqualTo(0.40);
        assertThat(api().get("/networks/" + id).getBody().get("stepsTrained").asLong()).isZero();
    }

    @Test
    void tenThousandTrainingStepsReachThePublishedLoss() {
        String id = api().create(Api.MAZUR);

        JsonNode trained = api().post("/networks/" + id + "/train", "{" + Api.MAZUR_SAMPLE + ", \"epochs\": 10000}").getBody();
        JsonNode after = api().post("/networks/" + id + "/evaluate", "{" + Api.MAZUR_SAMPLE + "}").getBody();

        assertThat(trained.get("steps").asLong()).isEqualTo(10_000);
        assertThat(trained.get("lossHistory").size()).isEqualTo(10_000);
        assertThat(trained.at("/lossHistory/0").asDouble()).isCloseTo(0.298371109, within(1e-9));
        assertThat(after.get("loss").asDouble()).isCloseTo(2.4475622359e-06, within(1e-15));
        JsonNode description = api().get("/networks/" + id).getBody();
        assertThat(description.get("epochsTrained").asLong()).isEqualTo(10_000);
        assertThat(description.get("samplesSeen").asLong()).isEqualTo(10_000);
        assertThat(description.get("lastLoss").asDouble()).isEqualTo(trained.get("loss").asDouble());
    }

    @Test
    void predictAnswersTheForwardPass() {
        String id = api().create(Api.MAZUR);

        JsonNode predicted = api().post("/networks/" + id + "/predict", "{\"inputs\": [[0.05, 0.10], [0.05, 0.10]]}").getBody();

        assertThat(predicted.at("/outputs/1/0").asDouble()).isCloseTo(0.75136507, within(1e-8));
        assertThat(predicted.at("/outputs/1/1").asDouble()).isCloseTo(0.772928465, within(1e-9));
        assertThat(predicted.has("classes")).isFalse();
    }

    @Test
    void gradientCheckAgreesAndChangesNothing() {
        String id = api().create(Api.MAZUR);

        JsonNode check = api().post("/networks/" + id + "/gradient-check", "{" + Api.MAZUR_SAMPLE + "}").getBody();

        assertThat(check.get("maxRelativeError").asDouble()).isLessThan(1e-6);
        assertThat(check.at("/layers/1/weightGradients/0/0").asDouble()).isCloseTo(0.082167041, within(1e-9));
        assertThat(check.at("/layers/1/numericWeightGradients/0/0").asDouble()).isCloseTo(0.082167041, within(1e-9));
        assertThat(api().get("/networks/" + id + "/parameters").getBody().at("/layers/1/weights/0/0").asDouble()).isEqualTo(0.40);
    }
}
