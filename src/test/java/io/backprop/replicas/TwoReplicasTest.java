package io.backprop.replicas;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.backprop.BackpropApplication;
import io.backprop.store.StoreVendor;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Two replicas of the service (two application contexts on two ports) on one PostgreSQL database: any replica serves
 * any network, each sees the other's committed change within a second, and changes to one network from both are
 * serialised, none lost, the result equal to a serial replay of the calls in the order the database committed them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TwoReplicasTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final String MAZUR = """
            { "inputs": 2, "dtype": "float64", "loss": "mse",
              "layers": [
                { "units": 2, "activation": "sigmoid", "weights": [[0.15, 0.20], [0.25, 0.30]], "biases": [0.35, 0.35] },
                { "units": 2, "activation": "sigmoid", "weights": [[0.40, 0.45], [0.50, 0.55]], "biases": [0.60, 0.60] } ],
              "optimizer": { "type": "sgd", "learningRate": 0.5, "momentum": 0.9 } }""";

    @TempDir
    Path directory;

    private StoreVendor.Database database;
    private ConfigurableApplicationContext a;
    private ConfigurableApplicationContext b;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    void startTwoReplicas() {
        database = StoreVendor.POSTGRESQL.create(directory);
        a = replica();
        b = replica();
    }

    private ConfigurableApplicationContext replica() {
        return new SpringApplicationBuilder(BackpropApplication.class).run("--server.port=0",
                "--spring.datasource.url=" + database.url());
    }

    @AfterAll
    void stop() {
        if (b != null) {
            b.close();
        }
        if (a != null) {
            a.close();
        }
        if (database != null) {
            database.drop().run();
        }
    }

    @Test
    void aNetworkMadeOnOneReplicaIsListedDescribedAndPredictedOnTheOther() throws Exception {
        String id = call(a, 201, "POST", "/networks", MAZUR).get("id").asText();

        assertThat(call(b, 200, "GET", "/networks", null).findValuesAsText("id")).contains(id);
        assertThat(call(b, 200, "GET", "/networks/" + id, null)).isEqualTo(call(a, 200, "GET", "/networks/" + id, null));
        String predict = "{ \"inputs\": [[0.05, 0.10]] }";
        assertThat(call(b, 200, "POST", "/networks/" + id + "/predict", predict).get("outputs").get(0).get(0).asDouble())
                .as("the 2-2-2 worked example's o1").isEqualTo(0.7513650695523157);
        assertThat(call(b, 200, "POST", "/networks/" + id + "/predict", predict))
                .isEqualTo(call(a, 200, "POST", "/networks/" + id + "/predict", predict));
    }

    @Test
    void aReplicaSeesTheOthersCommittedChangeWithinOneSecond() throws Exception {
        String id = call(a, 201, "POST", "/networks", MAZUR).get("id").asText();
        JsonNode before = call(b, 200, "GET", "/networks/" + id + "/parameters", null);

        call(a, 200, "POST", "/networks/" + id + "/backprop", "{ \"inputs\": [[0.05, 0.10]], \"targets\": [[0.01, 0.99]] }");
        JsonNode onA = call(a, 200, "GET", "/networks/" + id + "/parameters", null);
        long changed = System.nanoTime();
        JsonNode onB = before;
        while (onB.equals(before) && System.nanoTime() - changed < Duration.ofSeconds(5).toNanos()) {
            Thread.sleep(10);
            onB = call(b, 200, "GET", "/networks/" + id + "/parameters", null);
        }
        Duration seen = Duration.ofNanos(System.nanoTime() - changed);

        assertThat(onA).isNotEqualTo(before);
        assertThat(onB).as("B's parameters after A's backprop").isEqualTo(onA);
        assertThat(seen).as("time until B saw A's change").isLessThan(Duration.ofSeconds(1));
    }

    @Test
    void trainingOneNetworkFromBothReplicasLosesNoUpdateAndEqualsASerialReplay() throws Exception {
        String id = call(a, 201, "POST", "/networks", MAZUR).get("id").asText();
        String onA = "{ \"inputs\": [[0.05, 0.10]], \"targets\": [[0.01, 0.99]], \"epochs\": 1 }";
        String onB = "{ \"inputs\": [[0.05, 0.10], [0.9, 0.3]], \"targets\": [[0.01, 0.99], [0.7, 0.2]], \"epochs\": 1 }";
        int callsPerThread = 12;
        List<Callable<Trained>> calls = new ArrayList<>();
        for (int thread = 0; thread < 2; thread++) {
            calls.add(() -> trainRepeatedly(a, id, onA, callsPerThread));
            calls.add(() -> trainRepeatedly(b, id, onB, callsPerThread));
        }
        ExecutorService pool = Executors.newFixedThreadPool(calls.size());
        List<Trained> trained = new ArrayList<>();
        for (Future<Trained> result : pool.invokeAll(calls)) {
            trained.add(result.get());
        }
        pool.shutdown();

        long acknowledged = trained.stream().mapToLong(Trained::steps).sum();
        assertThat(acknowledged).as("every call acknowledged").isEqualTo(4L * callsPerThread);
        for (ConfigurableApplicationContext replica : List.of(a, b)) {
            awaitSteps(replica, id, acknowledged);
        }

        // The history lists every epoch in commit order, each with its loss: it orders the calls as the database did.
        List<JsonNode> history = new ArrayList<>();
        call(a, 200, "GET", "/networks/" + id + "/history", null).forEach(history::add);
        assertThat(history).hasSize((int) acknowledged);
        Map<Double, String> bodyByLoss = new HashMap<>();
        trained.forEach(client -> client.losses().forEach(loss -> bodyByLoss.put(loss, client.body())));
        assertThat(bodyByLoss).as("each call's loss is its own").hasSize((int) acknowledged);
        List<String> serial = history.stream().sorted(Comparator.comparingLong(epoch -> epoch.get("epoch").asLong()))
                .map(epoch -> bodyByLoss.get(epoch.get("loss").asDouble())).toList();
        assertThat(serial).doesNotContainNull();

        String replay = call(a, 201, "POST", "/networks", MAZUR).get("id").asText();
        for (String body : serial) {
            call(a, 200, "POST", "/networks/" + replay + "/train", body);
        }
        JsonNode replayed = call(a, 200, "GET", "/networks/" + replay + "/parameters", null);
        assertThat(call(a, 200, "GET", "/networks/" + id + "/parameters", null)).as("A's parameters").isEqualTo(replayed);
        assertThat(call(b, 200, "GET", "/networks/" + id + "/parameters", null)).as("B's parameters").isEqualTo(replayed);
    }

    /** What one client's train calls were acknowledged with: the steps, and the loss of each call's epoch. */
    private record Trained(String body, long steps, List<Double> losses) {
    }

    private Trained trainRepeatedly(ConfigurableApplicationContext replica, String id, String body, int times) throws Exception {
        long steps = 0;
        List<Double> losses = new ArrayList<>();
        for (int i = 0; i < times; i++) {
            JsonNode answer = call(replica, 200, "POST", "/networks/" + id + "/train", body);
            steps += answer.get("steps").asLong();
            losses.add(answer.get("loss").asDouble());
        }
        return new Trained(body, steps, losses);
    }

    private void awaitSteps(ConfigurableApplicationContext replica, String id, long steps) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        long seen = -1;
        while (System.nanoTime() < deadline) {
            seen = call(replica, 200, "GET", "/networks/" + id, null).get("stepsTrained").asLong();
            if (seen == steps) {
                return;
            }
            Thread.sleep(20);
        }
        assertThat(seen).as("stepsTrained on %s", replica.getEnvironment().getProperty("local.server.port")).isEqualTo(steps);
    }

    private JsonNode call(ConfigurableApplicationContext replica, int status, String method, String path, String json)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:"
                + replica.getEnvironment().getProperty("local.server.port") + path)).timeout(Duration.ofMinutes(1));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        request.method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("%s %s answered %s", method, path, response.body()).isEqualTo(status);
        return response.body().isEmpty() ? null : JSON.readTree(response.body());
    }
}
