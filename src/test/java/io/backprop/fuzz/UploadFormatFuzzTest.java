package io.backprop.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.backprop.fuzz.Uploads.Part;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * Every upload format gets mutated versions of a valid file: data sets as CSV (target columns or a
 * label column), JSON and IDX (plain and gzipped, damaged before or after compression), and model
 * imports as JSON export (body or file), safetensors and ONNX, each exported from a live network.
 * Bytes are damaged ({@link ByteMutations}), JSON files also structurally ({@link Mutations}), and one
 * form field in four gets an odd value. Never a 5xx, every answer within the bound, after a 4xx no
 * data set or network more or changed; a 201 made a resource that answers and can be deleted.
 * One property runs with a fixed seed, one with a fresh seed (jqwik prints it when a try fails).
 */
class UploadFormatFuzzTest {

    private static final String NETWORK = """
            { "name": "upload-fuzz", "inputs": 4, "dtype": "float32", "loss": "cross_entropy",
              "layers": [ { "units": 3, "activation": "tanh" }, { "units": 3, "activation": "softmax" } ],
              "init": { "scheme": "uniform", "seed": 7, "low": -1, "high": 1 },
              "optimizer": { "type": "adam", "learningRate": 0.01 } }""";
    private static final String TRAINING = "{ \"inputs\": [[0, 0.5, 1, 0.25], [1, 0, 0.5, 0.75]], \"targets\": [[1, 0, 0], [0, 0, 1]], \"epochs\": 2 }";
    private static final String CSV_TARGETS = "x1,x2,y1,y2\n0.05,0.10,0.01,0.99\n0.2,0.3,0.5,0.5\n-1.5,2e-3,1,0\n";
    private static final String CSV_LABELS = "x1,x2,label\n0.05,0.10,cat\n0.2,0.3,dog\n-1.5,2e-3,cat\n";
    private static final String JSON_DATASET = "{ \"inputs\": [[0.05, 0.10], [0.2, 0.3]], \"targets\": [[0.01, 0.99], [0.5, 0.5]] }";
    private static final int IMAGES = 4;
    private static final int SIDE = 2;
    private static final List<String> ODD_FIELD_VALUES = List.of("", "0", "-1", "NaN", "1e309", "abc", "true", "2147483648", "{",
            "{\"type\": \"adam\", \"learningRate\": -1}", "{\"type\": \"nope\"}", "x".repeat(300), "y1,y1", "label", "x1", "\u0000",
            "float16", "binary_cross_entropy", "{\"inputs\": 2, \"layers\": [], \"loss\": \"mse\", \"dtype\": \"float64\"}");
    private static final List<String> DATASET_FIELDS = List.of("name", "scale", "standardize", "classes", "targetColumns",
            "labelColumn", "dtype", "file", "images");
    private static final List<String> IMPORT_FIELDS = List.of("name", "loss", "optimizer", "network", "file");

    private static Map<Format, byte[]> seeds;

    /** What is uploaded, and where. */
    enum Format {
        CSV_TARGETS, CSV_LABELS, JSON_DATASET, IDX_IMAGES, IDX_LABELS, GZIPPED_IDX_IMAGES, GZIPPED_IDX_LABELS,
        EXPORT_JSON_BODY, EXPORT_JSON_FILE, SAFETENSORS, ONNX;

        boolean dataset() {
            return ordinal() <= GZIPPED_IDX_LABELS.ordinal();
        }

        boolean gzipped() {
            return this == GZIPPED_IDX_IMAGES || this == GZIPPED_IDX_LABELS;
        }

        boolean json() {
            return this == JSON_DATASET || this == EXPORT_JSON_BODY || this == EXPORT_JSON_FILE;
        }
    }

    @AfterContainer
    static void stop() {
        Service.stop();
    }

    @Property(tries = 450, seed = "20261202")
    void mutatedUploadsWithFixedSeedAreAnsweredSafely(@ForAll Format format, @ForAll("kinds") List<Integer> kinds, @ForAll long salt) {
        check(format, kinds, salt);
    }

    @Property(tries = 225)
    void mutatedUploadsWithRandomSeedAreAnsweredSafely(@ForAll Format format, @ForAll("kinds") List<Integer> kinds, @ForAll long salt) {
        check(format, kinds, salt);
    }

