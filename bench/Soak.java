import java.io.IOException;
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
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The soak test: C clients for S seconds against a service in keys mode, half of them under each of
 * two tenants' keys, mixing create, train, predict, backprop (applied and dry), evaluate, export and
 * delete on networks their tenant shares, and probing the other tenant's networks. Meanwhile the
 * service's resident set size is sampled every second. At the end:
 * - every answer was 2xx, or one of the documented refusals 409 / 429, or the 404 a probe of the
 *   other tenant's network or data set must get;
 * - each shared network's stepsTrained equals the steps its tenant's 2xx answers reported;
 * - neither tenant's lists (networks, data sets, jobs) name anything of the other's;
 * - the RSS is flat after the first 10 s: its highest sample after then is within 10% of its sample at 10 s.
 * Prints the figures; exit status 1 when a check fails.
 *
 * java bench/Soak.java base-url admin-key service-pid clients seconds
 */
public class Soak {

    private static final String NETWORK = """
            { "name": "%s", "inputs": 2, "dtype": "float64", "loss": "mse", "optimizer": { "type": "sgd", "learningRate": 0.5 },
              "layers": [ { "units": 2, "activation": "sigmoid", "weights": [[0.15, 0.20], [0.25, 0.30]], "biases": [0.35, 0.35] },
                          { "units": 2, "activation": "sigmoid", "weights": [[0.40, 0.45], [0.50, 0.55]], "biases": [0.60, 0.60] } ] }""";
    private static final String ROWS = "\"inputs\": [[0.05, 0.10], [0.2, 0.3], [0.4, 0.5], [0.9, 0.1]], "
            + "\"targets\": [[0.01, 0.99], [0.5, 0.5], [0.2, 0.8], [0.9, 0.1]]";
    private static final String TRAIN = "{ " + ROWS + ", \"epochs\": 2, \"batchSize\": 2 }";
    private static final String BACKPROP = "{ \"inputs\": [[0.05, 0.10]], \"targets\": [[0.01, 0.99]], \"apply\": %s }";
    private static final String PREDICT = "{ \"inputs\": [[0.05, 0.10], [0.2, 0.3], [0.4, 0.5]] }";
    private static final String EVALUATE = "{ " + ROWS + " }";
    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern STEPS = Pattern.compile("\"steps\"\\s*:\\s*(\\d+)");
    private static final Pattern STEPS_TRAINED = Pattern.compile("\"stepsTrained\"\\s*:\\s*(\\d+)");
    private static final Pattern KEY = Pattern.compile("\"key\"\\s*:\\s*\"([^\"]+)\"");
    private static final int SHARED_PER_TENANT = 2;

    private final String base;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
    private final Map<String, AtomicLong> answers = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> expectedSteps = new ConcurrentHashMap<>();
    private final List<String> failures = java.util.Collections.synchronizedList(new ArrayList<>());

    private Soak(String base) {
        this.base = base;
    }

    public static void main(String[] args) throws Exception {
        Soak soak = new Soak(args[0]);
        System.exit(soak.run(args[1], Long.parseLong(args[2]), Integer.parseInt(args[3]), Integer.parseInt(args[4])) ? 0 : 1);
    }

    private record Tenant(String name, String key, List<String> shared, String dataset) {
    }

