package io.backprop.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The packaged service killed with {@code kill -9} and started again on the same store answers every acknowledged
 * change as before, bit for bit; a job killed in the middle of an epoch resumes by itself and ends with the
 * parameters of an uninterrupted run. On SQLite and on PostgreSQL.
 */
class RestartWithoutLossIT {

    private static final String SMALL = """
            { "name": "small-f32", "inputs": 3, "dtype": "float32", "loss": "mse", "init": { "seed": 1 },
              "layers": [ { "units": 4, "activation": "tanh" }, { "units": 2, "activation": "sigmoid" } ],
              "optimizer": { "type": "adam", "learningRate": 0.01 } }""";

    private static final String MAZUR = """
            { "name": "mazur-f64", "inputs": 2, "dtype": "float64", "loss": "mse",
              "layers": [
                { "units": 2, "activation": "sigmoid", "weights": [[0.15, 0.20], [0.25, 0.30]], "biases": [0.35, 0.35] },
                { "units": 2, "activation": "sigmoid", "weights": [[0.40, 0.45], [0.50, 0.55]], "biases": [0.60, 0.60] } ],
              "optimizer": { "type": "sgd", "learningRate": 0.5, "momentum": 0.9 } }""";

    private static final String RESUMED = """
            { "inputs": 12, "dtype": "float64", "loss": "mse", "init": { "seed": 5 },
              "layers": [ { "units": 48, "activation": "tanh" }, { "units": 1, "activation": "identity" } ] }""";

    @TempDir
    Path directory;

    @ParameterizedTest
    @EnumSource(StoreVendor.class)
    void everyAcknowledgedChangeSurvivesAKill(StoreVendor vendor) throws Exception {
        StoreVendor.Database database = vendor.create(directory);
        Map<String, JsonNode> acknowledged = new LinkedHashMap<>();
        String deleted;
        try (ServiceProcess service = ServiceProcess.start(database.url(), directory)) {
            String small = service.call(201, "POST", "/networks", SMALL).get("id").asText();
            String mazur = service.call(201, "POST", "/networks", MAZUR).get("id").asText();
            deleted = service.call(201, "POST", "/networks", MAZUR).get("id").asText();
            service.call(204, "DELETE", "/networks/" + deleted, null);

            service.call(200, "POST", "/networks/" + small + "/train", """
                    { "inputs": [[0.1, 0.2, 0.3], [0.5, -0.5, 1], [1, 0, -1], [0.3, 0.3, 0.3], [-1, 1, 0.5]],
                      "targets": [[0, 1], [1, 0], [1, 1], [0, 0], [0.5, 0.5]],
                      "epochs": 4, "batchSize": 2, "shuffle": true, "seed": 7 }""");
            service.call(200, "POST", "/networks/" + mazur + "/backprop",
                    "{ \"inputs\": [[0.05, 0.10]], \"targets\": [[0.01, 0.99]] }");
            service.call(200, "POST", "/networks/" + mazur + "/train",
                    "{ \"inputs\": [[0.05, 0.10]], \"targets\": [[0.01, 0.99]], \"epochs\": 3 }");
            service.call(200, "PUT", "/networks/" + mazur + "/optimizer", """
                    { "optimizer": { "type": "rmsprop", "learningRate": 0.01, "momentum": 0.5 },
                      "schedule": { "type": "step", "stepSize": 2, "gamma": 0.5 } }""");
            service.call(200, "POST", "/networks/" + mazur + "/train",
                    "{ \"inputs\": [[0.05, 0.10], [0.2, 0.1]], \"targets\": [[0.01, 0.99], [0.5, 0.5]], \"epochs\": 3 }");

            String dataset = service.uploadCsv(csv(60, 3, 2), "y0,y1", "float32").get("id").asText();
            String job = service.call(202, "POST", "/networks/" + small + "/training-jobs", "{ \"datasetId\": \"" + dataset
                    + "\", \"epochs\": 3, \"batchSize\": 8, \"shuffle\": true, \"seed\": 3, \"validation\": { \"fraction\": 0.25, "
                    + "\"seed\": 1 } }").get("id").asText();
            awaitFinished(service, job);

            for (String network : List.of(small, mazur)) {
                for (String part : List.of("", "/parameters", "/optimizer", "/history")) {
                    acknowledged.put("/networks/" + network + part, service.get("/networks/" + network + part));
                }
            }
            for (String path : List.of("/networks", "/datasets", "/datasets/" + dataset, "/jobs/" + job, "/jobs")) {
                acknowledged.put(path, service.get(path));
            }
            service.kill();
        }
        try (ServiceProcess service = ServiceProcess.start(database.url(), directory)) {
            for (Map.Entry<String, JsonNode> before : acknowledged.entrySet()) {
                assertThat(service.get(before.getKey())).as("GET %s after kill -9 and restart", before.getKey())
                        .isEqualTo(before.getValue());
            }
            assertThat(service.send("GET", "/networks/" + deleted, null).statusCode()).isEqualTo(404);
        } finally {
            database.drop().run();
        }
    }

