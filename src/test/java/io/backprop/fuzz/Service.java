package io.backprop.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.backprop.BackpropApplication;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.servlet.context.ServletWebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/** One service started for all fuzzing properties (jqwik runs outside Spring's test context), and a plain HTTP client for it. */
final class Service {

    /** Every answer must come within this. */
    static final Duration BOUND = Duration.ofSeconds(10);
    static final ObjectMapper JSON = new ObjectMapper();

    private static ConfigurableApplicationContext context;
    private static String base;
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(BOUND).build();

    private Service() {
    }

    static synchronized String base() {
        if (context == null) {
            context = new SpringApplicationBuilder(BackpropApplication.class)
                    .run("--server.port=0", "--spring.main.banner-mode=off", "--backprop.jobs.queue-capacity=4");
            base = "http://127.0.0.1:" + ((ServletWebServerApplicationContext) context).getWebServer().getPort();
            warmUp();
        }
        return base;
    }

    /**
     * Generates the OpenAPI description once, which takes seconds on a busy machine: it is read to find the operations,
     * and is not itself under test.
     */
    private static void warmUp() {
        try {
            CLIENT.send(HttpRequest.newBuilder(URI.create(base + "/v3/api-docs")).timeout(Duration.ofSeconds(120)).build(),
                    HttpResponse.BodyHandlers.discarding());
        } catch (java.io.IOException | InterruptedException failed) {
            throw new AssertionError("the service does not answer", failed);
        }
    }

    static synchronized void stop() {
        if (context != null) {
            context.close();
            context = null;
        }
    }

    /** Sends the request and checks the answer came within {@link #BOUND}. */
    static HttpResponse<String> send(String method, String path, String contentType, byte[] body) {
        return send(method, path, contentType, body, HttpResponse.BodyHandlers.ofString());
    }

    /** A file the service answers with, such as an export. */
    static byte[] download(String path) {
        HttpResponse<byte[]> answer = send("GET", path, null, null, HttpResponse.BodyHandlers.ofByteArray());
        assertThat(answer.statusCode()).as("GET %s", path).isEqualTo(200);
        return answer.body();
    }

    private static <T> HttpResponse<T> send(String method, String path, String contentType, byte[] body,
                                            HttpResponse.BodyHandler<T> handler) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base() + path)).timeout(BOUND)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        long start = System.nanoTime();
        try {
            HttpResponse<T> answer = CLIENT.send(request.build(), handler);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).as("%s %s answered in time", method, path).isLessThan(BOUND);
            return answer;
        } catch (java.io.IOException | InterruptedException failed) {
            throw new AssertionError(method + " " + path + " got no answer", failed);
        }
    }

    static JsonNode get(String path) {
        try {
            HttpResponse<String> answer = send("GET", path, null, null);
            assertThat(answer.statusCode()).as("GET %s: %s", path, answer.body()).isEqualTo(200);
            return JSON.readTree(answer.body());
        } catch (java.io.IOException unreadable) {
            throw new AssertionError(unreadable);
        }
    }

    static String create(String path, String json) {
        HttpResponse<String> answer = send("POST", path, "application/json", json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(answer.statusCode()).as("POST %s: %s", path, answer.body()).isIn(201, 202);
        try {
            return JSON.readTree(answer.body()).get("id").asText();
        } catch (java.io.IOException unreadable) {
            throw new AssertionError(unreadable);
        }
    }

    /** Cancels every job and deletes every network, so that each try starts from the same state. */
    static void reset() {
        for (JsonNode job : get("/jobs")) {
            send("DELETE", "/jobs/" + job.get("id").asText(), null, null);
        }
        for (JsonNode network : get("/networks")) {
            send("DELETE", "/networks/" + network.get("id").asText(), null, null);
        }
    }
}
