package io.backprop.datasets;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/** Multipart uploads to POST /datasets for tests. */
public record Uploads(TestRestTemplate http) {

    /** Posts parts: byte[] values become files named after the part, anything else a form field. */
    public ResponseEntity<JsonNode> upload(Map<String, Object> parts) {
        MultiValueMap<String, Object> body = new LinkedMultiValueMap<>();
        parts.forEach((name, value) -> body.add(name, value instanceof byte[] bytes ? file(name, bytes) : String.valueOf(value)));
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.MULTIPART_FORM_DATA);
        return http.postForEntity("/datasets", new HttpEntity<>(body, headers), JsonNode.class);
    }

    public String uploadId(Map<String, Object> parts) {
        ResponseEntity<JsonNode> response = upload(parts);
        if (response.getStatusCode().value() != 201) {
            throw new AssertionError("upload failed: " + response.getBody());
        }
        return response.getBody().get("id").asText();
    }

    public static byte[] text(String content) {
        return content.getBytes(StandardCharsets.UTF_8);
    }

    private static HttpEntity<ByteArrayResource> file(String name, byte[] bytes) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_OCTET_STREAM);
        return new HttpEntity<>(new ByteArrayResource(bytes) {
            @Override
            public String getFilename() {
                return name + ".bin";
            }
        }, headers);
    }
}