    private boolean run(String admin, long pid, int clients, int seconds) throws Exception {
        List<Tenant> tenants = new ArrayList<>();
        for (String name : List.of("tenant-a", "tenant-b")) {
            String key = match(KEY, send(admin, "POST", "/keys", "{ \"name\": \"" + name + "\" }").body());
            List<String> shared = new ArrayList<>();
            for (int n = 0; n < SHARED_PER_TENANT; n++) {
                String id = match(ID, expect(send(key, "POST", "/networks", NETWORK.formatted(name + "-shared-" + n)), 201));
                shared.add(id);
                expectedSteps.put(id, new AtomicLong());
            }
            String boundary = "soak-boundary";
            String upload = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"data.json\"\r\n"
                    + "Content-Type: application/json\r\n\r\n{ " + ROWS + " }\r\n--" + boundary + "--\r\n";
            HttpResponse<String> dataset = http.send(HttpRequest.newBuilder(URI.create(base + "/datasets")).header("X-API-Key", key)
                    .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                    .POST(HttpRequest.BodyPublishers.ofString(upload)).build(), HttpResponse.BodyHandlers.ofString());
            tenants.add(new Tenant(name, key, shared, match(ID, expect(dataset, 201))));
        }

        List<long[]> rss = java.util.Collections.synchronizedList(new ArrayList<>());
        long start = System.nanoTime();
        long end = start + Duration.ofSeconds(seconds).toNanos();
        Thread sampler = new Thread(() -> {
            for (long next = start; System.nanoTime() < end; next += 1_000_000_000L) {
                rss.add(new long[] {(System.nanoTime() - start) / 1_000_000_000L, residentKilobytes(pid)});
                sleepUntil(next + 1_000_000_000L);
            }
        });
        sampler.start();
        CountDownLatch done = new CountDownLatch(clients);
        for (int c = 0; c < clients; c++) {
            Tenant own = tenants.get(c % 2);
            Tenant other = tenants.get(1 - c % 2);
            Random random = new Random(c);
            new Thread(() -> {
                try {
                    while (System.nanoTime() < end) {
                        operate(own, other, random);
                    }
                } catch (Exception failed) {
                    failures.add("client failed: " + failed);
                } finally {
                    done.countDown();
                }
            }).start();
        }
        done.await();
        sampler.join();

        for (Tenant tenant : tenants) {
            for (String id : tenant.shared()) {
                long steps = Long.parseLong(match(STEPS_TRAINED, expect(send(tenant.key(), "GET", "/networks/" + id, null), 200)));
                long expected = expectedSteps.get(id).get();
                System.out.printf("%s shared network %s: stepsTrained %d, steps acknowledged %d%n", tenant.name(), id, steps, expected);
                if (steps != expected) {
                    failures.add(id + " has stepsTrained " + steps + ", the acknowledged steps sum to " + expected);
                }
            }
        }
        for (Tenant tenant : tenants) {
            Tenant other = tenants.get(1 - tenants.indexOf(tenant));
            for (String list : List.of("/networks", "/datasets", "/jobs")) {
                String body = expect(send(tenant.key(), "GET", list, null), 200);
                List<String> others = new ArrayList<>(other.shared());
                others.add(other.dataset());
                for (String id : others) {
                    if (body.contains(id)) {
                        failures.add(tenant.name() + " sees " + other.name() + "'s " + id + " in " + list);
                    }
                }
                Matcher ids = ID.matcher(body);
                while (ids.find()) {
                    if (list.equals("/networks") && !tenant.shared().contains(ids.group(1))) {
                        failures.add(tenant.name() + " lists a network that is not its own shared one: " + ids.group(1));
                    }
                }
            }
        }

        long total = answers.values().stream().mapToLong(AtomicLong::get).sum();
        System.out.printf("%d requests in %d s by %d clients (%.0f/s)%n", total, seconds, clients, total / (double) seconds);
        new TreeMap<>(answers).forEach((what, count) -> System.out.printf("  %-28s %8d%n", what, count.get()));
        checkRss(rss);
        failures.stream().limit(20).forEach(failure -> System.out.println("FAIL " + failure));
        System.out.println(failures.isEmpty() ? "soak: all checks passed" : "soak: " + failures.size() + " failures");
        return failures.isEmpty();
    }

