package io.backprop.training;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.backprop.BackpropApplication;
import io.backprop.store.StoreVendor;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.web.client.RestTemplateBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.ResponseEntity;

/**
 * Two replicas (two application contexts in one JVM, each with its own port) on one PostgreSQL schema share one job
 * queue: reads, cancellation and events work from either, a job waits for whichever replica has a free thread, a
 * replica that goes away leaves its job to the other, which resumes it from its checkpoint, and the queue's capacity
 * and the keys' quotas are counted across both.
 */
class JobsOnTwoReplicasTest {

    private static final String ADMIN = "two-replicas-test-admin-key-0123";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int EPOCHS = 50;

    @TempDir
    Path directory;

    private StoreVendor.Database database;
    private final List<ConfigurableApplicationContext> contexts = new ArrayList<>();

    /** One replica: its context, port and an HTTP client on it (with an API key when given). */
    private record Replica(ConfigurableApplicationContext context, int port, Jobs jobs) {

        Replica as(String key) {
            return new Replica(context, port, new Jobs(client(port, key)));
        }
    }

    @BeforeEach
    void database() {
        database = StoreVendor.POSTGRESQL.create(directory);
    }

    @AfterEach
    void closeReplicas() {
        List<ConfigurableApplicationContext> started = new ArrayList<>(contexts);
        Collections.reverse(started);
        started.forEach(ConfigurableApplicationContext::close);
        if (database != null) {
            database.drop().run();
        }
    }

    private Replica replica(String... properties) {
        List<String> arguments = new ArrayList<>(List.of("--server.port=0", "--spring.datasource.url=" + database.url(),
                "--backprop.engine.warmup.enabled=false", "--backprop.jobs.threads=1"));
        for (String property : properties) {
            arguments.add("--" + property);
        }
        ConfigurableApplicationContext context = new SpringApplicationBuilder(BackpropApplication.class)
                .run(arguments.toArray(String[]::new));
        contexts.add(context);
        int port = Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
        return new Replica(context, port, new Jobs(client(port, null)));
    }

    private static TestRestTemplate client(int port, String key) {
        RestTemplateBuilder builder = new RestTemplateBuilder().rootUri("http://localhost:" + port);
        return new TestRestTemplate(key == null ? builder : builder.defaultHeader("X-API-Key", key));
    }

    @Test
    void aJobRunningOnOneReplicaIsReadAndCancelledFromTheOther() {
        Replica a = replica();
        String data = a.jobs().dataset(50, 1, false);
        String network = a.jobs().network();
        String id = a.jobs().endless(network, data);
        a.jobs().await(id, Jobs.status("running"));
        Replica b = replica();

        JsonNode seenOnB = b.jobs().await(id, job -> job.get("history").size() >= 2);
        JsonNode cancelled = b.jobs().cancel(id);
        JsonNode endedOnA = a.jobs().await(id, Jobs.status("cancelled"));
        JsonNode endedOnB = b.jobs().await(id, Jobs.status("cancelled"));

        assertThat(seenOnB.get("status").asText()).isEqualTo("running");
        assertThat(seenOnB.get("networkId").asText()).isEqualTo(network);
        assertThat(seenOnB.get("step").asLong()).isGreaterThanOrEqualTo(100);
        assertThat(seenOnB.get("samplesPerSecond").asDouble()).isPositive();
        assertThat(seenOnB.get("etaSeconds").asDouble()).isPositive();
        assertThat(cancelled.get("id").asText()).isEqualTo(id);
        assertThat(endedOnA.get("step").asLong()).isLessThan(endedOnA.get("steps").asLong());
        assertThat(endedOnB.get("step").asLong()).isEqualTo(endedOnA.get("step").asLong());
        assertThat(a.jobs().http().getForObject("/networks/" + network, JsonNode.class).get("stepsTrained").asLong())
                .isEqualTo(endedOnA.get("step").asLong());
        assertThat(b.jobs().http().getForObject("/jobs", JsonNode.class).findValuesAsText("id")).contains(id);
    }

