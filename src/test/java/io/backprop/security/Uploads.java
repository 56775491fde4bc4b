package io.backprop.security;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/** Data-set uploads under a key. */
final class Uploads {

    private Uploads() {
    }

    /** Uploads {@code content} as a JSON data set file under {@code key}. */
    static ResponseEntity<JsonNode> json(TestRestTemplate http, String key, String content) {
        MultiValueMap<String, Object> parts = new LinkedMultiValueMap<>();
        HttpHeaders fileHeaders = new HttpHeaders();
        fileHeaders.setContentType(MediaType.APPLICATION_JSON);
        parts.add("file", new HttpEntity<>(new ByteArrayResource(content.getBytes(StandardCharsets.UTF_8)) {
            @Override
            public String getFilename() {
                return "data.json";
            }
        }, fileHeaders));
        HttpHeaders headers = new HttpHeaders();
        headers.setBearerAuth(key);
        headers.setContentType(MediaType.MULTIPART_FORM_DATA);
        return http.postForEntity("/datasets", new HttpEntity<>(parts, headers), JsonNode.class);
    }
}
