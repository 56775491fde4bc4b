package io.backprop.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.backprop.datasets.Uploads;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** /actuator/prometheus: the service's meters move by exactly the samples, steps and rows processed. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ServiceMetricsTest {

    private static final String NETWORK = """
            { "inputs": 2, "loss": "cross_entropy", "init": { "seed": 1 },
              "layers": [ { "units": 4, "activation": "tanh" }, { "units": 2, "activation": "softmax" } ] }""";
    private static final String FIVE_ROWS = """
            "inputs": [[0, 1], [1, 0], [1, 1], [0, 0], [0.5, 0.5]],
            "targets": [[1, 0], [0, 1], [1, 0], [0, 1], [1, 0]]""";

    @Autowired
    private TestRestTemplate http;

    @Autowired
    private StoreMetrics storeMetrics;

    @Test
    void trainingCallsCountTheirSamplesAndSteps() {
        String id = create();
        Scrape before = scrape();

        post("/networks/" + id + "/train", "{ " + FIVE_ROWS + ", \"epochs\": 3, \"batchSize\": 2 }");
        post("/networks/" + id + "/backprop", "{ " + FIVE_ROWS + " }");
        post("/networks/" + id + "/backprop", "{ " + FIVE_ROWS + ", \"apply\": false }");
        Scrape after = scrape();

        assertThat(after.value("backprop_training_samples_total{mode=\"call\"}")
                - before.value("backprop_training_samples_total{mode=\"call\"}")).isEqualTo(5 * 3 + 5);
        assertThat(after.value("backprop_training_steps_total{mode=\"call\"}")
                - before.value("backprop_training_steps_total{mode=\"call\"}")).isEqualTo(3 * 3 + 1);
        assertThat(after.value("backprop_training_samples_total{mode=\"job\"}"))
                .isEqualTo(before.value("backprop_training_samples_total{mode=\"job\"}"));
        assertThat(after.type("backprop_training_samples_total")).isEqualTo("counter");
    }

    @Test
    void trainingJobsCountTheirSamplesAndStepsAsJobs() {
        String id = create();
        String dataset = new Uploads(http).uploadId(Map.of("file", Uploads.text(
                "{ " + FIVE_ROWS + " }"), "name", "five"));
        Scrape before = scrape();

        JsonNode job = post("/networks/" + id + "/training-jobs", "{ \"datasetId\": \"" + dataset
                + "\", \"epochs\": 4, \"batchSize\": 2 }").getBody();
        awaitFinished(job.get("id").asText());
        Scrape after = scrape();

        assertThat(after.value("backprop_training_samples_total{mode=\"job\"}")
                - before.value("backprop_training_samples_total{mode=\"job\"}")).isEqualTo(5 * 4);
        assertThat(after.value("backprop_training_steps_total{mode=\"job\"}")
                - before.value("backprop_training_steps_total{mode=\"job\"}")).isEqualTo(3 * 4);
        assertThat(after.value("backprop_jobs{status=\"succeeded\"}") - before.value("backprop_jobs{status=\"succeeded\"}"))
                .isEqualTo(1);
        assertThat(after.value("backprop_datasets_bytes")).isPositive();
    }

    @Test
    void predictionsCountTheirRowsByBothPaths() {
        String id = create();
        Scrape before = scrape();

        post("/networks/" + id + "/predict", "{ \"inputs\": [[0, 1], [1, 0], [1, 1]] }");
        post("/v2/models/" + id + "/infer", """
                { "inputs": [ { "name": "input", "shape": [4, 2], "datatype": "FP64", "data": [0, 1, 1, 0, 1, 1, 0, 0] } ] }""");
        post("/v2/models/" + id + "/infer", """
                { "inputs": [ { "name": "input", "shape": [4, 2], "datatype": "FP64", "data": [0, 1] } ] }""");
        Scrape after = scrape();

        assertThat(after.value("backprop_inference_rows_total") - before.value("backprop_inference_rows_total")).isEqualTo(3 + 4);
    }

    @Test
    void gaugesFollowTheNetworksHeld() {
        Scrape before = scrape();
        String id = create();
        Scrape created = scrape();
        http.delete("/networks/" + id);
        Scrape deleted = scrape();

        assertThat(created.value("backprop_networks") - before.value("backprop_networks")).isEqualTo(1);
        assertThat(created.value("backprop_parameters") - before.value("backprop_parameters")).isEqualTo(2 * 4 + 4 + 4 * 2 + 2);
        assertThat(deleted.value("backprop_networks")).isEqualTo(before.value("backprop_networks"));
        assertThat(created.type("backprop_networks")).isEqualTo("gauge");
    }

    @Test
    void storeWritesAreAHistogramInSeconds() {
        Scrape before = scrape();
        storeMetrics.recordWrite(Duration.ofMillis(3));
        Scrape after = scrape();

        assertThat(after.type("backprop_store_write_seconds")).isEqualTo("histogram");
        assertThat(after.value("backprop_store_write_seconds_count") - before.value("backprop_store_write_seconds_count")).isEqualTo(1);
        assertThat(after.value("backprop_store_write_seconds_bucket{le=\"0.005\"}")
                - before.value("backprop_store_write_seconds_bucket{le=\"0.005\"}")).isEqualTo(1);
        assertThat(after.value("backprop_store_write_seconds_bucket{le=\"0.0025\"}"))
                .isEqualTo(before.value("backprop_store_write_seconds_bucket{le=\"0.0025\"}"));
    }

    private Scrape scrape() {
        ResponseEntity<String> response = http.getForEntity("/actuator/prometheus", String.class);
        assertThat(response.getStatusCode().value()).isEqualTo(200);
        return new Scrape(response.getBody());
    }

    private String create() {
        return post("/networks", NETWORK).getBody().get("id").asText();
    }

    private ResponseEntity<JsonNode> post(String path, String json) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return http.exchange(path, HttpMethod.POST, new HttpEntity<>(json, headers), JsonNode.class);
    }

    private void awaitFinished(String job) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!http.getForObject("/jobs/" + job, JsonNode.class).get("status").asText().equals("succeeded")) {
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
