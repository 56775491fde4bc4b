import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A closed-loop latency client: C clients, each sending the same POST as soon as its previous one
 * is answered, for a warm-up and then a measured period. Prints one line:
 * "label clients requests rps p50_ms p99_ms max_ms errors". Any answer other than 200 counts as an
 * error and makes the exit status 1. A body file "-" sends GET instead. $BACKPROP_KEY, when set, goes
 * in X-API-Key.
 *
 * java bench/Latency.java label url body-file clients warmup-seconds seconds
 */
public class Latency {

    public static void main(String[] args) throws Exception {
        String label = args[0];
        URI url = URI.create(args[1]);
        byte[] body = args[2].equals("-") ? null : Files.readAllBytes(Path.of(args[2]));
        int clients = Integer.parseInt(args[3]);
        long warmupNanos = Duration.ofSeconds(Long.parseLong(args[4])).toNanos();
        long measuredNanos = Duration.ofSeconds(Long.parseLong(args[5])).toNanos();
        String key = System.getenv("BACKPROP_KEY");

        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpRequest.Builder template = body == null ? HttpRequest.newBuilder(url).GET()
                : HttpRequest.newBuilder(url).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (key != null && !key.isEmpty()) {
            template.header("X-API-Key", key);
        }
        HttpRequest request = template.build();
        long start = System.nanoTime();
        long measureFrom = start + warmupNanos;
        long end = measureFrom + measuredNanos;
        AtomicLong errors = new AtomicLong();
        List<long[]> perClient = new ArrayList<>();
        int[] counts = new int[clients];
        CountDownLatch done = new CountDownLatch(clients);
        for (int c = 0; c < clients; c++) {
            long[] samples = new long[1 << 20];
            perClient.add(samples);
            int index = c;
            Thread thread = new Thread(() -> {
                try {
                    for (long now = System.nanoTime(); now < end; now = System.nanoTime()) {
                        HttpResponse<byte[]> answer = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
                        long after = System.nanoTime();
                        if (answer.statusCode() != 200) {
                            if (errors.getAndIncrement() == 0) {
                                System.err.println(label + ": " + answer.statusCode() + " " + new String(answer.body()));
                            }
                        }
                        if (now >= measureFrom && counts[index] < samples.length) {
                            samples[counts[index]++] = after - now;
                        }
                    }
                } catch (Exception failed) {
                    errors.incrementAndGet();
                    failed.printStackTrace();
                } finally {
                    done.countDown();
                }
            });
            thread.setDaemon(true);
            thread.start();
        }
        done.await();
        int total = Arrays.stream(counts).sum();
        long[] all = new long[total];
        int at = 0;
        for (int c = 0; c < clients; c++) {
            System.arraycopy(perClient.get(c), 0, all, at, counts[c]);
            at += counts[c];
        }
        Arrays.sort(all);
        System.out.printf("%s %d %d %.0f %.2f %.2f %.2f %d%n", label, clients, total, total / (measuredNanos / 1e9),
                millis(all, 0.50), millis(all, 0.99), total == 0 ? 0 : all[total - 1] / 1e6, errors.get());
        System.exit(errors.get() == 0 ? 0 : 1);
    }

    private static double millis(long[] sorted, double quantile) {
        return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) Math.ceil(quantile * sorted.length) - 1)] / 1e6;
    }
}
