package io.backprop.network;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.backprop.store.FailingStore;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.annotation.Import;
import org.springframework.http.ResponseEntity;

/** A network change the store refuses is a 503 and leaves the network exactly as it was. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(FailingStore.Configuration.class)
class NetworkDurabilityTest {

    @Autowired
    private TestRestTemplate http;

    @Autowired
    private FailingStore store;

    @AfterEach
    void heal() {
        store.heal();
    }

    @Test
    void everyChangeTheStoreRefusesIsA503AndChangesNothing() {
        Api api = new Api(http);
        String id = api.create(Api.MAZUR);
        api.post("/networks/" + id + "/train", "{ " + Api.MAZUR_SAMPLE + ", \"epochs\": 2 }");
        List<String> views = List.of("/networks/" + id, "/networks/" + id + "/parameters", "/networks/" + id + "/optimizer",
                "/networks/" + id + "/history");
        List<JsonNode> before = views.stream().map(path -> api.get(path).getBody()).toList();

        store.failEverything();
        List<ResponseEntity<JsonNode>> refused = List.of(
                api.post("/networks/" + id + "/train", "{ " + Api.MAZUR_SAMPLE + ", \"epochs\": 3 }"),
                api.post("/networks/" + id + "/backprop", "{ " + Api.MAZUR_SAMPLE + " }"),
                api.put("/networks/" + id + "/parameters", "{ \"layers\": [ { \"weights\": [[1, 2], [3, 4]], \"biases\": [0, 0] }, "
                        + "{ \"weights\": [[1, 2], [3, 4]], \"biases\": [0, 0] } ] }"),
                api.put("/networks/" + id + "/optimizer", "{ \"optimizer\": { \"type\": \"adam\" } }"),
                api.delete("/networks/" + id),
                api.post("/networks", Api.MAZUR));
        store.heal();

        for (ResponseEntity<JsonNode> answer : refused) {
            assertThat(answer.getStatusCode().value()).as("%s", answer.getBody()).isEqualTo(503);
            assertThat(answer.getBody().get("type").asText()).isEqualTo("urn:backprop:problem:store-unavailable");
        }
        assertThat(views.stream().map(path -> api.get(path).getBody()).toList()).isEqualTo(before);
        assertThat(api.get("/networks").getBody().size()).isEqualTo(1);
        assertThat(api.post("/networks/" + id + "/backprop", "{ " + Api.MAZUR_SAMPLE + " }").getStatusCode().value()).isEqualTo(200);
    }
}