    @Provide
    Arbitrary<List<Integer>> kinds() {
        return Arbitraries.integers().between(0, ByteMutations.KINDS - 1).list().ofMinSize(1).ofMaxSize(3);
    }

    private static void check(Format format, List<Integer> kinds, long salt) {
        Map<Format, byte[]> valid = seeds();
        Random random = new Random(salt);
        String before = snapshot();
        Sent sent = send(format, mutated(format, valid, kinds, random), random.nextInt(4) == 0 ? random : null);
        HttpResponse<String> answer = sent.answer();
        Statistics.label("format").collect(format);
        Statistics.label("status").collect(answer.statusCode());

        String described = format + " " + sent.what() + " → " + answer.statusCode() + " " + abbreviated(answer.body());
        assertThat(answer.statusCode()).as(described).isLessThan(500);
        if (answer.statusCode() >= 400) {
            assertThat(answer.headers().firstValue("Content-Type")).as(described).hasValue("application/problem+json");
            assertThat(snapshot()).as("nothing changed after " + described).isEqualTo(before);
            return;
        }
        assertThat(answer.statusCode()).as(described).isEqualTo(201);
        String resource = (format.dataset() ? "/datasets/" : "/networks/") + read(answer.body()).get("id").asText();
        assertThat(Service.get(resource).get("id").asText()).as(described).isEqualTo(resource.substring(resource.lastIndexOf('/') + 1));
        assertThat(Service.send("DELETE", resource, null, null).statusCode()).as("DELETE " + resource).isEqualTo(204);
        assertThat(snapshot()).as("only the upload was added by " + described).isEqualTo(before);
    }

    private static byte[] mutated(Format format, Map<Format, byte[]> valid, List<Integer> kinds, Random random) {
        byte[] original = valid.get(format);
        if (format.json() && random.nextBoolean()) {
            List<Integer> structural = kinds.stream().map(kind -> kind % Mutations.KINDS).toList();
            return Mutations.apply(read(new String(original, StandardCharsets.UTF_8)), structural, random).getBytes(StandardCharsets.UTF_8);
        }
        if (format.gzipped() && random.nextBoolean()) {
            Format plain = format == Format.GZIPPED_IDX_IMAGES ? Format.IDX_IMAGES : Format.IDX_LABELS;
            return gzip(ByteMutations.apply(valid.get(plain), kinds, random));
        }
        return ByteMutations.apply(original, kinds, random);
    }

    private record Sent(String what, HttpResponse<String> answer) {
    }

    /** Sends the file as its format goes; {@code oddField}, when not null, picks a form field to give an odd value. */
    private static Sent send(Format format, byte[] content, Random oddField) {
        if (format == Format.EXPORT_JSON_BODY) {
            return new Sent(abbreviated(new String(content, StandardCharsets.UTF_8)),
                    Service.send("POST", "/networks/import", "application/json", content));
        }
        Map<String, Object> parts = new LinkedHashMap<>();
        switch (format) {
            case CSV_TARGETS -> {
                parts.put("file", new Part("data.csv", content));
                parts.put("targetColumns", "y1,y2");
            }
            case CSV_LABELS -> {
                parts.put("file", new Part("data.csv", content));
                parts.put("labelColumn", "label");
            }
            case JSON_DATASET -> parts.put("file", new Part("data.json", content));
            case IDX_IMAGES, IDX_LABELS, GZIPPED_IDX_IMAGES, GZIPPED_IDX_LABELS -> {
                boolean images = format == Format.IDX_IMAGES || format == Format.GZIPPED_IDX_IMAGES;
                String suffix = format.gzipped() ? ".gz" : "";
                Map<Format, byte[]> valid = seeds();
                parts.put("images", new Part("images-idx3-ubyte" + suffix, images ? content
                        : valid.get(format.gzipped() ? Format.GZIPPED_IDX_IMAGES : Format.IDX_IMAGES)));
                parts.put("labels", new Part("labels-idx1-ubyte" + suffix, !images ? content
                        : valid.get(format.gzipped() ? Format.GZIPPED_IDX_LABELS : Format.IDX_LABELS)));
                parts.put("scale", "255");
            }
            case EXPORT_JSON_FILE -> parts.put("file", new Part("model.json", content));
            case SAFETENSORS -> parts.put("file", new Part("model.safetensors", content));
            default -> parts.put("file", new Part("model.onnx", content));
        }
        String field = null;
        if (oddField != null) {
            List<String> fields = format.dataset() ? DATASET_FIELDS : IMPORT_FIELDS;
            field = fields.get(oddField.nextInt(fields.size()));
            parts.put(field, ODD_FIELD_VALUES.get(oddField.nextInt(ODD_FIELD_VALUES.size())));
        }
        String what = content.length + " bytes" + (field == null ? "" : ", field " + field + "=" + abbreviated(String.valueOf(parts.get(field))));
        return new Sent(what, Uploads.upload(format.dataset() ? "/datasets" : "/networks/import", parts));
    }

