package io.backprop.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;

/** Quotas and the request rate of a key: exceeded is a 429 naming the quota (rate: with Retry-After), and nothing changes. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "backprop.security.mode=keys", "backprop.security.bootstrap-key=" + QuotaTest.ADMIN})
class QuotaTest {

    static final String ADMIN = "quota-test-admin-key-0123";

    @Autowired
    private TestRestTemplate http;

    private Client tenant(String quotas) {
        Client admin = new Client(http, ADMIN);
        return admin.as(admin.issue("{ \"name\": \"limited\", \"quotas\": " + quotas + " }"));
    }

    @Test
    void networkBeyondMaxNetworksIsRefusedNamingTheQuota() {
        Client tenant = tenant("{ \"maxNetworks\": 2 }");
        tenant.network(Client.SMALL_NETWORK);
        tenant.network(Client.SMALL_NETWORK);

        ResponseEntity<JsonNode> third = tenant.post("/networks", Client.SMALL_NETWORK);

        assertThat(third.getStatusCode().value()).isEqualTo(429);
        assertThat(third.getBody().get("detail").asText()).contains("maxNetworks");
        assertThat(tenant.get("/networks").getBody().size()).isEqualTo(2);
        assertThat(tenant(" { \"maxNetworks\": 2 }").post("/networks", Client.SMALL_NETWORK).getStatusCode().value()).isEqualTo(201);
    }

    @Test
    void concurrentCreatesStopExactlyAtMaxNetworks() throws Exception {
        Client tenant = tenant("{ \"maxNetworks\": 5 }");
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                Callable<Integer> create = () -> tenant.post("/networks", Client.SMALL_NETWORK).getStatusCode().value();
                answers.add(threads.submit(create));
            }
            int created = 0;
            for (Future<Integer> answer : answers) {
                int status = answer.get();
                assertThat(status).isIn(201, 429);
                created += status == 201 ? 1 : 0;
            }
            assertThat(created).isEqualTo(5);
            assertThat(tenant.get("/networks").getBody().size()).isEqualTo(5);
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void parametersBeyondMaxParametersAreRefused() {
        Client tenant = tenant("{ \"maxParameters\": 10 }");
        tenant.network(Client.SMALL_NETWORK);

        ResponseEntity<JsonNode> second = tenant.post("/networks", Client.SMALL_NETWORK);

        assertThat(second.getStatusCode().value()).isEqualTo(429);
        assertThat(second.getBody().get("detail").asText()).contains("maxParameters");
    }

    @Test
    void dataSetBeyondMaxDatasetBytesIsRefused() {
        Client tenant = tenant("{ \"maxDatasetBytes\": 20 }");

        ResponseEntity<JsonNode> upload = Uploads.json(http, tenant.key(),
                "{ \"inputs\": [[1, 2], [3, 4]], \"targets\": [[1], [0]] }");

        assertThat(upload.getStatusCode().value()).isEqualTo(429);
        assertThat(upload.getBody().get("detail").asText()).contains("maxDatasetBytes");
        assertThat(tenant.get("/datasets").getBody().size()).isZero();
        assertThat(Uploads.json(http, tenant.key(), "{ \"inputs\": [[1], [3]], \"targets\": [[1], [0]] }").getStatusCode().value())
                .isEqualTo(201);
    }

    @Test
    void jobBeyondMaxConcurrentJobsIsRefused() {
        Client tenant = tenant("{ \"maxConcurrentJobs\": 1 }");
        String dataset = Uploads.json(http, tenant.key(), "{ \"inputs\": [[0.1, 0.2]], \"targets\": [[1, 0]] }").getBody().get("id").asText();
        String first = tenant.network(Client.SMALL_NETWORK);
        String second = tenant.network(Client.SMALL_NETWORK);
        String job = "{ \"datasetId\": \"" + dataset + "\", \"epochs\": 100000000 }";
        assertThat(tenant.post("/networks/" + first + "/training-jobs", job).getStatusCode().value()).isEqualTo(202);

        ResponseEntity<JsonNode> refused = tenant.post("/networks/" + second + "/training-jobs", job);

        assertThat(refused.getStatusCode().value()).isEqualTo(429);
        assertThat(refused.getBody().get("detail").asText()).contains("maxConcurrentJobs");
        assertThat(tenant.get("/jobs").getBody().size()).isEqualTo(1);
        tenant.delete("/jobs/" + tenant.get("/jobs").getBody().get(0).get("id").asText());
    }

    @Test
    void requestsBeyondTheRateAreRefusedWithRetryAfter() {
        Client tenant = tenant("{ \"requestsPerSecond\": 3 }");
        int refused = 0;
        ResponseEntity<JsonNode> last = null;
        for (int i = 0; i < 10; i++) {
            ResponseEntity<JsonNode> answer = tenant.get("/keys/me");
            if (answer.getStatusCode().value() == 429) {
                refused++;
                last = answer;
            } else {
                assertThat(answer.getStatusCode().value()).isEqualTo(200);
            }
        }

        assertThat(refused).isBetween(5, 7);
        assertThat(Integer.parseInt(last.getHeaders().getFirst(HttpHeaders.RETRY_AFTER))).isBetween(1, 2);
        assertThat(last.getBody().get("detail").asText()).contains("requestsPerSecond");
        assertThat(new Client(http, ADMIN).get("/keys/me").getStatusCode().value()).isEqualTo(200);
    }
}
