package io.backprop.training;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.backprop.datasets.Uploads;
import java.time.Duration;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Predicate;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** Data, networks and jobs for the job tests, over the real HTTP stack. */
record Jobs(TestRestTemplate http) {

    static final String NETWORK = "{ \"inputs\": 2, \"loss\": \"cross_entropy\", \"init\": { \"seed\": 1 }, "
            + "\"layers\": [ { \"units\": 8, \"activation\": \"tanh\" }, { \"units\": 2, \"activation\": \"softmax\" } ] }";

    /** A labelled CSV data set of {@code rows} points: class 1 where x1·x2 > 0 (flipped when {@code flipped}). */
    String dataset(int rows, long seed, boolean flipped) {
        StringBuilder csv = new StringBuilder("x1,x2,label\n");
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < rows; i++) {
            double a = random.nextDouble(-1, 1);
            double b = random.nextDouble(-1, 1);
            csv.append(a).append(',').append(b).append(',').append((a * b > 0) != flipped ? 1 : 0).append('\n');
        }
        return new Uploads(http).uploadId(Map.of("file", Uploads.text(csv.toString()), "labelColumn", "label"));
    }

    String network() {
        return post("/networks", NETWORK).getBody().get("id").asText();
    }

    ResponseEntity<JsonNode> submit(String network, String body) {
        return post("/networks/" + network + "/training-jobs", body);
    }

    String submitted(String network, String body) {
        ResponseEntity<JsonNode> response = submit(network, body);
        assertThat(response.getStatusCode().value()).as("%s", response.getBody()).isEqualTo(202);
        return response.getBody().get("id").asText();
    }

    /** A job that runs until cancelled. */
    String endless(String network, String dataset) {
        return submitted(network, "{ \"datasetId\": \"" + dataset + "\", \"epochs\": 1000000, \"batchSize\": 1 }");
    }

    JsonNode job(String id) {
        return http.getForObject("/jobs/" + id, JsonNode.class);
    }

    JsonNode cancel(String id) {
        return http.exchange("/jobs/" + id, HttpMethod.DELETE, null, JsonNode.class).getBody();
    }

    /** Polls the job until {@code condition} holds (at most 60 s). */
    JsonNode await(String id, Predicate<JsonNode> condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        JsonNode job = job(id);
        while (!condition.test(job)) {
            assertThat(System.nanoTime()).as("waiting for job %s: %s", id, job).isLessThan(deadline);
            try {
                Thread.sleep(20);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                throw new AssertionError(interrupted);
            }
            job = job(id);
        }
        return job;
    }

    static Predicate<JsonNode> status(String status) {
        return job -> status.equals(job.get("status").asText());
    }

    ResponseEntity<JsonNode> post(String path, String json) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return http.postForEntity(path, new HttpEntity<>(json, headers), JsonNode.class);
    }
}
