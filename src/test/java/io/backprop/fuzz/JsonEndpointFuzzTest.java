package io.backprop.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * Every operation of the OpenAPI description that takes a JSON body gets mutated versions of a
 * valid body: never a 5xx, every answer within the bound, and after a 4xx nothing has changed.
 * One property runs with a fixed seed (reproducible in every build), one with a fresh seed (jqwik
 * prints it when a try fails, to rerun with {@code @Property(seed = "…")}).
 */
class JsonEndpointFuzzTest {

    private static final String SAMPLE = "\"inputs\": [[0.05, 0.10]], \"targets\": [[0.01, 0.99]]";
    private static final String NETWORK = """
            { "name": "fuzz-2-2-2", "inputs": 2, "dtype": "float64", "loss": "mse",
              "layers": [ { "units": 2, "activation": "sigmoid", "weights": [[0.15, 0.20], [0.25, 0.30]], "biases": [0.35, 0.35] },
                          { "units": 2, "activation": "sigmoid", "weights": [[0.40, 0.45], [0.50, 0.55]], "biases": [0.60, 0.60] } ],
              "init": { "scheme": "uniform", "seed": 7, "low": -1, "high": 1 },
              "optimizer": { "type": "adam", "learningRate": 0.001, "beta1": 0.9, "beta2": 0.999, "amsgrad": false },
              "schedule": { "type": "step", "stepSize": 10, "gamma": 0.1 }, "clip": { "maxNorm": 1.0 } }""";
    /** Valid bodies by operation; an operation missing here is fuzzed from its OpenAPI example, or from {}. */
    private static final Map<String, String> BODIES = Map.ofEntries(
            Map.entry("post /networks", NETWORK),
            Map.entry("put /networks/{id}/parameters", """
                    { "layers": [ { "weights": [[0.15, 0.20], [0.25, 0.30]], "biases": [0.35, 0.35] },
                                  { "weights": [[0.40, 0.45], [0.50, 0.55]], "biases": [0.60, 0.60] } ] }"""),
            Map.entry("post /networks/{id}/predict", "{ \"inputs\": [[0.05, 0.10], [0.2, 0.3], [0.4, 0.5]] }"),
            Map.entry("post /networks/{id}/train", "{ " + SAMPLE + ", \"epochs\": 3, \"batchSize\": 1, \"shuffle\": true, \"seed\": 7,"
                    + " \"optimizer\": { \"type\": \"sgd\", \"learningRate\": 0.5, \"momentum\": 0.9 } }"),
            Map.entry("post /networks/{id}/backprop", "{ " + SAMPLE + ", \"learningRate\": 0.5, \"apply\": true }"),
            Map.entry("post /networks/{id}/evaluate", "{ " + SAMPLE + " }"),
            Map.entry("post /networks/{id}/gradient-check", "{ " + SAMPLE + ", \"epsilon\": 1e-6 }"),
            Map.entry("put /networks/{id}/optimizer", "{ \"optimizer\": { \"type\": \"rmsprop\", \"learningRate\": 0.01 },"
                    + " \"schedule\": { \"type\": \"cosine\", \"tMax\": 10 }, \"clip\": { \"maxValue\": 0.5 } }"),
            Map.entry("post /networks/{id}/training-jobs", "{ \"datasetId\": \"{dataset}\", \"validation\": { \"fraction\": 0.5, "
                    + "\"seed\": 7 }, \"epochs\": 2, \"batchSize\": 1, \"earlyStopping\": { \"monitor\": \"valLoss\", \"patience\": 1 } }"));

    private static List<Operation> operations;
    private static String dataset;

    @AfterContainer
    static void stop() {
        Service.stop();
    }

    @Property(tries = 200, seed = "20261202")
    void mutatedBodiesWithFixedSeedAreAnsweredSafely(@ForAll("operations") Operation operation, @ForAll("kinds") List<Integer> kinds,
                                                     @ForAll long salt) {
        check(operation, kinds, salt);
    }

    @Property(tries = 100)
    void mutatedBodiesWithRandomSeedAreAnsweredSafely(@ForAll("operations") Operation operation, @ForAll("kinds") List<Integer> kinds,
                                                      @ForAll long salt) {
        check(operation, kinds, salt);
    }

    @Provide
    Arbitrary<Operation> operations() {
        return Arbitraries.of(discovered());
    }

    @Provide
    Arbitrary<List<Integer>> kinds() {
        return Arbitraries.integers().between(0, Mutations.KINDS - 1).list().ofMinSize(1).ofMaxSize(3);
    }

    private static void check(Operation operation, List<Integer> kinds, long salt) {
        Service.reset();
        String network = Service.create("/networks", NETWORK);
        String path = operation.path.replace("{id}", network).replace("{model}", network).replace("{version}", "1");
        String before = snapshot(network);
        String body = Mutations.apply(operation.body, kinds, new Random(salt)).replace("{dataset}", dataset);

        HttpResponse<String> answer = Service.send(operation.method.toUpperCase(), path, "application/json",
                body.getBytes(StandardCharsets.UTF_8));

        String described = operation + " with " + abbreviated(body) + " → " + answer.statusCode() + " " + abbreviated(answer.body());
        assertThat(answer.statusCode()).as(described).isLessThan(500);
        if (answer.statusCode() >= 400) {
            assertThat(answer.headers().firstValue("Content-Type")).as(described).hasValueSatisfying(type ->
                    assertThat(type).startsWith("application/"));
            assertThat(snapshot(network)).as("nothing changed after " + described).isEqualTo(before);
        }
    }

    /** What a change could touch: the network, its parameters, optimizer and history, and the lists of networks, data sets and jobs. */
    private static String snapshot(String network) {
        return Service.get("/networks").toString() + Service.get("/networks/" + network + "/parameters")
                + Service.get("/networks/" + network + "/optimizer") + Service.get("/networks/" + network + "/history")
                + Service.get("/datasets") + Service.get("/jobs").size();
    }

    private static synchronized List<Operation> discovered() {
        if (operations == null) {
            dataset = Uploads.dataset();
            JsonNode paths = Service.get("/v3/api-docs").get("paths");
            List<Operation> found = new ArrayList<>();
            paths.fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(entry -> {
                JsonNode json = entry.getValue().at("/requestBody/content/application~1json");
                if (!json.isMissingNode()) {
                    found.add(new Operation(entry.getKey(), path.getKey(), body(entry.getKey() + " " + path.getKey(), json)));
                }
            }));
            assertThat(found).hasSizeGreaterThanOrEqualTo(BODIES.size());
            operations = found;
        }
        return operations;
    }

    private static JsonNode body(String operation, JsonNode json) {
        String given = BODIES.get(operation);
        if (given == null && json.path("examples").size() > 0) {
            given = json.path("examples").elements().next().path("value").asText();
        }
        try {
            return Service.JSON.readTree(given == null ? "{}" : given);
        } catch (java.io.IOException invalid) {
            throw new AssertionError(operation + ": " + invalid.getMessage());
        }
    }

    private static String abbreviated(String text) {
        return text.length() <= 600 ? text : text.substring(0, 600) + "… (" + text.length() + " chars)";
    }

    record Operation(String method, String path, JsonNode body) {
        @Override
        public String toString() {
            return method.toUpperCase() + " " + path;
        }
    }
}
