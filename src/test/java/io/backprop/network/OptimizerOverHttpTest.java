package io.backprop.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.backprop.reference.ReferenceNetwork;
import io.backprop.reference.ReferenceOptimizer;
import io.backprop.reference.ReferenceTraining;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.ResponseEntity;

/** Optimizers, schedules and clipping over HTTP: configuration, state across calls, and validation. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class OptimizerOverHttpTest {

    private static final double[][] W1 = {{0.2, -0.4, 0.1}, {0.5, 0.3, -0.2}, {-0.3, 0.1, 0.4}, {0.05, -0.25, 0.35}};
    private static final double[] B1 = {0.1, -0.1, 0.05, 0.0};
    private static final double[][] W2 = {{0.3, -0.2, 0.4, 0.1}, {-0.5, 0.25, 0.15, -0.3}};
    private static final double[] B2 = {0.2, -0.05};
    private static final String NETWORK = """
            { "inputs": 3, "dtype": "float64", "loss": "mse",
              "layers": [ { "units": 4, "activation": "tanh", "weights": [[0.2, -0.4, 0.1], [0.5, 0.3, -0.2], [-0.3, 0.1, 0.4], [0.05, -0.25, 0.35]],
                            "biases": [0.1, -0.1, 0.05, 0.0] },
                          { "units": 2, "activation": "sigmoid", "weights": [[0.3, -0.2, 0.4, 0.1], [-0.5, 0.25, 0.15, -0.3]],
                            "biases": [0.2, -0.05] } ] %s }""";
    private static final double[][] X = {{0.5, -1.0, 0.3}, {1.2, 0.4, -0.7}, {-0.3, 0.8, 0.9}, {0.0, -0.5, 1.5}, {0.7, 0.7, -0.2}};
    private static final double[][] Y = {{0.1, 0.9}, {0.8, 0.2}, {0.3, 0.6}, {0.5, 0.5}, {0.9, 0.1}};
    private static final String DATA = """
            "inputs": [[0.5, -1.0, 0.3], [1.2, 0.4, -0.7], [-0.3, 0.8, 0.9], [0.0, -0.5, 1.5], [0.7, 0.7, -0.2]],
            "targets": [[0.1, 0.9], [0.8, 0.2], [0.3, 0.6], [0.5, 0.5], [0.9, 0.1]]""";

    private static final String ADAM_COSINE_CLIPPED = ", \"optimizer\": { \"type\": \"adam\", \"learningRate\": 0.01 }, "
            + "\"schedule\": { \"type\": \"cosine\", \"tMax\": 15 }, \"clip\": { \"maxNorm\": 0.5 }";

    @Autowired
    private TestRestTemplate http;

    private Api api() {
        return new Api(http);
    }

    @Test
    void configurationIsDescribedWithEveryDefault() {
        String id = api().create(NETWORK.formatted(ADAM_COSINE_CLIPPED));

        JsonNode state = api().get("/networks/" + id + "/optimizer").getBody();

        assertThat(state.at("/optimizer/type").asText()).isEqualTo("adam");
        assertThat(state.at("/optimizer/beta1").asDouble()).isEqualTo(0.9);
        assertThat(state.at("/optimizer/beta2").asDouble()).isEqualTo(0.999);
        assertThat(state.at("/optimizer/epsilon").asDouble()).isEqualTo(1e-8);
        assertThat(state.at("/optimizer/amsgrad").asBoolean()).isFalse();
        assertThat(state.at("/optimizer/momentum").isMissingNode()).isTrue();
        assertThat(state.at("/schedule/etaMin").asDouble()).isZero();
        assertThat(state.at("/schedule/unit").asText()).isEqualTo("epoch");
        assertThat(state.at("/clip/maxNorm").asDouble()).isEqualTo(0.5);
        assertThat(state.get("learningRate").asDouble()).isEqualTo(0.01);
        assertThat(state.get("epoch").asLong()).isZero();
        assertThat(state.at("/layers/0/weights").size()).isZero();
        assertThat(api().get("/networks/" + id).getBody().at("/schedule/type").asText()).isEqualTo("cosine");
    }

    @Test
    void twoTrainCallsContinueStateAndCountersAndMatchTheReference() {
        String id = api().create(NETWORK.formatted(ADAM_COSINE_CLIPPED));
        String train = "{" + DATA + ", \"epochs\": 10, \"batchSize\": 2}";

        JsonNode first = api().post("/networks/" + id + "/train", train).getBody();
        JsonNode second = api().post("/networks/" + id + "/train", train).getBody();
        ReferenceNetwork reference = new ReferenceNetwork(new int[] {3, 4, 2}, new String[] {"tanh", "sigmoid"},
                new double[][][] {W1, W2}, new double[][] {B1, B2});
        double[] losses = ReferenceTraining.train(reference, ReferenceOptimizer.adam("adam", 0.01, 0.9, 0.999, 1e-8, 0, false),
                X, Y, 20, 2, 0.5, 0, false, (e, loss) -> 0.01 * (1 + Math.cos(Math.PI * e / 15)) / 2);

        assertThat(second.at("/lossHistory/9").asDouble()).isCloseTo(losses[19], within(1e-9 * losses[19]));
        assertThat(first.at("/learningRateHistory/0").asDouble()).isEqualTo(0.01);
        assertThat(second.at("/learningRateHistory/0").asDouble())
                .isCloseTo(0.01 * (1 + Math.cos(Math.PI * 10 / 15)) / 2, within(1e-15));
        assertThat(second.get("gradientNorm").asDouble()).isPositive();
        assertThat(second.get("gradientNormHistory").size()).isEqualTo(10);
        JsonNode parameters = api().get("/networks/" + id + "/parameters").getBody();
        assertThat(parameters.at("/layers/0/weights/2/1").asDouble()).isCloseTo(reference.parameters.get(0)[2 * 3 + 1], within(1e-12));
        assertThat(parameters.at("/layers/1/biases/1").asDouble()).isCloseTo(reference.parameters.get(3)[1], within(1e-12));
        JsonNode state = api().get("/networks/" + id + "/optimizer").getBody();
        assertThat(state.get("epoch").asLong()).isEqualTo(20);
        assertThat(state.get("step").asLong()).isEqualTo(60);
        assertThat(state.get("learningRate").asDouble()).isCloseTo(0.01 * (1 + Math.cos(Math.PI * 20 / 15)) / 2, within(1e-15));
        assertThat(state.at("/layers/0/weights/expAvg").size()).isEqualTo(4);
        assertThat(state.at("/layers/0/weights/expAvg/0").size()).isEqualTo(3);
        assertThat(state.at("/layers/1/biases/expAvgSq").size()).isEqualTo(2);
    }

    @Test
    void aDifferentOptimizerStartsFreshAndTheSameOneContinues() {
        String id = api().create(NETWORK.formatted(", \"optimizer\": { \"type\": \"sgd\", \"learningRate\": 0.1, \"momentum\": 0.9 }"));
        String train = "{" + DATA + ", \"epochs\": 2 %s}";

        api().post("/networks/" + id + "/train", train.formatted(""));
        api().post("/networks/" + id + "/train", train.formatted(", \"optimizer\": { \"type\": \"sgd\", \"learningRate\": 0.1, \"momentum\": 0.9 }"));
        assertThat(api().get("/networks/" + id + "/optimizer").getBody().get("step").asLong()).isEqualTo(4);
        api().post("/networks/" + id + "/train", train.formatted(", \"optimizer\": { \"type\": \"rmsprop\" }"));

        JsonNode state = api().get("/networks/" + id + "/optimizer").getBody();
        assertThat(state.get("step").asLong()).isEqualTo(2);
        assertThat(state.at("/optimizer/learningRate").asDouble()).isEqualTo(0.01);
        assertThat(state.at("/layers/0/weights/squareAvg").size()).isEqualTo(4);
        assertThat(api().get("/networks/" + id).getBody().get("stepsTrained").asLong()).isEqualTo(6);
    }

    @Test
    void putReplacesTheConfiguration() {
        String id = api().create(NETWORK.formatted(""));

        ResponseEntity<JsonNode> replaced = api().put("/networks/" + id + "/optimizer", """
                { "optimizer": { "type": "adagrad", "lrDecay": 0.01 }, "schedule": { "type": "step", "stepSize": 2 }, "clip": { "maxValue": 0.1 } }""");

        assertThat(replaced.getStatusCode().value()).isEqualTo(200);
        assertThat(replaced.getBody().at("/optimizer/initialAccumulatorValue").asDouble()).isZero();
        assertThat(replaced.getBody().at("/schedule/gamma").asDouble()).isEqualTo(0.1);
        assertThat(api().get("/networks/" + id).getBody().at("/clip/maxValue").asDouble()).isEqualTo(0.1);
    }

    @Test
    void invalidConfigurationsAreRejectedNamingTheField() {
        String id = api().create(NETWORK.formatted(""));
        String train = "{" + DATA + ", %s}";

        assertField(api().post("/networks/" + id + "/train", train.formatted("\"optimizer\": { \"type\": \"lion\" }")), "optimizer.type");
        assertField(api().post("/networks/" + id + "/train", train.formatted("\"optimizer\": { \"type\": \"adam\", \"learningRate\": -1 }")),
                "optimizer.learningRate");
        assertField(api().post("/networks/" + id + "/train", train.formatted("\"optimizer\": { \"type\": \"adam\", \"beta1\": 1.0 }")),
                "optimizer.beta1");
        assertField(api().post("/networks/" + id + "/train", train.formatted("\"optimizer\": { \"type\": \"adam\", \"momentum\": 0.9 }")),
                "optimizer.momentum");
        assertField(api().post("/networks/" + id + "/train", train.formatted("\"optimizer\": { \"type\": \"sgd\", \"nesterov\": true }")),
                "optimizer.nesterov");
        assertField(api().post("/networks/" + id + "/train", train.formatted(
                "\"optimizer\": { \"type\": \"sgd\", \"momentum\": 0.9, \"dampening\": 0.1, \"nesterov\": true }")), "optimizer.nesterov");
        assertField(api().post("/networks/" + id + "/train", train.formatted("\"schedule\": { \"type\": \"plateau\", \"unit\": \"step\" }")),
                "schedule.unit");
        assertField(api().post("/networks/" + id + "/train", train.formatted("\"schedule\": { \"type\": \"multistep\" }")),
                "schedule.milestones");
        assertField(api().post("/networks/" + id + "/train", train.formatted("\"schedule\": { \"type\": \"cosine\", \"tMax\": 0 }")),
                "schedule.tMax");
        assertField(api().post("/networks/" + id + "/train", train.formatted("\"clip\": { \"maxNorm\": 1, \"maxValue\": 1 }")), "clip");
        assertField(api().put("/networks/" + id + "/optimizer", "{ \"schedule\": { \"type\": \"step\", \"stepSize\": 2 } }"), "optimizer");
        assertThat(api().get("/networks/" + id).getBody().get("stepsTrained").asLong()).isZero();
    }

    @Test
    void aFieldOfAnotherTypeOrAnUnknownTypeIsRejectedListingWhatIsAccepted() {
        String id = api().create(NETWORK.formatted(""));
        String train = "{" + DATA + ", %s}";

        assertMessage(api().post("/networks/" + id + "/train", train.formatted("\"optimizer\": { \"type\": \"adam\", \"momentum\": 0.9 }")),
                "optimizer.momentum", "does not apply to adam; its fields are: type, learningRate, beta1, beta2, epsilon, weightDecay, amsgrad");
        assertMessage(api().post("/networks/" + id + "/train", train.formatted("\"schedule\": { \"type\": \"step\", \"tMax\": 3 }")),
                "schedule.tMax", "does not apply to step; its fields are: type, unit, stepSize, gamma");
        assertMessage(api().post("/networks/" + id + "/train", train.formatted("\"optimizer\": { \"type\": \"lion\" }")),
                "optimizer.type", "'lion' is not one of: sgd, adam, adamw, rmsprop, adagrad");
        assertMessage(api().post("/networks/" + id + "/train", train.formatted("\"schedule\": { \"type\": \"linear\" }")),
                "schedule.type", "'linear' is not one of: constant, step, multistep, exponential, cosine, plateau");
        assertThat(api().get("/networks/" + id).getBody().get("stepsTrained").asLong()).isZero();
    }

    @Test
    void anOmittedTypeIsSgdForTheOptimizerAndConstantForTheSchedule() {
        String id = api().create(NETWORK.formatted(""));

        var replaced = api().put("/networks/" + id + "/optimizer", "{ \"optimizer\": { \"momentum\": 0.9 }, \"schedule\": { \"unit\": \"step\" } }");

        assertThat(replaced.getStatusCode().value()).as("%s", replaced.getBody()).isEqualTo(200);
        assertThat(replaced.getBody().at("/optimizer/type").asText()).isEqualTo("sgd");
        assertThat(replaced.getBody().at("/optimizer/learningRate").asDouble()).isEqualTo(0.1);
        assertThat(replaced.getBody().at("/schedule/type").asText()).isEqualTo("constant");
        assertThat(replaced.getBody().at("/schedule/unit").asText()).isEqualTo("step");
    }

    private static void assertMessage(ResponseEntity<JsonNode> response, String field, String message) {
        assertField(response, field);
        assertThat(response.getBody().get("errors").findValuesAsText("message")).as("%s", response.getBody()).contains(message);
    }

    private static void assertField(ResponseEntity<JsonNode> response, String field) {
        assertThat(response.getStatusCode().value()).as("%s", response.getBody()).isEqualTo(400);
        assertThat(response.getHeaders().getContentType()).hasToString("application/problem+json");
        assertThat(response.getBody().get("errors").findValuesAsText("field")).as("%s", response.getBody()).contains(field);
    }
}
