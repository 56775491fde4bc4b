package io.backprop.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The packaged service ({@code target/backprop-service.jar}) running as a child process on a given store, with a
 * small JSON client. {@link #kill()} is {@code kill -9}.
 */
final class ServiceProcess implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration START_TIMEOUT = Duration.ofMinutes(3);

    private final Process process;
    private final Path log;
    private final String base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private ServiceProcess(Process process, Path log, int port) {
        this.process = process;
        this.log = log;
        this.base = "http://localhost:" + port;
    }

    /** Starts the jar on the store {@code url} and waits until it is healthy. */
    static ServiceProcess start(String url, Path directory) throws IOException, InterruptedException {
        return start(url, directory, List.of());
    }

    /** Starts the jar on the store {@code url} with further command-line {@code arguments} and waits until it is healthy. */
    static ServiceProcess start(String url, Path directory, List<String> arguments) throws IOException, InterruptedException {
        int port = freePort();
        Path log = directory.resolve("service-" + UUID.randomUUID() + ".log");
        ServiceProcess service = new ServiceProcess(builder(url, port, log, arguments).start(), log, port);
        service.awaitHealthy();
        return service;
    }

    /** How a run that ended by itself ended. */
    record Exit(int code, String output) {
    }

    /** Runs the jar on the store {@code url} until it exits by itself (a start that fails). */
    static Exit run(String url, Path directory) throws IOException, InterruptedException {
        Path log = directory.resolve("service-" + UUID.randomUUID() + ".log");
        Process process = builder(url, freePort(), log, List.of()).start();
        if (!process.waitFor(START_TIMEOUT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
            throw new AssertionError("The service was expected to stop by itself but kept running:\n" + Files.readString(log));
        }
        return new Exit(process.exitValue(), Files.readString(log));
    }

    private static ProcessBuilder builder(String url, int port, Path log, List<String> arguments) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dorg.bytedeco.javacpp.maxPhysicalBytes=0", "-Xmx1g", "-jar", Path.of("target", "backprop-service.jar").toString(),
                "--server.port=" + port, "--spring.datasource.url=" + url));
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("OMP_NUM_THREADS", "1");
        return builder;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private void awaitHealthy() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("The service exited with " + process.exitValue() + " while starting:\n" + log());
            }
            try {
                if (send("GET", "/actuator/health", null).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                Thread.sleep(250);
            }
        }
        process.destroyForcibly();
        throw new IllegalStateException("The service did not become healthy in " + START_TIMEOUT + ":\n" + log());
    }

    /** The last lines of the service's output. */
    String log() throws IOException {
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
    }

    /** Kills the process at once, as {@code kill -9} does, and waits for it to be gone. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    @Override
    public String toString() {
        return base;
    }

    @Override
    public void close() throws InterruptedException {
        kill();
    }

    HttpResponse<String> send(String method, String path, String json) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofMinutes(2));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        request.method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Opens a {@code text/event-stream} (or any) response as lines, read as they arrive. */
    HttpResponse<Stream<String>> lines(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).header("Accept", "text/event-stream")
                .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofLines());
    }

    HttpResponse<String> sendMultipart(String path, String boundary, byte[] body) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Sends and expects {@code status}; returns the body as JSON (null when empty). */
    JsonNode call(int status, String method, String path, String json) throws IOException, InterruptedException {
        HttpResponse<String> response = send(method, path, json);
        if (response.statusCode() != status) {
            throw new AssertionError(method + " " + path + " answered " + response.statusCode() + ", expected " + status + ": "
                    + response.body());
        }
        return response.body().isEmpty() ? null : JSON.readTree(response.body());
    }

    JsonNode get(String path) throws IOException, InterruptedException {
        return call(200, "GET", path, null);
    }

    /** Uploads a CSV data set and returns its description. */
    JsonNode uploadCsv(String csv, String targetColumns, String dtype) throws IOException, InterruptedException {
        String boundary = "b" + UUID.randomUUID().toString().replace("-", "");
        String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"data.csv\"\r\n"
                + "Content-Type: text/csv\r\n\r\n" + csv + "\r\n--" + boundary + "\r\nContent-Disposition: form-data; "
                + "name=\"targetColumns\"\r\n\r\n" + targetColumns + "\r\n--" + boundary + "\r\nContent-Disposition: form-data; "
                + "name=\"dtype\"\r\n\r\n" + dtype + "\r\n--" + boundary + "--\r\n";
        HttpResponse<String> response = sendMultipart("/datasets", boundary, body.getBytes(StandardCharsets.UTF_8));
        if (response.statusCode() != 201) {
            throw new AssertionError("upload answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }
}
