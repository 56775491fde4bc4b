package io.backprop.inference;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.backprop.datasets.Uploads;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Predicate;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;

/** Inference keeps answering while a job trains the network, from the parameters of its last completed step. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class InferenceDuringTrainingJobTest {

    private static final String NETWORK = """
            { "inputs": 2, "loss": "cross_entropy", "dtype": "float64", "init": { "seed": 5 },
              "layers": [ { "units": 6, "activation": "tanh" }, { "units": 2, "activation": "softmax" } ] }""";
    private static final String INFER = """
            { "inputs": [ { "name": "input", "shape": [1, 2], "datatype": "FP64", "data": [0.3, -0.7] } ] }""";

    @Autowired
    private TestRestTemplate http;

    @Test
    void concurrentInferenceDuringAJobAnswersEveryRequestAndEndsOnTheLastStep() throws Exception {
        Protocol v2 = new Protocol(http);
        String id = v2.create(NETWORK);
        StringBuilder csv = new StringBuilder("x1,x2,label\n");
        for (int i = 0; i < 200; i++) {
            double a = Math.sin(i);
            double b = Math.cos(3 * i);
            csv.append(a).append(',').append(b).append(',').append(a * b > 0 ? 1 : 0).append('\n');
        }
        String dataset = new Uploads(http).uploadId(Map.of("file", Uploads.text(csv.toString()), "labelColumn", "label"));
        String job = v2.post("/networks/" + id + "/training-jobs", "{ \"datasetId\": \"" + dataset
                + "\", \"epochs\": 1000000, \"batchSize\": 1, \"optimizer\": { \"type\": \"sgd\", \"learningRate\": 0.05 } }")
                .getBody().get("id").asText();
        awaitSteps(job);

        Set<String> answers = ConcurrentHashMap.newKeySet();
        ExecutorService clients = Executors.newFixedThreadPool(4);
        List<Future<List<Integer>>> statuses = new ArrayList<>();
        for (int c = 0; c < 4; c++) {
            statuses.add(clients.submit(() -> {
                List<Integer> seen = new ArrayList<>();
                for (int r = 0; r < 25; r++) {
                    ResponseEntity<JsonNode> answer = v2.infer(id, INFER);
                    seen.add(answer.getStatusCode().value());
                    JsonNode data = answer.getBody().get("outputs").get(0).get("data");
                    assertThat(data.get(0).asDouble() + data.get(1).asDouble()).isCloseTo(1.0, Offset.offset(1e-12));
                    answers.add(data.toString());
                }
                return seen;
            }));
        }
        List<Integer> all = new ArrayList<>();
        for (Future<List<Integer>> future : statuses) {
            all.addAll(future.get());
        }
        clients.shutdown();
        http.exchange("/jobs/" + job, HttpMethod.DELETE, null, JsonNode.class);
        awaitStatus(job, "cancelled");

        assertThat(all).hasSize(100).containsOnly(200);
        assertThat(answers.size()).as("answers change as the job trains").isGreaterThan(1);
        JsonNode afterCancel = v2.infer(id, INFER).getBody().get("outputs").get(0).get("data");
        JsonNode predicted = v2.post("/networks/" + id + "/predict", "{ \"inputs\": [[0.3, -0.7]] }").getBody().get("outputs").get(0);
        assertThat(afterCancel).isEqualTo(predicted);
    }

    private void awaitSteps(String job) {
        await(job, view -> view.get("step").asLong() > 10);
    }

    private void awaitStatus(String job, String status) {
        await(job, view -> view.get("status").asText().equals(status));
    }

    private void await(String job, Predicate<JsonNode> condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!condition.test(http.getForObject("/jobs/" + job, JsonNode.class))) {
            assertThat(System.nanoTime()).as("job %s", job).isLessThan(deadline);
            try {
                Thread.sleep(20);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                throw new AssertionError(interrupted);
            }
        }
    }
}
