package io.backprop.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.backprop.config.Limits;
import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryType;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.bytedeco.javacpp.Pointer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A flood of network creates and data-set uploads, many times what the limits let in, from several
 * clients at once: the surplus is refused (429 for networks, 413 or 429 for data sets, never a 5xx);
 * what the service reports holding stays within the limits (the parameters of the networks, the
 * bytes of the data sets), and the heap after a collection grows by no more than twice that (what
 * is kept and its transient copies) plus one request body per client in flight. Native memory is
 * measured as the resident set size (ND4J's CPU buffers are in neither ND4J's nor JavaCPP's count):
 * the allocator keeps what the first flood freed, so a second flood, all of it refused, must add no
 * more than the held bytes, the bodies in flight, what the JVM committed meanwhile (heap, code cache,
 * metaspace) and the clients' thread stacks. Let through, each flood would hold over ten times that.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "backprop.limits.max-networks=30", "backprop.limits.max-parameters-per-network=400000",
    "backprop.limits.max-total-parameters=3000000", "backprop.limits.max-datasets=40",
    "backprop.limits.max-dataset-bytes=512KB", "backprop.limits.max-total-dataset-bytes=3MB",
    "backprop.limits.max-request-size=2MB"})
class MemoryFloodTest {

    private static final int CLIENTS = 8;
    private static final int ATTEMPTS = 120;
    private static final long THREAD_STACK = 1024 * 1024;
    private static final String BOUNDARY = "flood-boundary";
    /** 500 inputs, 500 tanh units, 100 outputs: 300,600 parameters (2.4 MB), under the per-network limit. */
    private static final String NETWORK = """
            { "inputs": 500, "dtype": "float64", "init": { "seed": 1 }, "layers": [ { "units": 500, "activation": "tanh" },
              { "units": 100, "activation": "identity" } ] }""";
    private static final long NETWORK_PARAMETERS = 500 * 500 + 500 + 500 * 100 + 100;

    @LocalServerPort
    private int port;

    @Autowired
    private Limits limits;

    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @Test
    void floodOfCreatesAndUploadsReachesTheLimitsWithMemoryBounded() throws Exception {
        byte[] fits = upload(rows(25_000, 4));            // 100,000 float32 values: 400 KB held, under max-dataset-bytes
        byte[] tooLarge = upload(rows(40_000, 4));        // 160,000 values: 640 KB, over it
        warmUp(fits);
        Memory before = Memory.measure();
        Map<String, Integer> statuses = flood(fits, tooLarge);
        Memory after = Memory.measure();
        Map<String, Integer> refused = flood(fits, tooLarge);
        Memory again = Memory.measure();

        long held = heldBytes();
        long allowed = limits.maxTotalParameters() * Double.BYTES + limits.maxTotalDatasetBytes().toBytes();
        long inFlight = CLIENTS * limits.maxRequestSize().toBytes();
        String report = statuses + ", then " + refused + "; held " + held + " bytes, allowed " + allowed + "; " + before + " → "
                + after + " → " + again;
        assertThat(statuses.keySet()).as(report).allMatch(status -> status.matches("create 201|create 429|upload 201|upload 413|upload 429"));
        assertThat(statuses).as(report).containsKeys("create 201", "create 429", "upload 201");
        assertThat(statuses.getOrDefault("upload 413", 0) + statuses.getOrDefault("upload 429", 0)).as(report).isPositive();
        assertThat(statuses.get("create 201")).as(report).isEqualTo((int) (limits.maxTotalParameters() / NETWORK_PARAMETERS));
        assertThat(held).as(report).isLessThanOrEqualTo(allowed);
        assertThat(refused.keySet()).as(report).allMatch(status -> status.matches("create 429|upload 413|upload 429"));
        assertThat(heldBytes()).as("the second flood holds nothing more: " + report).isEqualTo(held);
        assertThat(after.heapBytes - before.heapBytes).as("heap after GC: " + report).isLessThanOrEqualTo(2 * allowed + inFlight);
        assertThat(again.heapBytes - before.heapBytes).as("heap after GC: " + report).isLessThanOrEqualTo(2 * allowed + inFlight);
        assertThat(again.residentBytes - after.residentBytes).as("resident set over the refused flood: " + report)
                .isLessThanOrEqualTo(allowed + inFlight + Math.max(0, again.committedBytes - after.committedBytes) + CLIENTS * THREAD_STACK);
        System.out.println("memory flood: " + report);
    }

