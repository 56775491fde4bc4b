package io.backprop.datasets;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.backprop.store.FailingStore;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

/** An upload or delete the store does not take is a 503 that changes nothing, in memory or in the store. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(FailingStore.Configuration.class)
class DatasetDurabilityTest {

    private static final String CSV = "x1,x2,y\n0.5,1.0,0.25\n1.5,-1.0,0.75\n";

    @Autowired
    private TestRestTemplate http;

    @Autowired
    private FailingStore store;

    @Autowired
    private JdbcClient jdbc;

    @AfterEach
    void heal() {
        store.heal();
    }

    @Test
    void anUploadTheStoreRefusesIsA503AndNothingIsHeld() {
        int before = http.getForObject("/datasets", JsonNode.class).size();
        for (int statements : new int[] {0, 1, 2, 3}) {
            store.failAfter(statements);
            ResponseEntity<JsonNode> refused = new Uploads(http).upload(Map.of("file", Uploads.text(CSV), "targetColumns", "y"));
            store.heal();

            assertThat(refused.getStatusCode().value()).as("failing after %d statements", statements).isEqualTo(503);
            assertThat(refused.getHeaders().getContentType().toString()).isEqualTo("application/problem+json");
            assertThat(refused.getBody().get("type").asText()).isEqualTo("urn:backprop:problem:store-unavailable");
            assertThat(http.getForObject("/datasets", JsonNode.class).size()).isEqualTo(before);
            assertThat(jdbc.sql("SELECT count(*) FROM datasets WHERE complete = 1").query(Integer.class).single())
                    .as("a row the failing store kept stays incomplete, and the next start removes it").isEqualTo(before);
        }
    }

    @Test
    void aDeleteTheStoreRefusesIsA503AndTheDataSetStays() {
        String id = new Uploads(http).uploadId(Map.of("file", Uploads.text(CSV), "targetColumns", "y"));
        store.failEverything();
        ResponseEntity<JsonNode> refused = http.exchange("/datasets/" + id, HttpMethod.DELETE, null, JsonNode.class);
        store.heal();

        assertThat(refused.getStatusCode().value()).isEqualTo(503);
        assertThat(http.getForEntity("/datasets/" + id, JsonNode.class).getStatusCode().value()).isEqualTo(200);
        assertThat(jdbc.sql("SELECT count(*) FROM datasets WHERE id = ?").param(id).query(Integer.class).single()).isEqualTo(1);

        assertThat(http.exchange("/datasets/" + id, HttpMethod.DELETE, null, JsonNode.class).getStatusCode().value()).isEqualTo(204);
        assertThat(jdbc.sql("SELECT count(*) FROM dataset_chunks WHERE dataset_id = ?").param(id).query(Integer.class).single()).isZero();
    }
}
