package io.backprop.network;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.ResponseEntity;

/** Many clients training and predicting on one network at once: nothing fails, nothing is lost. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ConcurrentTrainingTest {

    private static final int TRAINERS = 4;
    private static final int PREDICTORS = 4;
    private static final int CALLS = 15;
    private static final int EPOCHS = 20;

    @Autowired
    private TestRestTemplate http;

    @Test
    void concurrentTrainAndPredictCountEveryStepAndAllSucceed() throws Exception {
        Api api = new Api(http);
        String id = api.create(Api.MAZUR);
        String train = "{\"inputs\": [[0.05, 0.10], [0.3, 0.7], [0.9, 0.1]], \"targets\": [[0.01, 0.99], [0.5, 0.5], [0.9, 0.2]], "
                + "\"epochs\": " + EPOCHS + ", \"batchSize\": 2, \"shuffle\": true, \"seed\": 3}";
        List<Callable<ResponseEntity<JsonNode>>> calls = new ArrayList<>();
        for (int t = 0; t < TRAINERS * CALLS; t++) {
            calls.add(() -> api.post("/networks/" + id + "/train", train));
        }
        for (int p = 0; p < PREDICTORS * CALLS; p++) {
            calls.add(() -> api.post("/networks/" + id + "/predict", "{\"inputs\": [[0.05, 0.10], [0.3, 0.7]]}"));
        }

        ExecutorService pool = Executors.newFixedThreadPool(TRAINERS + PREDICTORS);
        List<Future<ResponseEntity<JsonNode>>> results = pool.invokeAll(calls);
        pool.shutdown();

        for (Future<ResponseEntity<JsonNode>> result : results) {
            ResponseEntity<JsonNode> response = result.get();
            assertThat(response.getStatusCode().value()).as("%s", response.getBody()).isEqualTo(200);
            response.getBody().findValues("outputs").forEach(outputs -> outputs.forEach(row -> row.forEach(value ->
                    assertThat(value.asDouble()).isBetween(0.0, 1.0))));
        }
        JsonNode description = api.get("/networks/" + id).getBody();
        long trainCalls = (long) TRAINERS * CALLS;
        assertThat(description.get("stepsTrained").asLong()).isEqualTo(trainCalls * EPOCHS * 2);
        assertThat(description.get("epochsTrained").asLong()).isEqualTo(trainCalls * EPOCHS);
        assertThat(description.get("samplesSeen").asLong()).isEqualTo(trainCalls * EPOCHS * 3);
    }
}