    @Test
    void aJobQueuedWhileOneReplicaIsBusyRunsOnTheOther() {
        Replica a = replica();
        String data = a.jobs().dataset(50, 2, false);
        String blocker = a.jobs().endless(a.jobs().network(), data);
        a.jobs().await(blocker, Jobs.status("running"));
        String queued = a.jobs().submitted(a.jobs().network(), "{ \"datasetId\": \"" + data + "\", \"epochs\": 3, \"batchSize\": 10 }");
        assertThat(a.jobs().job(queued).get("status").asText()).isEqualTo("queued");

        Replica b = replica();
        JsonNode done = b.jobs().await(queued, Jobs.status("succeeded"));

        assertThat(a.jobs().job(blocker).get("status").asText()).isEqualTo("running");
        assertThat(done.get("history")).hasSize(3);
        assertThat(a.jobs().job(queued).get("status").asText()).isEqualTo("succeeded");
        a.jobs().cancel(blocker);
        a.jobs().await(blocker, Jobs.status("cancelled"));
    }

    @Test
    void eventsFromEitherReplicaDeliverEveryEpochOnceInOrder() throws Exception {
        Replica a = replica();
        String data = a.jobs().dataset(100, 3, false);
        String first = a.jobs().network();
        String second = a.jobs().network();
        String target = a.jobs().network();
        Replica b = replica();
        String blocker = a.jobs().endless(first, data);
        String other = b.jobs().endless(second, data);
        a.jobs().await(blocker, Jobs.status("running"));
        a.jobs().await(other, Jobs.status("running"));
        String id = a.jobs().submitted(target, "{ \"datasetId\": \"" + data + "\", \"epochs\": 6, \"batchSize\": 10, "
                + "\"shuffle\": true, \"seed\": 4 }");

        CountDownLatch subscribed = new CountDownLatch(2);
        CompletableFuture<List<String[]>> fromA = CompletableFuture.supplyAsync(() -> events(a.port(), id, subscribed));
        CompletableFuture<List<String[]>> fromB = CompletableFuture.supplyAsync(() -> events(b.port(), id, subscribed));
        assertThat(subscribed.await(30, TimeUnit.SECONDS)).isTrue();
        a.jobs().cancel(blocker);
        JsonNode done = a.jobs().await(id, Jobs.status("succeeded"));
        List<String[]> eventsA = fromA.get(60, TimeUnit.SECONDS);
        List<String[]> eventsB = fromB.get(60, TimeUnit.SECONDS);
        b.jobs().cancel(other);

        for (List<String[]> events : List.of(eventsA, eventsB)) {
            assertThat(events.get(0)[0]).isEqualTo("progress");
            assertThat(events.get(events.size() - 1)[0]).isEqualTo("done");
            assertThat(JSON.readTree(events.get(events.size() - 1)[1]).get("status").asText()).isEqualTo("succeeded");
            List<JsonNode> epochs = new ArrayList<>();
            for (String[] event : events) {
                if (event[0].equals("epoch")) {
                    epochs.add(JSON.readTree(event[1]));
                }
            }
            assertThat(epochs).hasSize(6);
            for (int i = 0; i < epochs.size(); i++) {
                assertThat(epochs.get(i)).isEqualTo(done.get("history").get(i));
            }
        }
    }

    @Test
    void aReplicaThatStopsMidJobLeavesItToTheOtherWhichEndsWithTheParametersOfAnUninterruptedRun() {
        Replica b = replica();
        Interrupted run = interruptedOnA(b, 4);

        run.a().context().close();
        b.jobs().cancel(run.blocker());
        JsonNode resumed = b.jobs().await(run.id(), Jobs.status("succeeded"));

        assertThat(resumed.get("restarts").asInt()).isEqualTo(1);
        assertThat(resumed.get("resumedFromEpoch").asInt()).isBetween(3, EPOCHS - 1);
        assertThat(resumed.get("history")).hasSize(EPOCHS);
        assertThat(b.jobs().http().getForObject("/networks/" + run.network() + "/parameters", JsonNode.class))
                .isEqualTo(run.expected());
    }

