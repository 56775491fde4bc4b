package io.backprop.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.ResponseEntity;

/** Training jobs end to end: run, live events over a real SSE connection, cancel, early stopping, conflicts. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "backprop.jobs.threads=1")
class TrainingJobTest {

    @Autowired
    private TestRestTemplate http;

    @LocalServerPort
    private int port;

    @Test
    void jobRunsToSuccessStreamingProgressEpochsAndDone() throws Exception {
        Jobs jobs = new Jobs(http);
        String data = jobs.dataset(200, 1, false);
        String blocker = jobs.endless(jobs.network(), data);
        String network = jobs.network();
        ResponseEntity<JsonNode> accepted = jobs.submit(network, "{ \"datasetId\": \"" + data + "\", \"epochs\": 4, "
                + "\"batchSize\": 20, \"shuffle\": true, \"seed\": 5, \"validation\": { \"fraction\": 0.25, \"seed\": 2 }, "
                + "\"optimizer\": { \"type\": \"adam\", \"learningRate\": 0.05 } }");
        String id = accepted.getBody().get("id").asText();

        CountDownLatch subscribed = new CountDownLatch(1);
        CompletableFuture<List<String>> events = CompletableFuture.supplyAsync(() -> eventNames(id, subscribed));
        assertThat(subscribed.await(30, TimeUnit.SECONDS)).isTrue();
        jobs.cancel(blocker);
        List<String> names = events.get();
        JsonNode job = jobs.await(id, Jobs.status("succeeded"));

        assertThat(accepted.getStatusCode().value()).isEqualTo(202);
        assertThat(accepted.getHeaders().getLocation()).hasToString("/jobs/" + id);
        assertThat(accepted.getBody().get("status").asText()).isEqualTo("queued");
        assertThat(names.get(0)).isEqualTo("progress");
        assertThat(names.stream().filter("epoch"::equals)).hasSize(4);
        assertThat(names.get(names.size() - 1)).isEqualTo("done");
        assertThat(job.get("progress").asDouble()).isEqualTo(1.0);
        assertThat(job.get("step").asLong()).isEqualTo(4 * 8);
        assertThat(job.get("history")).hasSize(4);
        assertThat(job.at("/history/3/valAccuracy").isNumber()).isTrue();
        assertThat(job.at("/history/0/learningRate").asDouble()).isEqualTo(0.05);
        assertThat(job.get("samplesPerSecond").asDouble()).isPositive();
        JsonNode description = http.getForObject("/networks/" + network, JsonNode.class);
        assertThat(description.get("epochsTrained").asLong()).isEqualTo(4);
        assertThat(description.get("stepsTrained").asLong()).isEqualTo(32);
        assertThat(description.get("samplesSeen").asLong()).isEqualTo(4 * 150);
        assertThat(description.at("/optimizer/type").asText()).isEqualTo("adam");
        JsonNode history = http.getForObject("/networks/" + network + "/history", JsonNode.class);
        assertThat(history).hasSize(4);
        assertThat(history.get(3).get("valLoss").asDouble()).isEqualTo(job.at("/history/3/valLoss").asDouble());
        assertThat(history.get(3).get("jobId").asText()).isEqualTo(id);
    }

    @Test
    void cancelStopsARunningJobAndPredictionsKeepWorkingMeanwhile() {
        Jobs jobs = new Jobs(http);
        String data = jobs.dataset(100, 2, false);
        String network = jobs.network();
        String id = jobs.endless(network, data);
        jobs.await(id, job -> job.get("step").asLong() > 10);

        ResponseEntity<JsonNode> prediction = jobs.post("/networks/" + network + "/predict", "{ \"inputs\": [[0.5, 0.5]] }");
        ResponseEntity<JsonNode> syncTrain = jobs.post("/networks/" + network + "/train",
                "{ \"inputs\": [[0.5, 0.5]], \"targets\": [[1, 0]] }");
        ResponseEntity<JsonNode> second = jobs.submit(network, "{ \"datasetId\": \"" + data + "\" }");
        jobs.cancel(id);
        JsonNode cancelled = jobs.await(id, Jobs.status("cancelled"));

        assertThat(prediction.getStatusCode().value()).isEqualTo(200);
        assertThat(syncTrain.getStatusCode().value()).isEqualTo(409);
        assertThat(second.getStatusCode().value()).isEqualTo(409);
        assertThat(second.getHeaders().getContentType()).hasToString("application/problem+json");
        assertThat(cancelled.get("step").asLong()).isLessThan(cancelled.get("steps").asLong());
        assertThat(http.getForObject("/networks/" + network, JsonNode.class).get("stepsTrained").asLong())
                .isEqualTo(cancelled.get("step").asLong());
        assertThat(jobs.post("/networks/" + network + "/train", "{ \"inputs\": [[0.5, 0.5]], \"targets\": [[1, 0]] }")
                .getStatusCode().value()).isEqualTo(200);
    }

    @Test
    void earlyStoppingStopsAndRestoresTheBestEpoch() {
        Jobs jobs = new Jobs(http);
        String training = jobs.dataset(160, 3, false);
        String opposite = jobs.dataset(80, 4, true);
        String network = jobs.network();

        String id = jobs.submitted(network, "{ \"datasetId\": \"" + training + "\", \"validation\": { \"datasetId\": \"" + opposite
                + "\" }, \"epochs\": 200, \"batchSize\": 16, \"optimizer\": { \"type\": \"adam\", \"learningRate\": 0.05 }, "
                + "\"earlyStopping\": { \"monitor\": \"valLoss\", \"patience\": 3, \"restoreBest\": true } }");
        JsonNode job = jobs.await(id, Jobs.status("succeeded"));
        int best = job.get("bestEpoch").asInt();
        JsonNode evaluated = jobs.post("/networks/" + network + "/evaluate", "{ \"datasetId\": \"" + opposite + "\" }").getBody();

        assertThat(job.get("stoppedEarly").asBoolean()).isTrue();
        assertThat(job.get("history").size()).isEqualTo(best + 3);
        double bestValLoss = job.at("/history/" + (best - 1) + "/valLoss").asDouble();
        for (JsonNode epoch : job.get("history")) {
            assertThat(epoch.get("valLoss").asDouble()).isGreaterThanOrEqualTo(bestValLoss);
        }
        assertThat(evaluated.get("loss").asDouble()).isCloseTo(bestValLoss, within(1e-6));
    }

    @Test
    void badJobsAreRejected() {
        Jobs jobs = new Jobs(http);
        String data = jobs.dataset(20, 5, false);
        String network = jobs.network();

        assertThat(jobs.submit(network, "{ \"datasetId\": \"nope\" }").getStatusCode().value()).isEqualTo(404);
        assertThat(jobs.submit("nope", "{ \"datasetId\": \"" + data + "\" }").getStatusCode().value()).isEqualTo(404);
        assertThat(jobs.submit(network, "{ \"datasetId\": \"" + data + "\", \"earlyStopping\": { \"monitor\": \"valLoss\" } }")
                .getBody().at("/errors/0/field").asText()).isEqualTo("earlyStopping.monitor");
        assertThat(jobs.submit(network, "{ \"datasetId\": \"" + data + "\", \"validation\": { \"fraction\": 1.5 } }")
                .getStatusCode().value()).isEqualTo(400);
        assertThat(jobs.submit(network, "{ }").getBody().at("/errors/0/field").asText()).isEqualTo("datasetId");
        assertThat(http.getForEntity("/jobs/nope", JsonNode.class).getStatusCode().value()).isEqualTo(404);
        assertThat(http.getForObject("/networks/" + network, JsonNode.class).get("stepsTrained").asLong()).isZero();
    }

    /**
     * Reads the job's event stream over a real HTTP connection until it ends; returns the event names
     * in order. Counts {@code subscribed} down at the first event.
     */
    private List<String> eventNames(String id, CountDownLatch subscribed) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/jobs/" + id + "/events"))
                .header("Accept", "text/event-stream").GET().build();
        List<String> names = new ArrayList<>();
        try (Stream<String> lines = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofLines()).body()) {
            Iterator<String> iterator = lines.iterator();
            while (iterator.hasNext()) {
                String line = iterator.next();
                if (line.startsWith("event:")) {
                    names.add(line.substring("event:".length()).trim());
                    subscribed.countDown();
                }
            }
        } catch (Exception failed) {
            throw new AssertionError(failed);
        }
        return names;
    }
}