    /** The data sets, networks and jobs held: what an upload could change. */
    private static String snapshot() {
        return Service.get("/datasets").toString() + Service.get("/networks") + Service.get("/jobs");
    }

    private static synchronized Map<Format, byte[]> seeds() {
        if (seeds == null) {
            Service.reset();
            String network = Service.create("/networks", NETWORK);
            HttpResponse<String> trained = Service.send("POST", "/networks/" + network + "/train", "application/json",
                    TRAINING.getBytes(StandardCharsets.UTF_8));
            assertThat(trained.statusCode()).as(trained.body()).isEqualTo(200);
            Map<Format, byte[]> files = new EnumMap<>(Format.class);
            files.put(Format.CSV_TARGETS, CSV_TARGETS.getBytes(StandardCharsets.UTF_8));
            files.put(Format.CSV_LABELS, CSV_LABELS.getBytes(StandardCharsets.UTF_8));
            files.put(Format.JSON_DATASET, JSON_DATASET.getBytes(StandardCharsets.UTF_8));
            files.put(Format.IDX_IMAGES, images());
            files.put(Format.IDX_LABELS, labels());
            files.put(Format.GZIPPED_IDX_IMAGES, gzip(images()));
            files.put(Format.GZIPPED_IDX_LABELS, gzip(labels()));
            byte[] export = Service.download("/networks/" + network + "/export?format=json");
            files.put(Format.EXPORT_JSON_BODY, export);
            files.put(Format.EXPORT_JSON_FILE, export);
            files.put(Format.SAFETENSORS, Service.download("/networks/" + network + "/export?format=safetensors"));
            files.put(Format.ONNX, Service.download("/networks/" + network + "/export?format=onnx"));
            seeds = files;
            for (Format format : Format.values()) {
                HttpResponse<String> answer = send(format, files.get(format), null).answer();
                assertThat(answer.statusCode()).as("the valid %s file is taken: %s", format, answer.body()).isEqualTo(201);
            }
            Service.reset();
            for (JsonNode dataset : Service.get("/datasets")) {
                Service.send("DELETE", "/datasets/" + dataset.get("id").asText(), null, null);
            }
        }
        return seeds;
    }

    /** IDX images: magic 0x00000803 (unsigned bytes, three dimensions), count, rows, columns, then the pixels. */
    private static byte[] images() {
        ByteBuffer idx = ByteBuffer.allocate(16 + IMAGES * SIDE * SIDE).putInt(0x803).putInt(IMAGES).putInt(SIDE).putInt(SIDE);
        for (int i = 0; i < IMAGES * SIDE * SIDE; i++) {
            idx.put((byte) (i * 37));
        }
        return idx.array();
    }

    /** IDX labels: magic 0x00000801 (unsigned bytes, one dimension), count, then one class per image. */
    private static byte[] labels() {
        return ByteBuffer.allocate(8 + IMAGES).putInt(0x801).putInt(IMAGES).put(new byte[] {0, 2, 1, 2}).array();
    }

    private static byte[] gzip(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(bytes);
        } catch (IOException impossible) {
            throw new AssertionError(impossible);
        }
        return out.toByteArray();
    }

    private static JsonNode read(String json) {
        try {
            return Service.JSON.readTree(json);
        } catch (IOException unreadable) {
            throw new AssertionError(unreadable);
        }
    }

    private static String abbreviated(String text) {
        return text.length() <= 400 ? text : text.substring(0, 400) + "… (" + text.length() + " chars)";
    }
}