    @Test
    void aReplicaThatLosesItsHoldStopsAndTheJobGoesOnFromItsCheckpoint() throws Exception {
        Replica b = replica();
        Interrupted run = interruptedOnA(b, 5);

        terminateTheConnectionHolding(run.id());
        b.jobs().cancel(run.blocker());
        JsonNode resumed = b.jobs().await(run.id(), Jobs.status("succeeded"));

        assertThat(resumed.get("restarts").asInt()).isGreaterThanOrEqualTo(1);
        assertThat(resumed.get("history")).hasSize(EPOCHS);
        assertThat(b.jobs().http().getForObject("/networks/" + run.network() + "/parameters", JsonNode.class))
                .isEqualTo(run.expected());
        assertThat(run.a().jobs().await(run.id(), Jobs.status("succeeded")).get("history")).isEqualTo(resumed.get("history"));
        awaitParameters(run.a(), run.network(), run.expected());
    }

    /** A job running on replica A, past its third epoch, while {@code b}'s thread is busy with {@code blocker}. */
    private record Interrupted(Replica a, String id, String network, String blocker, JsonNode expected) {
    }

    /**
     * On {@code b}: a seeded job on a network run to its end (its parameters are the expected ones), a network made
     * from the same seed, and a job that keeps b's thread busy; then a second replica A, which takes the same job on
     * the second network, and runs it past its third epoch.
     */
    private Interrupted interruptedOnA(Replica b, long seed) {
        String data = b.jobs().dataset(200, seed, false);
        String job = "{ \"datasetId\": \"" + data + "\", \"epochs\": " + EPOCHS + ", \"batchSize\": 2, \"shuffle\": true, "
                + "\"seed\": " + seed + ", \"optimizer\": { \"type\": \"adam\", \"learningRate\": 0.01 } }";
        String reference = b.jobs().network();
        b.jobs().await(b.jobs().submitted(reference, job), Jobs.status("succeeded"));
        JsonNode expected = b.jobs().http().getForObject("/networks/" + reference + "/parameters", JsonNode.class);
        String network = b.jobs().network();
        String blocker = b.jobs().endless(b.jobs().network(), data);
        b.jobs().await(blocker, Jobs.status("running"));
        Replica a = replica();
        String id = a.jobs().submitted(network, job);
        a.jobs().await(id, running -> running.get("history").size() >= 3);
        return new Interrupted(a, id, network, blocker, expected);
    }

