package io.backprop.training;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.ResponseEntity;
import org.springframework.test.annotation.DirtiesContext;

/** A full job queue answers 429 and accepts again once there is room. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"backprop.jobs.threads=1", "backprop.jobs.queue-capacity=1"})
@DirtiesContext
class JobQueueLimitTest {

    @Autowired
    private TestRestTemplate http;

    @Test
    void fullQueueIsTooManyRequests() {
        Jobs jobs = new Jobs(http);
        String data = jobs.dataset(50, 6, false);
        String running = jobs.endless(jobs.network(), data);
        jobs.await(running, Jobs.status("running"));
        String queued = jobs.endless(jobs.network(), data);

        ResponseEntity<JsonNode> refused = jobs.submit(jobs.network(), "{ \"datasetId\": \"" + data + "\" }");
        jobs.cancel(queued);
        jobs.cancel(running);
        jobs.await(queued, Jobs.status("cancelled"));

        assertThat(refused.getStatusCode().value()).isEqualTo(429);
        assertThat(refused.getHeaders().getContentType()).hasToString("application/problem+json");
        assertThat(jobs.job(queued).get("step").asLong()).isZero();
        assertThat(jobs.submit(jobs.network(), "{ \"datasetId\": \"" + data + "\" }").getStatusCode().value()).isEqualTo(202);
    }
}
