package io.backprop.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two packaged services, A and B, on one PostgreSQL database, spoken to only over HTTP: any replica serves any
 * request, concurrent changes to one network from both are serialised without loss, a change on one is seen on the
 * other within a second, jobs are followed from either, and a job whose replica is killed with {@code kill -9} is
 * resumed by the other and ends as an uninterrupted run would.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReplicasIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** How long a replica may take to show another's committed change (api.md, "Several replicas"). */
    private static final Duration PROPAGATION = Duration.ofSeconds(1);
    /** How long the tests wait for what must happen eventually, before they fail saying what did not. */
    private static final Duration EVENTUALLY = Duration.ofSeconds(5);
    /** How long a job whose replica died may stay without a runner. */
    private static final Duration FAILOVER = Duration.ofSeconds(10);
    private static final Duration JOB_TIMEOUT = Duration.ofMinutes(5);

    private static final int THREADS_PER_REPLICA = 3;
    private static final int CALLS_PER_THREAD = 8;

    private static final String SHARED = """
            { "name": "shared", "inputs": 2, "dtype": "float64", "loss": "mse",
              "layers": [
                { "units": 3, "activation": "tanh", "weights": [[0.15, -0.20], [0.25, 0.30], [-0.35, 0.10]], "biases": [0.05, -0.05, 0.1] },
                { "units": 1, "activation": "identity", "weights": [[0.40, -0.45, 0.50]], "biases": [0.2] } ],
              "optimizer": { "type": "sgd", "learningRate": 0.05, "momentum": 0.9 } }""";

    private static final String SEEDED = """
            { "name": "seeded", "inputs": 12, "dtype": "float64", "loss": "mse", "init": { "seed": 5 },
              "layers": [ { "units": 48, "activation": "tanh" }, { "units": 1, "activation": "identity" } ] }""";

    @TempDir
    static Path directory;

    private StoreVendor.Database database;
    private ServiceProcess a;
    private ServiceProcess b;

    /** A failing test carries the last lines of both services' output. */
    @RegisterExtension
    final TestExecutionExceptionHandler logs = (context, failure) -> {
        for (ServiceProcess replica : new ServiceProcess[] {a, b}) {
            if (replica != null) {
                failure.addSuppressed(new AssertionError("output of replica " + (replica == a ? "A" : "B") + " at " + replica + ":\n"
                        + replica.log()));
            }
        }
        throw failure;
    };

    @BeforeAll
    void startTwoReplicasOnOneDatabase() throws Exception {
        database = StoreVendor.POSTGRESQL.create(directory);
        ExecutorService starter = Executors.newFixedThreadPool(2);
        try {
            Future<ServiceProcess> first = starter.submit(() -> ServiceProcess.start(database.url(), directory, name("replica-a")));
            Future<ServiceProcess> second = starter.submit(() -> ServiceProcess.start(database.url(), directory, name("replica-b")));
            try {
                a = first.get();
            } finally {
                b = second.get();
            }
        } finally {
            starter.shutdown();
        }
    }

    @AfterAll
    void stop() throws Exception {
        try {
            for (ServiceProcess replica : new ServiceProcess[] {a, b}) {
                if (replica != null) {
                    replica.close();
                }
            }
        } finally {
            if (database != null) {
                database.drop().run();
            }
        }
    }

    private static List<String> name(String name) {
        return List.of("--spring.application.name=" + name);
    }

    @Test
    @Order(1)
    void aNetworkMadeOnOneIsListedDescribedAndPredictedOnTheOther() throws Exception {
        String id = a.call(201, "POST", "/networks", SEEDED).get("id").asText();

        awaitOn(b, "B lists the network made on A", () -> {
            for (JsonNode network : b.get("/networks")) {
                if (network.get("id").asText().equals(id)) {
                    return true;
                }
            }
            return false;
        });
        for (String part : List.of("", "/parameters", "/optimizer", "/history")) {
            assertThat(b.get("/networks/" + id + part)).as("GET /networks/{id}%s on B against A", part)
                    .isEqualTo(a.get("/networks/" + id + part));
        }
        String rows = "{ \"inputs\": " + rows(5, 12, 0.3) + " }";
        assertThat(b.call(200, "POST", "/networks/" + id + "/predict", rows)).as("predict on B against A")
                .isEqualTo(a.call(200, "POST", "/networks/" + id + "/predict", rows));
    }

    /**
     * Both replicas train one network at once, on several threads each, with train calls (1 to 3 full-batch epochs of
     * momentum SGD) and backprop steps, each on rows of its own. Every call's answer gives the loss it saw before its
     * first update, which names the state it ran on; the calls are replayed on a fresh network with the same initial
     * parameters, each time taking the one call made on the state the replay has reached. The replay must use up every
     * call, reproduce each answer exactly, and end with the shared network's counters, parameters and optimizer state.
     */
    @Test
    @Order(2)
    void concurrentTrainingOnBothReplicasEqualsASerialReplayOfTheAcknowledgedCalls() throws Exception {
        String id = a.call(201, "POST", "/networks", SHARED).get("id").asText();
        awaitOn(b, "B describes the network made on A", () -> b.send("GET", "/networks/" + id, null).statusCode() == 200);

        List<Call> calls = Collections.synchronizedList(new ArrayList<>());
        ExecutorService clients = Executors.newFixedThreadPool(2 * THREADS_PER_REPLICA);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> threads = new ArrayList<>();
        for (int t = 0; t < 2 * THREADS_PER_REPLICA; t++) {
            ServiceProcess replica = t < THREADS_PER_REPLICA ? a : b;
            int thread = t;
            threads.add(clients.submit(() -> {
                start.await();
                for (int i = 0; i < CALLS_PER_THREAD; i++) {
                    calls.add(Call.make(thread * CALLS_PER_THREAD + i).send(replica, id));
                }
                return null;
            }));
        }
        start.countDown();
        try {
            for (Future<?> thread : threads) {
                thread.get(3, TimeUnit.MINUTES);
            }
        } finally {
            clients.shutdownNow();
        }
        assertThat(calls).hasSize(2 * THREADS_PER_REPLICA * CALLS_PER_THREAD);
        long steps = calls.stream().mapToLong(Call::steps).sum();
        for (ServiceProcess replica : List.of(a, b)) {
            awaitOn(replica, "stepsTrained on " + replica + " equals the " + steps + " steps acknowledged to both",
                    () -> replica.get("/networks/" + id).get("stepsTrained").asLong() == steps);
        }

        String replay = a.call(201, "POST", "/networks", SHARED).get("id").asText();
        List<Call> remaining = new ArrayList<>(calls);
        while (!remaining.isEmpty()) {
            Call next = madeOn(a, replay, remaining, calls.size());
            remaining.remove(next);
            next.replay(a, replay);
        }

        JsonNode expected = a.get("/networks/" + replay);
        for (ServiceProcess replica : List.of(a, b)) {
            JsonNode shared = replica.get("/networks/" + id);
            for (String counter : List.of("epochsTrained", "stepsTrained", "samplesSeen", "lastLoss")) {
                assertThat(shared.get(counter)).as("%s on %s against the serial replay", counter, replica).isEqualTo(expected.get(counter));
            }
            assertThat(replica.get("/networks/" + id + "/parameters")).as("parameters on %s against the serial replay", replica)
                    .isEqualTo(a.get("/networks/" + replay + "/parameters"));
            assertThat(replica.get("/networks/" + id + "/optimizer")).as("optimizer state on %s against the serial replay", replica)
                    .isEqualTo(a.get("/networks/" + replay + "/optimizer"));
            assertThat(losses(replica.get("/networks/" + id + "/history"))).as("history on %s against the serial replay", replica)
                    .isEqualTo(losses(a.get("/networks/" + replay + "/history")));
        }
    }

    @Test
    @Order(3)
    void aChangeOnOneReplicaIsSeenOnTheOtherWithinASecond() throws Exception {
        String id = a.call(201, "POST", "/networks", SHARED).get("id").asText();
        awaitOn(b, "B describes the network made on A", () -> b.send("GET", "/networks/" + id, null).statusCode() == 200);
        for (int round = 0; round < 6; round++) {
            b.get("/networks/" + id + "/parameters");
            b.call(200, "POST", "/networks/" + id + "/predict", "{ \"inputs\": [[0.5, -0.5]] }");
            if (round % 2 == 0) {
                a.call(200, "PUT", "/networks/" + id + "/parameters", parameters(round));
            } else {
                a.call(200, "POST", "/networks/" + id + "/train",
                        "{ \"inputs\": " + rows(4, 2, round) + ", \"targets\": " + rows(4, 1, -round) + ", \"epochs\": 2 }");
            }
            long acknowledged = System.nanoTime();
            JsonNode written = a.get("/networks/" + id + "/parameters");
            if (round % 2 == 0) {
                assertThat(written).as("round %d: A shows its own PUT at once", round).isEqualTo(JSON.readTree(parameters(round)));
            }
            long elapsed = untilEqual(b, "/networks/" + id + "/parameters", written, acknowledged);
            assertThat(Duration.ofNanos(elapsed)).as("round %d (%s): time from A's answer until B shows the same parameters", round,
                    round % 2 == 0 ? "PUT parameters" : "train").isLessThan(PROPAGATION);
            assertThat(b.get("/networks/" + id)).as("round %d: B's description against A's", round).isEqualTo(a.get("/networks/" + id));
        }
    }

    @Test
    @Order(4)
    void aJobSubmittedOnOneReplicaIsDescribedAndStreamedFromBoth() throws Exception {
        String dataset = a.uploadCsv(RestartWithoutLossIT.csv(4000, 12, 1), "y0", "float64").get("id").asText();
        String network = a.call(201, "POST", "/networks", SEEDED).get("id").asText();
        awaitOn(b, "B describes the network made on A", () -> b.send("GET", "/networks/" + network, null).statusCode() == 200);

        String job = a.call(202, "POST", "/networks/" + network + "/training-jobs", "{ \"datasetId\": \"" + dataset
                + "\", \"epochs\": 6, \"batchSize\": 16, \"shuffle\": true, \"seed\": 2, \"validation\": { \"fraction\": 0.2, \"seed\": 4 } }")
                .get("id").asText();
        CompletableFuture<List<Event>> onA = follow(a, job);
        CompletableFuture<List<Event>> onB = follow(b, job);

        JsonNode finished = awaitFinished(a, job);
        assertThat(finished.get("status").asText()).as("the job, on A").isEqualTo("succeeded");
        awaitOn(b, "B describes the finished job as A does", () -> b.get("/jobs/" + job).equals(a.get("/jobs/" + job)));
        assertThat(finished.get("history")).hasSize(6);
        for (ServiceProcess replica : List.of(a, b)) {
            List<Event> events;
            try {
                events = (replica == a ? onA : onB).get(EVENTUALLY.toSeconds(), TimeUnit.SECONDS);
            } catch (TimeoutException open) {
                throw new AssertionError("the event stream on " + replica + " did not end within " + EVENTUALLY + " of the job's end");
            }
            assertEveryEpochStreamed(replica, events, finished);
        }
        awaitOn(b, "B shows the parameters the job left", () -> b.get("/networks/" + network + "/parameters")
                .equals(a.get("/networks/" + network + "/parameters")));
    }

    /**
     * The replica running a job (the one whose job step counter moves) is killed in the middle of an epoch; the other
     * must take the job up from its last completed epoch within {@link #FAILOVER}, finish it, and leave the parameters,
     * optimizer state and history of the same job run without interruption. Last, as it leaves one replica standing.
     */
    @Test
    @Order(5)
    void aJobWhoseReplicaIsKilledIsResumedByTheOtherAndEndsAsAnUninterruptedOne() throws Exception {
        String dataset = a.uploadCsv(RestartWithoutLossIT.csv(6000, 12, 1), "y0", "float64").get("id").asText();
        String network = a.call(201, "POST", "/networks", SEEDED).get("id").asText();
        String request = "{ \"datasetId\": \"" + dataset + "\", \"epochs\": 10, \"batchSize\": 16, \"shuffle\": true, \"seed\": 11, "
                + "\"validation\": { \"fraction\": 0.2, \"seed\": 3 }, \"optimizer\": { \"type\": \"adam\", \"learningRate\": 0.003 }, "
                + "\"schedule\": { \"type\": \"step\", \"stepSize\": 2, \"gamma\": 0.5 } }";
        double stepsOnA = jobSteps(a);
        double stepsOnB = jobSteps(b);
        String job = a.call(202, "POST", "/networks/" + network + "/training-jobs", request).get("id").asText();

        ServiceProcess runner = null;
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        while (runner == null) {
            boolean movedOnA = jobSteps(a) > stepsOnA;
            boolean movedOnB = jobSteps(b) > stepsOnB;
            assertThat(movedOnA && movedOnB).as("both replicas train job %s", job).isFalse();
            runner = movedOnA ? a : movedOnB ? b : null;
            assertThat(System.nanoTime()).as("a replica starts job %s: %s", job, a.get("/jobs/" + job)).isLessThan(deadline);
            Thread.sleep(50);
        }
        ServiceProcess survivor = runner == a ? b : a;
        int epochAtKill = awaitMidEpoch(runner, job, 1).get("epoch").asInt();
        runner.kill();
        long killed = System.nanoTime();

        JsonNode resumed = null;
        Duration failover = Duration.ZERO;
        while (resumed == null) {
            HttpResponse<String> answer = survivor.send("GET", "/jobs/" + job, null);
            failover = Duration.ofNanos(System.nanoTime() - killed);
            if (answer.statusCode() == 200) {
                JsonNode view = JSON.readTree(answer.body());
                if (view.get("restarts").asInt() >= 1 || view.hasNonNull("resumedFromEpoch")) {
                    resumed = view;
                }
            }
            assertThat(failover).as("job %s still not resumed by the surviving replica, which answers %d %s", job,
                    answer.statusCode(), answer.body()).isLessThan(Duration.ofMinutes(1));
            if (resumed == null) {
                Thread.sleep(50);
            }
        }
        assertThat(failover).as("time from kill -9 of the job's replica until the other has resumed it").isLessThan(FAILOVER);
        assertThat(resumed.get("status").asText()).as("the resumed job").isIn("running", "succeeded");

        JsonNode finished = awaitFinished(survivor, job);
        assertThat(finished.get("status").asText()).as("the resumed job at its end").isEqualTo("succeeded");
        assertThat(finished.get("resumedFromEpoch").asInt()).as("the epoch it resumed from").isBetween(epochAtKill, epochAtKill + 1);
        assertThat(finished.get("history")).hasSize(10);

        String reference = survivor.call(201, "POST", "/networks", SEEDED).get("id").asText();
        JsonNode uninterrupted = awaitFinished(survivor,
                survivor.call(202, "POST", "/networks/" + reference + "/training-jobs", request).get("id").asText());
        for (String part : List.of("/parameters", "/optimizer")) {
            assertThat(survivor.get("/networks/" + network + part)).as("%s after the failover against an uninterrupted run", part)
                    .isEqualTo(survivor.get("/networks/" + reference + part));
        }
        for (int e = 0; e < 10; e++) {
            for (String field : List.of("loss", "valLoss", "learningRate")) {
                assertThat(finished.at("/history/" + e + "/" + field)).as("epoch %d %s against an uninterrupted run", e + 1, field)
                        .isEqualTo(uninterrupted.at("/history/" + e + "/" + field));
            }
        }
    }

    /** One call of the concurrent training: its request, the replica that answered it, its answer and when it came. */
    private record Call(int index, String endpoint, String body, String replica, JsonNode answer, long answeredAt) {

        /** Call {@code index}: a train call of 1 to 3 epochs or, every fourth, a backprop step, on rows of its own. */
        static Call make(int index) {
            String batch = "\"inputs\": " + rows(3, 2, index) + ", \"targets\": " + rows(3, 1, index + 0.5);
            return index % 4 == 3
                    ? new Call(index, "backprop", "{ " + batch + " }", null, null, 0)
                    : new Call(index, "train", "{ " + batch + ", \"epochs\": " + (1 + index % 3) + " }", null, null, 0);
        }

        /** Sends the call to {@code replica}; a 409 (the network busy) is tried again, as a client would. */
        Call send(ServiceProcess replica, String network) throws Exception {
            for (int attempt = 0; attempt < 200; attempt++) {
                HttpResponse<String> response = replica.send("POST", "/networks/" + network + "/" + endpoint, body);
                if (response.statusCode() == 200) {
                    return new Call(index, endpoint, body, replica.toString(), JSON.readTree(response.body()), System.nanoTime());
                }
                assertThat(response.statusCode()).as("call %d (%s) on %s: %s", index, endpoint, replica, response.body()).isEqualTo(409);
                Thread.sleep(20);
            }
            throw new AssertionError("call " + index + " (" + endpoint + ") on " + replica + " answered 409 200 times");
        }

        long steps() {
            return endpoint.equals("train") ? answer.get("steps").asLong() : 1;
        }

        /** The loss the call saw before its first update: a function of the parameters it ran on. */
        double lossBefore() {
            return endpoint.equals("train") ? answer.get("lossHistory").get(0).asDouble() : answer.get("loss").asDouble();
        }

        String dryRun() {
            return "{ \"inputs\": " + field("inputs") + ", \"targets\": " + field("targets") + ", \"apply\": false }";
        }

        private JsonNode field(String name) {
            try {
                return JSON.readTree(body).get(name);
            } catch (Exception malformed) {
                throw new IllegalStateException(malformed);
            }
        }

        /** Makes the call again on {@code network} and checks that it answers as it did the first time. */
        void replay(ServiceProcess service, String network) throws Exception {
            JsonNode again = service.call(200, "POST", "/networks/" + network + "/" + endpoint, body);
            for (String field : endpoint.equals("train") ? List.of("steps", "lossHistory", "loss") : List.of("loss", "outputs", "layers")) {
                assertThat(again.get(field)).as("call %d (%s, answered by %s) replayed: %s", index, endpoint, replica, field)
                        .isEqualTo(answer.get(field));
            }
        }
    }

    /**
     * The remaining call that was made on the state {@code network} is in: a dry-run step of a call's rows gives the
     * loss that call would see now, which matches the loss its answer reported. Calls are tried in the order their
     * answers came, which is close to the order they were committed in.
     */
    private static Call madeOn(ServiceProcess service, String network, List<Call> remaining, int total) throws Exception {
        Call closest = null;
        double closestError = Double.POSITIVE_INFINITY;
        for (Call call : remaining.stream().sorted(Comparator.comparingLong(Call::answeredAt)).toList()) {
            double loss = service.call(200, "POST", "/networks/" + network + "/backprop", call.dryRun()).get("loss").asDouble();
            double error = Math.abs(loss - call.lossBefore()) / Math.max(Math.abs(call.lossBefore()), Double.MIN_NORMAL);
            if (error < 1e-9) {
                return call;
            }
            if (error < closestError) {
                closest = call;
                closestError = error;
            }
        }
        throw new AssertionError(String.format(Locale.ROOT, "after %d of %d calls replayed, none of the %d left was made on the state "
                + "reached (closest: call %d, relative loss error %g): the acknowledged calls are no serial order, an update was lost "
                + "or mixed", total - remaining.size(), total, remaining.size(), closest.index(), closestError));
    }

    /** Epoch, source and loss of each history entry (durations differ from run to run). */
    private static List<String> losses(JsonNode history) {
        List<String> losses = new ArrayList<>();
        for (JsonNode epoch : history) {
            losses.add(epoch.get("epoch") + " " + epoch.get("source").asText() + " " + epoch.get("loss") + " " + epoch.get("learningRate"));
        }
        return losses;
    }

    /** One server-sent event. */
    private record Event(String name, JsonNode data) {
    }

    /** Reads the job's event stream on {@code replica} until its {@code done} event, in the background. */
    private static CompletableFuture<List<Event>> follow(ServiceProcess replica, String job) throws Exception {
        long deadline = System.nanoTime() + EVENTUALLY.toNanos();
        HttpResponse<Stream<String>> stream = replica.lines("/jobs/" + job + "/events");
        while (stream.statusCode() == 404 && System.nanoTime() < deadline) {
            stream.body().close();
            Thread.sleep(20);
            stream = replica.lines("/jobs/" + job + "/events");
        }
        assertThat(stream.statusCode()).as("GET /jobs/%s/events on %s", job, replica).isEqualTo(200);
        assertThat(stream.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
        HttpResponse<Stream<String>> opened = stream;
        return CompletableFuture.supplyAsync(() -> {
            List<Event> events = new ArrayList<>();
            try (Stream<String> lines = opened.body()) {
                String name = null;
                StringBuilder data = new StringBuilder();
                for (Iterator<String> line = lines.iterator(); line.hasNext(); ) {
                    String text = line.next();
                    if (text.isEmpty()) {
                        if (name != null || !data.isEmpty()) {
                            events.add(new Event(name == null ? "message" : name, JSON.readTree(data.toString())));
                        }
                        name = null;
                        data.setLength(0);
                    } else if (text.startsWith("event:")) {
                        name = text.substring(6).strip();
                    } else if (text.startsWith("data:")) {
                        data.append(data.isEmpty() ? "" : "\n").append(text.substring(5).strip());
                    }
                }
                if (name != null || !data.isEmpty()) {
                    events.add(new Event(name == null ? "message" : name, JSON.readTree(data.toString())));
                }
            } catch (Exception failure) {
                throw new IllegalStateException("reading the events of job " + job + " on " + replica + ": " + failure, failure);
            }
            return events;
        }, reader -> {
            Thread thread = new Thread(reader, "events of " + job + " on " + replica);
            thread.setDaemon(true);
            thread.start();
        });
    }

    /**
     * The stream opens with a {@code progress} event (the job as it stood), then brings an {@code epoch} event for
     * every epoch completed after that, each the history entry the job ended with, and ends with {@code done}.
     */
    private static void assertEveryEpochStreamed(ServiceProcess replica, List<Event> events, JsonNode finished) {
        assertThat(events).as("events of the job on %s", replica).isNotEmpty();
        assertThat(events.get(0).name()).as("first event on %s", replica).isEqualTo("progress");
        Event done = events.get(events.size() - 1);
        assertThat(done.name()).as("last event on %s: %s", replica, events).isEqualTo("done");
        assertThat(done.data().get("status").asText()).as("status in the done event on %s", replica).isEqualTo("succeeded");
        assertThat(done.data().get("history")).as("history in the done event on %s", replica).isEqualTo(finished.get("history"));
        int before = events.get(0).data().get("history").size();
        assertThat(before).as("epochs done when the stream on %s opened (the job must outlast the opening)", replica)
                .isLessThan(finished.get("history").size());
        List<JsonNode> epochs = events.stream().filter(event -> event.name().equals("epoch")).map(Event::data).toList();
        List<JsonNode> expected = new ArrayList<>();
        finished.get("history").forEach(expected::add);
        assertThat(epochs).as("epoch events on %s after the stream opened with %d epochs done", replica, before)
                .isEqualTo(expected.subList(before, expected.size()));
    }

    /** The replica's {@code backprop_training_steps_total{mode="job"}}: steps of jobs it trained itself. */
    private static double jobSteps(ServiceProcess replica) throws Exception {
        HttpResponse<String> metrics = replica.send("GET", "/actuator/prometheus", null);
        assertThat(metrics.statusCode()).as("GET /actuator/prometheus on %s", replica).isEqualTo(200);
        return metrics.body().lines().filter(line -> line.startsWith("backprop_training_steps_total{") && line.contains("mode=\"job\""))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
    }

    /** Polls {@code path} on {@code replica} until it equals {@code expected}; the nanoseconds since {@code since}. */
    private static long untilEqual(ServiceProcess replica, String path, JsonNode expected, long since) throws Exception {
        while (true) {
            JsonNode seen = replica.get(path);
            long elapsed = System.nanoTime() - since;
            if (seen.equals(expected)) {
                return elapsed;
            }
            assertThat(Duration.ofNanos(elapsed)).as("%s on %s still shows %s instead of %s", path, replica, seen, expected)
                    .isLessThan(EVENTUALLY);
            Thread.sleep(10);
        }
    }

    private interface Check {
        boolean holds() throws Exception;
    }

    private static void awaitOn(ServiceProcess replica, String what, Check check) throws Exception {
        long deadline = System.nanoTime() + EVENTUALLY.toNanos();
        while (!check.holds()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + EVENTUALLY + ": " + what + " (" + replica + ")");
            }
            Thread.sleep(20);
        }
    }

    private static JsonNode awaitFinished(ServiceProcess service, String job) throws Exception {
        long deadline = System.nanoTime() + JOB_TIMEOUT.toNanos();
        while (true) {
            JsonNode view = service.get("/jobs/" + job);
            if (!List.of("queued", "running").contains(view.get("status").asText())) {
                return view;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("job " + job + " did not finish in " + JOB_TIMEOUT + " on " + service + ": " + view);
            }
            Thread.sleep(100);
        }
    }

    /** Waits until the job has completed {@code epochs} epochs, and at least one before its last, and is mid-epoch. */
    private static JsonNode awaitMidEpoch(ServiceProcess service, String job, int epochs) throws Exception {
        long deadline = System.nanoTime() + JOB_TIMEOUT.toNanos();
        while (true) {
            JsonNode view = service.get("/jobs/" + job);
            assertThat(view.get("status").asText()).as("job %s on %s before the kill: %s", job, service, view).isIn("queued", "running");
            long stepsPerEpoch = view.get("steps").asLong() / view.get("epochs").asLong();
            int epoch = view.get("epoch").asInt();
            if (epoch >= epochs && epoch < view.get("epochs").asInt() - 1 && view.get("step").asLong() % stepsPerEpoch > 0) {
                return view;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("job " + job + " did not reach epoch " + epochs + " on " + service + ": " + view);
            }
            Thread.sleep(10);
        }
    }

    /** A {@code PUT /networks/{id}/parameters} body for {@link #SHARED}, different for each {@code round}. */
    private static String parameters(int round) {
        ObjectNode body = JSON.createObjectNode();
        ArrayNode layers = body.putArray("layers");
        ObjectNode hidden = layers.addObject();
        double[][] weights = values(3, 2, round);
        weights[0][0] += round;
        hidden.set("weights", JSON.valueToTree(weights));
        hidden.set("biases", JSON.valueToTree(values(1, 3, round + 0.25)[0]));
        ObjectNode output = layers.addObject();
        output.set("weights", JSON.valueToTree(values(1, 3, round + 0.5)));
        output.set("biases", JSON.valueToTree(values(1, 1, round + 0.75)[0]));
        return body.toString();
    }

    /** {@code rows} rows of {@code columns} numbers in (−1, 1), distinct for each {@code seed}, as JSON. */
    private static String rows(int rows, int columns, double seed) {
        return JSON.valueToTree(values(rows, columns, seed)).toString();
    }

    private static double[][] values(int rows, int columns, double seed) {
        double[][] values = new double[rows][columns];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < columns; c++) {
                values[r][c] = Math.sin(seed * 1.7 + r * 0.9 + c * 2.3 + 0.1);
            }
        }
        return values;
    }
}
