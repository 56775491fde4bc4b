package io.backprop.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.ResponseEntity;

/**
 * Many clients training and predicting on one network at once: every train call is applied whole
 * and exactly once, as if the calls had come one after another, and every prediction sees the
 * network between two calls, never in the middle of one.
 *
 * <p>Each call trains on its own rows, so updates do not commute and a call's answer (its loss
 * history) tells which state it started from. The test replays the acknowledged calls serially on
 * a second network, at each point taking the one call (the next of some client) whose answer the
 * replay reproduces bit for bit; a lost or interleaved update leaves no such call.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ConcurrentTrainingTest {

    private static final int TRAINERS = 4;
    private static final int CALLS = 8;
    private static final int PREDICTORS = 2;
    private static final int PREDICTIONS = 40;
    private static final int EPOCHS = 5;
    private static final int ROWS = 3;
    private static final int BATCH_SIZE = 2;
    private static final String PROBE = "{\"inputs\": [[0.05, 0.10], [0.3, 0.7]]}";

    @Autowired
    private TestRestTemplate http;

    @Test
    void concurrentTrainCallsEqualASerialReplayAndPredictionsSeeWholeCalls() throws Exception {
        Api api = new Api(http);
        String id = api.create(Api.MAZUR);
        String replica = api.create(Api.MAZUR);
        JsonNode initial = api.get("/networks/" + replica + "/parameters").getBody();

        ExecutorService pool = Executors.newFixedThreadPool(TRAINERS + PREDICTORS);
        List<Future<List<JsonNode>>> trainers = new ArrayList<>();
        for (int t = 0; t < TRAINERS; t++) {
            int trainer = t;
            trainers.add(pool.submit(() -> {
                List<JsonNode> answers = new ArrayList<>();
                for (int c = 0; c < CALLS; c++) {
                    answers.add(ok(api.post("/networks/" + id + "/train", trainCall(trainer, c))));
                }
                return answers;
            }));
        }
        List<Future<List<JsonNode>>> predictors = new ArrayList<>();
        for (int p = 0; p < PREDICTORS; p++) {
            predictors.add(pool.submit((Callable<List<JsonNode>>) () -> {
                List<JsonNode> outputs = new ArrayList<>();
                for (int c = 0; c < PREDICTIONS; c++) {
                    outputs.add(ok(api.post("/networks/" + id + "/predict", PROBE)).get("outputs"));
                }
                return outputs;
            }));
        }
        List<List<JsonNode>> answers = new ArrayList<>();
        for (Future<List<JsonNode>> trainer : trainers) {
            answers.add(trainer.get());
        }
        List<JsonNode> predictions = new ArrayList<>();
        for (Future<List<JsonNode>> predictor : predictors) {
            predictions.addAll(predictor.get());
        }
        pool.shutdown();

        long steps = 0;
        long samples = 0;
        for (List<JsonNode> calls : answers) {
            for (JsonNode answer : calls) {
                assertThat(answer.get("steps").asLong()).isEqualTo((long) EPOCHS * 2);
                steps += answer.get("steps").asLong();
                samples += answer.get("samples").asLong();
            }
        }
        JsonNode description = api.get("/networks/" + id).getBody();
        assertThat(description.get("stepsTrained").asLong()).isEqualTo(steps).isEqualTo((long) TRAINERS * CALLS * EPOCHS * 2);
        assertThat(description.get("epochsTrained").asLong()).isEqualTo((long) TRAINERS * CALLS * EPOCHS);
        assertThat(description.get("samplesSeen").asLong()).isEqualTo(samples).isEqualTo((long) TRAINERS * CALLS * EPOCHS * ROWS);

        Set<JsonNode> seenBetweenCalls = new HashSet<>();
        seenBetweenCalls.add(ok(api.post("/networks/" + replica + "/predict", PROBE)).get("outputs"));
        JsonNode state = initial;
        int[] next = new int[TRAINERS];
        for (int done = 0; done < TRAINERS * CALLS; done++) {
            state = replayNext(api, replica, state, answers, next, done);
            seenBetweenCalls.add(ok(api.post("/networks/" + replica + "/predict", PROBE)).get("outputs"));
        }
        assertThat(api.get("/networks/" + id + "/parameters").getBody()).isEqualTo(state);
        assertThat(predictions).allSatisfy(outputs -> assertThat(seenBetweenCalls).contains(outputs));
    }

    /**
     * From parameters {@code state}, replays on {@code replica} the one next call of some trainer whose
     * answer it reproduces exactly; fails if no trainer's next call does. Returns the parameters after it.
     */
    private static JsonNode replayNext(Api api, String replica, JsonNode state, List<List<JsonNode>> answers, int[] next, int done) {
        for (int t = 0; t < TRAINERS; t++) {
            if (next[t] == CALLS) {
                continue;
            }
            ok(api.put("/networks/" + replica + "/parameters", state.toString()));
            JsonNode replayed = ok(api.post("/networks/" + replica + "/train", trainCall(t, next[t])));
            JsonNode acknowledged = answers.get(t).get(next[t]);
            if (replayed.get("lossHistory").equals(acknowledged.get("lossHistory"))
                    && replayed.get("steps").equals(acknowledged.get("steps"))) {
                next[t]++;
                return api.get("/networks/" + replica + "/parameters").getBody();
            }
        }
        return fail("after %d calls replayed serially, no trainer's next call started from the replayed state: "
                + "an update was lost or two calls interleaved", done);
    }

    /** Call {@code call} of trainer {@code trainer}: rows of its own, shuffled mini-batches, plain SGD. */
    private static String trainCall(int trainer, int call) {
        double a = 0.05 + 0.1 * trainer + 0.01 * call;
        double b = 0.9 - 0.1 * trainer - 0.02 * call;
        return "{\"inputs\": [[" + a + ", " + b + "], [" + b + ", " + a + "], [" + (a + b) / 2 + ", 0.5]], "
                + "\"targets\": [[0.01, 0.99], [0.99, 0.01], [0.5, 0.5]], \"epochs\": " + EPOCHS + ", \"batchSize\": " + BATCH_SIZE
                + ", \"shuffle\": true, \"seed\": " + (100 * trainer + call) + "}";
    }

    private static JsonNode ok(ResponseEntity<JsonNode> response) {
        assertThat(response.getStatusCode().value()).as("%s", response.getBody()).isEqualTo(200);
        return response.getBody();
    }
}
