package io.backprop.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Multipart bodies for POST /datasets, written by hand so that fuzzing controls every byte. */
final class Uploads {

    static final String BOUNDARY = "fuzz-boundary-7d1f";

    private Uploads() {
    }

    /** A valid two-input, two-target data set of two rows; answers its id. */
    static String dataset() {
        HttpResponse<String> answer = upload(Map.of("file", new Part("data.json",
                "{ \"inputs\": [[0.05, 0.10], [0.2, 0.3]], \"targets\": [[0.01, 0.99], [0.5, 0.5]] }".getBytes(StandardCharsets.UTF_8))));
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(201);
        try {
            return Service.JSON.readTree(answer.body()).get("id").asText();
        } catch (java.io.IOException unreadable) {
            throw new AssertionError(unreadable);
        }
    }

    /** Posts the parts to POST /datasets. */
    static HttpResponse<String> upload(Map<String, Object> parts) {
        return upload("/datasets", parts);
    }

    /** Posts the parts: a {@link Part} as a file, anything else as a form field. */
    static HttpResponse<String> upload(String path, Map<String, Object> parts) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        parts.forEach((name, value) -> {
            String disposition = "form-data; name=\"" + name + "\"" + (value instanceof Part file ? "; filename=\"" + file.filename + "\"" : "");
            body.writeBytes(("--" + BOUNDARY + "\r\nContent-Disposition: " + disposition + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            body.writeBytes(value instanceof Part file ? file.content : String.valueOf(value).getBytes(StandardCharsets.UTF_8));
            body.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
        });
        body.writeBytes(("--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return Service.send("POST", path, "multipart/form-data; boundary=" + BOUNDARY, body.toByteArray());
    }

    record Part(String filename, byte[] content) {
    }
}