    private void operate(Tenant own, Tenant other, Random random) throws IOException, InterruptedException {
        String shared = own.shared().get(random.nextInt(own.shared().size()));
        int choice = random.nextInt(100);
        if (choice < 20) {
            String body = answer("train", send(own.key(), "POST", "/networks/" + shared + "/train", TRAIN), Set.of(409));
            if (body != null) {
                expectedSteps.get(shared).addAndGet(Long.parseLong(match(STEPS, body)));
            }
        } else if (choice < 35) {
            if (answer("backprop applied", send(own.key(), "POST", "/networks/" + shared + "/backprop", BACKPROP.formatted(true)),
                    Set.of(409)) != null) {
                expectedSteps.get(shared).incrementAndGet();
            }
        } else if (choice < 50) {
            answer("backprop dry run", send(own.key(), "POST", "/networks/" + shared + "/backprop", BACKPROP.formatted(false)), Set.of());
        } else if (choice < 65) {
            answer("predict", send(own.key(), "POST", "/networks/" + shared + "/predict", PREDICT), Set.of());
        } else if (choice < 75) {
            String body = random.nextBoolean() ? EVALUATE : "{ \"datasetId\": \"" + own.dataset() + "\" }";
            answer("evaluate", send(own.key(), "POST", "/networks/" + shared + "/evaluate", body), Set.of());
        } else if (choice < 85) {
            String format = List.of("json", "safetensors", "onnx").get(random.nextInt(3));
            answer("export " + format, send(own.key(), "GET", "/networks/" + shared + "/export?format=" + format, null), Set.of());
        } else if (choice < 95) {
            String created = answer("create", send(own.key(), "POST", "/networks", NETWORK.formatted(own.name() + "-own")), Set.of());
            if (created != null) {
                String id = match(ID, created);
                String trained = answer("train own", send(own.key(), "POST", "/networks/" + id + "/train", TRAIN), Set.of());
                String described = answer("get own", send(own.key(), "GET", "/networks/" + id, null), Set.of());
                if (trained != null && described != null && !match(STEPS, trained).equals(match(STEPS_TRAINED, described))) {
                    failures.add("network " + id + " trained " + match(STEPS, trained) + " steps but reports " + match(STEPS_TRAINED, described));
                }
                answer("delete own", send(own.key(), "DELETE", "/networks/" + id, null), Set.of());
            }
        } else {
            String probe = other.shared().get(random.nextInt(other.shared().size()));
            String[][] attempts = {{"GET", "/networks/" + probe, null}, {"POST", "/networks/" + probe + "/predict", PREDICT},
                {"GET", "/datasets/" + other.dataset(), null}, {"POST", "/networks/" + shared + "/evaluate",
                    "{ \"datasetId\": \"" + other.dataset() + "\" }"},
                {"POST", "/networks/" + probe + "/train", TRAIN}, {"GET", "/networks/" + probe + "/export", null},
                {"DELETE", "/networks/" + probe, null}};
            String[] attempt = attempts[random.nextInt(attempts.length)];
            HttpResponse<String> answer = send(own.key(), attempt[0], attempt[1], attempt[2]);
            count("other tenant's " + attempt[0] + " " + answer.statusCode());
            if (answer.statusCode() != 404) {
                failures.add(own.name() + " " + attempt[0] + " " + attempt[1] + " of the other tenant → " + answer.statusCode());
            }
        }
    }

    /** Counts the answer; its body when 2xx, null for an allowed refusal; anything else is a failure. */
    private String answer(String what, HttpResponse<String> answer, Set<Integer> allowed) {
        int status = answer.statusCode();
        count(what + " " + status);
        if (status / 100 == 2) {
            return answer.body();
        }
        if (!allowed.contains(status) && status != 429) {
            failures.add(what + " → " + status + " " + answer.body());
        }
        return null;
    }

    private void count(String what) {
        answers.computeIfAbsent(what, k -> new AtomicLong()).incrementAndGet();
    }

    private void checkRss(List<long[]> samples) {
        long at10 = samples.stream().filter(s -> s[0] >= 10).mapToLong(s -> s[1]).findFirst().orElse(0);
        long highest = samples.stream().filter(s -> s[0] >= 10).mapToLong(s -> s[1]).max().orElse(0);
        long last = samples.isEmpty() ? 0 : samples.get(samples.size() - 1)[1];
        long first = samples.isEmpty() ? 0 : samples.get(0)[1];
        StringBuilder series = new StringBuilder();
        samples.forEach(s -> series.append(s[1] / 1024).append(' '));
        System.out.printf("RSS MB, one sample a second: %s%n", series.toString().trim());
        System.out.printf("RSS: start %.0f MB, at 10 s %.0f MB, highest after 10 s %.0f MB (%+.1f%%), last %.0f MB%n", first / 1024.0,
                at10 / 1024.0, highest / 1024.0, 100.0 * (highest - at10) / Math.max(at10, 1), last / 1024.0);
        if (at10 == 0 || highest > at10 * 1.10) {
            failures.add("RSS is not flat after 10 s: " + at10 / 1024 + " MB at 10 s, up to " + highest / 1024 + " MB");
        }
    }

    private HttpResponse<String> send(String key, String method, String path, String body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30)).header("X-API-Key", key)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static String expect(HttpResponse<String> answer, int status) {
        if (answer.statusCode() != status) {
            throw new IllegalStateException(answer.request().method() + " " + answer.uri() + " → " + answer.statusCode() + " " + answer.body());
        }
        return answer.body();
    }

    private static String match(Pattern pattern, String text) {
        Matcher matcher = pattern.matcher(text);
        if (!matcher.find()) {
            throw new IllegalStateException(pattern + " not in " + text);
        }
        return matcher.group(1);
    }

    private static long residentKilobytes(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", ""));
                }
            }
        } catch (IOException gone) {
            return 0;
        }
        return 0;
    }

    private static void sleepUntil(long nanos) {
        long wait = nanos - System.nanoTime();
        if (wait > 0) {
            try {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