    @ParameterizedTest
    @EnumSource(StoreVendor.class)
    void aJobKilledMidEpochResumesAndEndsAsAnUninterruptedOne(StoreVendor vendor) throws Exception {
        StoreVendor.Database database = vendor.create(directory);
        String dataset;
        String network;
        String job;
        int epochAtKill;
        String request;
        try (ServiceProcess service = ServiceProcess.start(database.url(), directory)) {
            dataset = service.uploadCsv(csv(6000, 12, 1), "y0", "float64").get("id").asText();
            network = service.call(201, "POST", "/networks", RESUMED).get("id").asText();
            request = "{ \"datasetId\": \"" + dataset + "\", \"epochs\": 8, \"batchSize\": 16, \"shuffle\": true, \"seed\": 11, "
                    + "\"validation\": { \"fraction\": 0.2, \"seed\": 3 }, \"optimizer\": { \"type\": \"adam\", \"learningRate\": 0.003 }, "
                    + "\"schedule\": { \"type\": \"step\", \"stepSize\": 2, \"gamma\": 0.5 }, "
                    + "\"earlyStopping\": { \"monitor\": \"valLoss\", \"patience\": 50, \"restoreBest\": true } }";
            job = service.call(202, "POST", "/networks/" + network + "/training-jobs", request).get("id").asText();
            JsonNode running = awaitMidEpoch(service, job, 2);
            epochAtKill = running.get("epoch").asInt();
            service.kill();
        }
        try (ServiceProcess service = ServiceProcess.start(database.url(), directory)) {
            JsonNode resumed = awaitFinished(service, job);
            assertThat(resumed.get("status").asText()).isEqualTo("succeeded");
            assertThat(resumed.get("restarts").asInt()).isEqualTo(1);
            assertThat(resumed.get("resumedFromEpoch").asInt()).isBetween(epochAtKill, epochAtKill + 1);
            assertThat(resumed.get("history").size()).isEqualTo(8);

            String reference = service.call(201, "POST", "/networks", RESUMED).get("id").asText();
            String uninterrupted = service.call(202, "POST", "/networks/" + reference + "/training-jobs", request).get("id").asText();
            JsonNode finished = awaitFinished(service, uninterrupted);

            assertThat(service.get("/networks/" + network + "/parameters")).isEqualTo(service.get("/networks/" + reference + "/parameters"));
            assertThat(service.get("/networks/" + network + "/optimizer")).isEqualTo(service.get("/networks/" + reference + "/optimizer"));
            assertThat(resumed.get("bestEpoch")).isEqualTo(finished.get("bestEpoch"));
            for (int e = 0; e < 8; e++) {
                assertThat(resumed.at("/history/" + e + "/loss")).as("epoch %d loss", e + 1).isEqualTo(finished.at("/history/" + e + "/loss"));
                assertThat(resumed.at("/history/" + e + "/valLoss")).isEqualTo(finished.at("/history/" + e + "/valLoss"));
            }
        } finally {
            database.drop().run();
        }
    }

    @Test
    void aDamagedStoreFileStopsTheStartWithAMessageNamingIt() throws Exception {
        Path file = directory.resolve("backprop.db");
        Files.write(file, "not a database".repeat(500).getBytes(StandardCharsets.UTF_8));

        ServiceProcess.Exit exit = ServiceProcess.run("jdbc:sqlite:" + file, directory);

        assertThat(exit.code()).isNotZero();
        assertThat(exit.output()).contains("APPLICATION FAILED TO START").contains(file.toString());
        assertThat(Files.readString(file)).startsWith("not a database");
    }

    /** A CSV of {@code rows} rows: inputs x0… and targets y0… that are smooth functions of them. */
    static String csv(int rows, int inputs, int targets) {
        StringBuilder csv = new StringBuilder();
        for (int i = 0; i < inputs; i++) {
            csv.append(i == 0 ? "" : ",").append("x").append(i);
        }
        for (int t = 0; t < targets; t++) {
            csv.append(",y").append(t);
        }
        csv.append('\n');
        for (int r = 0; r < rows; r++) {
            double sum = 0;
            for (int i = 0; i < inputs; i++) {
                double x = Math.sin(r * 0.37 + i * 1.3);
                sum += x * (i + 1);
                csv.append(i == 0 ? "" : ",").append(x);
            }
            for (int t = 0; t < targets; t++) {
                csv.append(',').append(1 / (1 + Math.exp(-sum / inputs - t)));
            }
            csv.append('\n');
        }
        return csv.toString();
    }

    private static JsonNode awaitFinished(ServiceProcess service, String job) throws Exception {
        for (int i = 0; i < 1200; i++) {
            JsonNode view = service.get("/jobs/" + job);
            if (!List.of("queued", "running").contains(view.get("status").asText())) {
                return view;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("job " + job + " did not finish: " + service.get("/jobs/" + job));
    }

    /** Waits until the job has completed {@code epochs} epochs and is in the middle of the next one. */
    private static JsonNode awaitMidEpoch(ServiceProcess service, String job, int epochs) throws Exception {
        for (int i = 0; i < 6000; i++) {
            JsonNode view = service.get("/jobs/" + job);
            long stepsPerEpoch = view.get("steps").asLong() / view.get("epochs").asLong();
            if (view.get("epoch").asInt() >= epochs && view.get("step").asLong() % stepsPerEpoch > 0) {
                return view;
            }
            assertThat(view.get("status").asText()).as("job before the kill").isIn("queued", "running");
            Thread.sleep(10);
        }
        throw new AssertionError("job " + job + " did not reach epoch " + epochs + ": " + service.get("/jobs/" + job));
    }
}