    /** Polls the network's parameters on the replica until they are {@code expected} (its copy may be a second behind). */
    private static void awaitParameters(Replica replica, String network, JsonNode expected) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        JsonNode parameters = replica.jobs().http().getForObject("/networks/" + network + "/parameters", JsonNode.class);
        while (!parameters.equals(expected) && System.nanoTime() < deadline) {
            Thread.sleep(50);
            parameters = replica.jobs().http().getForObject("/networks/" + network + "/parameters", JsonNode.class);
        }
        assertThat(parameters).isEqualTo(expected);
    }

    @Test
    void theQueueCapacityIsCountedAcrossReplicas() {
        Replica a = replica("backprop.jobs.queue-capacity=1");
        String data = a.jobs().dataset(50, 7, false);
        List<String> networks = List.of(a.jobs().network(), a.jobs().network(), a.jobs().network(), a.jobs().network());
        Replica b = replica("backprop.jobs.queue-capacity=1");
        String first = a.jobs().endless(networks.get(0), data);
        a.jobs().await(first, Jobs.status("running"));
        String second = b.jobs().endless(networks.get(1), data);
        a.jobs().await(second, Jobs.status("running"));
        String queued = a.jobs().endless(networks.get(2), data);

        ResponseEntity<JsonNode> refused = b.jobs().submit(networks.get(3), "{ \"datasetId\": \"" + data + "\" }");
        b.jobs().cancel(queued);
        b.jobs().cancel(first);
        a.jobs().cancel(second);

        assertThat(refused.getStatusCode().value()).isEqualTo(429);
        assertThat(refused.getBody().get("detail").asText()).contains("backprop.jobs.queue-capacity");
        assertThat(a.jobs().await(queued, Jobs.status("cancelled")).get("step").asLong()).isZero();
    }

    @Test
    void maxConcurrentJobsIsCountedAcrossReplicas() {
        Replica a = replica("backprop.security.mode=keys", "backprop.security.bootstrap-key=" + ADMIN);
        ResponseEntity<JsonNode> issued = a.as(ADMIN).jobs().post("/keys", "{ \"name\": \"limited\", \"quotas\": { \"maxConcurrentJobs\": 1 } }");
        String key = issued.getBody().get("key").asText();
        Replica tenantOnA = a.as(key);
        String data = tenantOnA.jobs().dataset(50, 8, false);
        String first = tenantOnA.jobs().network();
        String second = tenantOnA.jobs().network();
        Replica tenantOnB = replica("backprop.security.mode=keys", "backprop.security.bootstrap-key=" + ADMIN).as(key);

        String running = tenantOnA.jobs().endless(first, data);
        ResponseEntity<JsonNode> refused = tenantOnB.jobs().submit(second, "{ \"datasetId\": \"" + data + "\" }");
        tenantOnB.jobs().cancel(running);
        tenantOnA.jobs().await(running, Jobs.status("cancelled"));
        ResponseEntity<JsonNode> accepted = tenantOnB.jobs().submit(second, "{ \"datasetId\": \"" + data + "\" }");

        assertThat(issued.getStatusCode().value()).isEqualTo(201);
        assertThat(refused.getStatusCode().value()).isEqualTo(429);
        assertThat(refused.getBody().get("detail").asText()).contains("maxConcurrentJobs");
        assertThat(accepted.getStatusCode().value()).isEqualTo(202);
        tenantOnB.jobs().await(accepted.getBody().get("id").asText(), Jobs.status("succeeded"));
    }

    /** Ends the PostgreSQL session that holds the job's advisory lock, as a replica's lost connection would. */
    private void terminateTheConnectionHolding(String jobId) throws Exception {
        try (Connection connection = DriverManager.getConnection(database.url());
             PreparedStatement statement = connection.prepareStatement("""
                     SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory' AND granted AND objsubid = 1
                     AND ((classid::bigint << 32) | objid::bigint) = hashtextextended(?, 0)""")) {
            statement.setString(1, jobId);
            try (ResultSet terminated = statement.executeQuery()) {
                assertThat(terminated.next()).as("a session holds job %s", jobId).isTrue();
                assertThat(terminated.getBoolean(1)).isTrue();
            }
        }
    }

    /**
     * The job's event stream from the replica on {@code port} until it ends: name and data of each event. Counts
     * {@code subscribed} down at the first event.
     */
    private static List<String[]> events(int port, String id, CountDownLatch subscribed) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/jobs/" + id + "/events"))
                .header("Accept", "text/event-stream").GET().build();
        List<String[]> events = new ArrayList<>();
        try (Stream<String> lines = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofLines()).body()) {
            Iterator<String> iterator = lines.iterator();
            String name = null;
            while (iterator.hasNext()) {
                String line = iterator.next();
                if (line.startsWith("event:")) {
                    name = line.substring("event:".length()).trim();
                } else if (line.startsWith("data:") && name != null) {
                    events.add(new String[] {name, line.substring("data:".length())});
                    name = null;
                    if (events.size() == 1) {
                        subscribed.countDown();
                    }
                }
            }
        } catch (Exception failed) {
            throw new AssertionError(failed);
        }
        return events;
    }
}
