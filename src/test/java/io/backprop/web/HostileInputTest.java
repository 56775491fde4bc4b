package io.backprop.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Hostile bodies are refused quickly with a 4xx problem: compression bombs, odd multipart, deep or huge JSON. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class HostileInputTest {

    private static final Duration BOUND = Duration.ofSeconds(10);
    private static final String BOUNDARY = "hostile-boundary";

    @LocalServerPort
    private int port;

    @Autowired
    private ObjectMapper objectMapper;

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(BOUND).build();

    private HttpResponse<String> post(String path, String contentType, byte[] body) throws Exception {
        long start = System.nanoTime();
        HttpResponse<String> answer = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(BOUND).header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(BOUND);
        return answer;
    }

    private HttpResponse<String> multipart(byte[] body) throws Exception {
        return post("/datasets", "multipart/form-data; boundary=" + BOUNDARY, body);
    }

    private static byte[] part(String disposition, byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(("--" + BOUNDARY + "\r\nContent-Disposition: " + disposition + "\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(content);
        out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    private static byte[] end() {
        return ("--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] concat(byte[]... pieces) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] piece : pieces) {
            out.writeBytes(piece);
        }
        return out.toByteArray();
    }

    /** An IDX file of {@code count} items of {@code dimensions} unsigned bytes, all zero, gzip-compressed. */
    private static byte[] gzippedIdx(int count, int[] dimensions, long zeros) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
            ByteBuffer header = ByteBuffer.allocate(8 + 4 * dimensions.length);
            header.put((byte) 0).put((byte) 0).put((byte) 0x08).put((byte) (dimensions.length + 1)).putInt(count);
            for (int dimension : dimensions) {
                header.putInt(dimension);
            }
            gzip.write(header.array());
            byte[] block = new byte[1 << 16];
            for (long written = 0; written < zeros; written += block.length) {
                gzip.write(block);
            }
        }
        return bytes.toByteArray();
    }

    @Test
    void gzipBombIsTooLargeWithoutInflatingIt() throws Exception {
        byte[] labels = gzippedIdx(60_000, new int[0], 60_000);
        byte[] images = gzippedIdx(60_000, new int[] {2_000, 2_000}, 64L << 20);
        assertThat(images.length).isLessThan(200_000);

        HttpResponse<String> answer = multipart(concat(part("form-data; name=\"images\"; filename=\"images.gz\"", images),
                part("form-data; name=\"labels\"; filename=\"labels.gz\"", labels), end()));

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(413);
        assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(answer.body()).contains("max-dataset-bytes");
    }

    @Test
    void multipartWithThousandsOfPartsIsRefused() throws Exception {
        byte[][] parts = new byte[5_001][];
        for (int i = 0; i < 5_000; i++) {
            parts[i] = part("form-data; name=\"name\"", "x".getBytes(StandardCharsets.US_ASCII));
        }
        parts[5_000] = end();

        HttpResponse<String> answer = multipart(concat(parts));

        assertThat(answer.statusCode()).as(answer.body()).isIn(400, 413);
        assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    }

    @Test
    void partWithoutNameIsRefused() throws Exception {
        HttpResponse<String> answer = multipart(concat(part("form-data; filename=\"data.csv\"",
                "a,b\n1,2\n".getBytes(StandardCharsets.US_ASCII)), end()));

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(400);
        assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    }

    @Test
    void aFileOpeningWithMoreBlankSpaceThanIsSniffedIsReadAsCsv() throws Exception {
        HttpResponse<String> answer = multipart(concat(part("form-data; name=\"file\"; filename=\"data.csv\"",
                (" \n".repeat(10_000) + "{ \"inputs\": [[1, 2]] }\n").getBytes(StandardCharsets.US_ASCII)), end()));

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(400);
        assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    }

    @Test
    void boundaryThatNeverEndsIsRefused() throws Exception {
        HttpResponse<String> answer = multipart(part("form-data; name=\"file\"; filename=\"data.csv\"",
                "a,b\n1,2\n3,4\n".repeat(1000).getBytes(StandardCharsets.US_ASCII)));

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(400);
        assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    }

    @Test
    void deeplyNestedJsonIsRefused() throws Exception {
        String body = "{ \"inputs\": " + "[".repeat(100_000) + "]".repeat(100_000) + " }";

        HttpResponse<String> answer = post("/networks/none/predict", "application/json", body.getBytes(StandardCharsets.US_ASCII));

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(400);
    }

    @Test
    void jsonReaderLimitsArePinned() {
        String deep = "[".repeat(JsonLimits.MAX_NESTING_DEPTH + 1) + "]".repeat(JsonLimits.MAX_NESTING_DEPTH + 1);
        String longNumber = "1".repeat(JsonLimits.MAX_NUMBER_LENGTH + 1);

        assertThatThrownBy(() -> objectMapper.readTree(deep)).isInstanceOf(StreamConstraintsException.class)
                .hasMessageContaining("nesting depth");
        assertThatThrownBy(() -> objectMapper.readValue(longNumber, java.math.BigDecimal.class))
                .isInstanceOf(StreamConstraintsException.class).hasMessageContaining("Number value length");
        assertThat(objectMapper.getFactory().streamReadConstraints().getMaxStringLength()).isEqualTo(JsonLimits.MAX_STRING_LENGTH);
    }

    @Test
    void hugeNumberIsRefused() throws Exception {
        String body = "{ \"inputs\": 2, \"layers\": [ { \"units\": 1" + "0".repeat(100_000) + " } ] }";

        HttpResponse<String> answer = post("/networks", "application/json", body.getBytes(StandardCharsets.US_ASCII));

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(400);
    }

    @Test
    void hugeStringIsRefused() throws Exception {
        String body = "{ \"name\": \"" + "x".repeat(2_000_000) + "\", \"inputs\": 2, \"layers\": [ { \"units\": 1 } ] }";

        HttpResponse<String> answer = post("/networks", "application/json", body.getBytes(StandardCharsets.US_ASCII));

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(400);
        assertThat(answer.body()).contains("length");
    }
}