    /** ATTEMPTS creates and as many uploads (one in four over the per-data-set limit) from CLIENTS threads; counts "what status". */
    private Map<String, Integer> flood(byte[] fits, byte[] tooLarge) throws Exception {
        Map<String, Integer> statuses = new TreeMap<>();
        ExecutorService threads = Executors.newFixedThreadPool(CLIENTS);
        try {
            List<Future<String>> answers = new ArrayList<>();
            for (int i = 0; i < ATTEMPTS; i++) {
                answers.add(threads.submit(call("create", "/networks", "application/json", NETWORK.getBytes(StandardCharsets.UTF_8))));
                answers.add(threads.submit(call("upload", "/datasets", "multipart/form-data; boundary=" + BOUNDARY,
                        i % 4 == 3 ? tooLarge : fits)));
            }
            for (Future<String> answer : answers) {
                statuses.merge(answer.get(), 1, Integer::sum);
            }
        } finally {
            threads.shutdownNow();
        }
        return statuses;
    }

    /** Loads the classes and pools of both paths once, so that the flood measures what it holds, not what starts. */
    private void warmUp(byte[] dataset) throws Exception {
        for (String[] request : new String[][] {{"/networks", "application/json"}, {"/datasets", "multipart/form-data; boundary=" + BOUNDARY}}) {
            byte[] body = request[0].equals("/networks") ? NETWORK.getBytes(StandardCharsets.UTF_8) : dataset;
            HttpResponse<String> created = send("POST", request[0], request[1], body);
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            String id = json.readTree(created.body()).get("id").asText();
            assertThat(send("DELETE", request[0] + "/" + id, null, null).statusCode()).isEqualTo(204);
        }
    }

    /** The bytes the service reports holding: every network's and every data set's {@code bytes}. */
    private long heldBytes() throws Exception {
        long bytes = 0;
        for (String list : new String[] {"/networks", "/datasets"}) {
            for (JsonNode item : json.readTree(send("GET", list, null, null).body())) {
                bytes += item.get("bytes").asLong();
            }
        }
        return bytes;
    }

    private Callable<String> call(String what, String path, String contentType, byte[] body) {
        return () -> what + " " + send("POST", path, contentType, body).statusCode();
    }

    private HttpResponse<String> send(String method, String path, String contentType, byte[] body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(60))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String rows(int count, int inputs) {
        StringBuilder text = new StringBuilder("{\"inputs\":[");
        StringBuilder targets = new StringBuilder("],\"targets\":[");
        for (int i = 0; i < count; i++) {
            text.append(i == 0 ? "[" : ",[");
            for (int k = 0; k < inputs - 1; k++) {
                text.append(k == 0 ? "" : ",").append((i * 7 + k) % 10 / 10.0);
            }
            text.append(']');
            targets.append(i == 0 ? "[" : ",[").append(i % 2).append(']');
        }
        return text.append(targets).append("]}").toString();
    }

    private static byte[] upload(String content) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"data.json\"\r\n"
                + "Content-Type: application/json\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        body.writeBytes(content.getBytes(StandardCharsets.UTF_8));
        body.writeBytes(("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        return body.toByteArray();
    }

    /** Heap used after the last collection (of every heap pool), the resident set size, and what the JVM has committed (heap and non-heap: code cache, metaspace). */
    private record Memory(long heapBytes, long residentBytes, long committedBytes) {

        static Memory measure() throws InterruptedException {
            MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
            long previous = Long.MAX_VALUE;
            for (int i = 0; i < 2 || i < 10 && Pointer.physicalBytes() < previous; i++) {
                previous = Pointer.physicalBytes();
                System.gc();
                Thread.sleep(200);                        // ND4J frees native buffers from its deallocator thread
            }
            long afterCollection = ManagementFactory.getMemoryPoolMXBeans().stream()
                    .filter(pool -> pool.getType() == MemoryType.HEAP && pool.getCollectionUsage() != null)
                    .mapToLong(pool -> pool.getCollectionUsage().getUsed()).sum();
            return new Memory(afterCollection, Pointer.physicalBytes(),
                    memory.getHeapMemoryUsage().getCommitted() + memory.getNonHeapMemoryUsage().getCommitted());
        }

        @Override
        public String toString() {
            return String.format("heap %.1f MB, resident %.1f MB, committed %.1f MB", heapBytes / 1e6, residentBytes / 1e6,
                    committedBytes / 1e6);
        }
    }
}
