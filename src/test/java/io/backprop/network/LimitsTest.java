package io.backprop.network;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.backprop.datasets.Uploads;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.ResponseEntity;
import org.springframework.test.annotation.DirtiesContext;

/**
 * Each configured limit, once reached, answers with its own problem status naming its property,
 * and the refused request changes nothing.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "backprop.limits.max-networks=3",
    "backprop.limits.max-parameters-per-network=100",
    "backprop.limits.max-total-parameters=40",
    "backprop.limits.max-layers=3",
    "backprop.limits.max-rows-per-request=3",
    "backprop.limits.max-request-size=2KB",
    "backprop.limits.max-sample-epochs-per-call=20",
    "backprop.limits.max-gradient-check-parameters=10",
    "backprop.limits.max-datasets=2",
    "backprop.limits.max-dataset-bytes=100B",
    "backprop.limits.max-total-dataset-bytes=150B",
    "backprop.limits.max-history-epochs=5"
})
@DirtiesContext
class LimitsTest {

    /** 2 inputs, 8 and 2 units: 24 + 18 = 42 parameters, over the total of 40 next to a 2-2-2 network's 12. */
    private static final String FORTY_TWO_PARAMETERS = """
            { "inputs": 2, "layers": [ { "units": 8, "activation": "tanh" }, { "units": 2, "activation": "sigmoid" } ] }""";

    @Autowired
    private TestRestTemplate http;

    private Api api;

    @BeforeEach
    void startEmpty() {
        api = new Api(http);
        api.get("/networks").getBody().forEach(network -> api.delete("/networks/" + network.get("id").asText()));
        api.get("/datasets").getBody().forEach(dataset -> api.delete("/datasets/" + dataset.get("id").asText()));
    }

    @Test
    void aNetworkBeyondMaxNetworksIs429AndNotCreated() {
        for (int n = 0; n < 3; n++) {
            api.create(Api.MAZUR);
        }
        JsonNode before = api.get("/networks").getBody();

        assertLimit(api.post("/networks", Api.MAZUR), 429, "backprop.limits.max-networks");
        assertThat(api.get("/networks").getBody()).isEqualTo(before);
    }

    @Test
    void aNetworkOverMaxParametersPerNetworkIs422AndNotCreated() {
        assertLimit(api.post("/networks", """
                { "inputs": 10, "layers": [ { "units": 10, "activation": "relu" } ] }"""), 422,
                "backprop.limits.max-parameters-per-network");
        assertThat(api.get("/networks").getBody()).isEmpty();
    }

    @Test
    void aNetworkOverMaxTotalParametersIs429AndNotCreated() {
        api.create(Api.MAZUR);
        JsonNode before = api.get("/networks").getBody();

        assertLimit(api.post("/networks", FORTY_TWO_PARAMETERS), 429, "backprop.limits.max-total-parameters");
        assertThat(api.get("/networks").getBody()).isEqualTo(before);
    }

    @Test
    void aNetworkOverMaxLayersIs422AndNotCreated() {
        assertLimit(api.post("/networks", """
                { "inputs": 1, "layers": [ { "units": 1, "activation": "tanh" }, { "units": 1, "activation": "tanh" },
                  { "units": 1, "activation": "tanh" }, { "units": 1, "activation": "tanh" } ] }"""), 422,
                "backprop.limits.max-layers");
        assertThat(api.get("/networks").getBody()).isEmpty();
    }

    @Test
    void moreRowsThanMaxRowsPerRequestIs413AndTrainsNothing() {
        String id = api.create(Api.MAZUR);
        JsonNode parameters = api.get("/networks/" + id + "/parameters").getBody();

        assertLimit(api.post("/networks/" + id + "/predict", "{\"inputs\": [[1, 2], [1, 2], [1, 2], [1, 2]]}"), 413,
                "backprop.limits.max-rows-per-request");
        assertLimit(api.post("/networks/" + id + "/train", "{\"inputs\": [[1, 2], [1, 2], [1, 2], [1, 2]], "
                + "\"targets\": [[0, 1], [0, 1], [0, 1], [0, 1]]}"), 413, "backprop.limits.max-rows-per-request");
        assertUnchanged(id, parameters);
    }

    @Test
    void aBodyOverMaxRequestSizeIs413AndTrainsNothing() {
        String id = api.create(Api.MAZUR);
        JsonNode parameters = api.get("/networks/" + id + "/parameters").getBody();

        assertLimit(api.post("/networks/" + id + "/train", "{" + Api.MAZUR_SAMPLE + "," + " ".repeat(2048) + "\"epochs\": 1}"), 413,
                "backprop.limits.max-request-size");
        assertUnchanged(id, parameters);
    }

    @Test
    void aTrainCallOverMaxSampleEpochsPerCallIs422AndTrainsNothing() {
        String id = api.create(Api.MAZUR);
        JsonNode parameters = api.get("/networks/" + id + "/parameters").getBody();

        assertThat(api.post("/networks/" + id + "/train", "{" + Api.MAZUR_SAMPLE + ", \"epochs\": 20}").getStatusCode().value())
                .isEqualTo(200);
        JsonNode trained = api.get("/networks/" + id + "/parameters").getBody();
        assertThat(trained).isNotEqualTo(parameters);
        assertLimit(api.post("/networks/" + id + "/train", "{" + Api.MAZUR_SAMPLE + ", \"epochs\": 21}"), 422,
                "backprop.limits.max-sample-epochs-per-call");
        assertThat(api.get("/networks/" + id + "/parameters").getBody()).isEqualTo(trained);
        assertThat(api.get("/networks/" + id).getBody().get("stepsTrained").asLong()).isEqualTo(20);
    }

    @Test
    void aJobOverAHundredTimesMaxSampleEpochsPerCallIs422AndNotQueued() {
        String id = api.create(Api.MAZUR);
        JsonNode parameters = api.get("/networks/" + id + "/parameters").getBody();
        String data = new Uploads(http).uploadId(Map.of("file",
                Uploads.text("{ \"inputs\": [[0.05, 0.10], [0.3, 0.7]], \"targets\": [[0.01, 0.99], [0.5, 0.5]] }")));

        assertLimit(api.post("/networks/" + id + "/training-jobs", "{ \"datasetId\": \"" + data + "\", \"epochs\": 1001 }"), 422,
                "100 × backprop.limits.max-sample-epochs-per-call");
        assertThat(api.get("/jobs").getBody()).isEmpty();
        assertUnchanged(id, parameters);
    }

    @Test
    void aGradientCheckOverMaxGradientCheckParametersIs422() {
        String id = api.create(Api.MAZUR);
        JsonNode parameters = api.get("/networks/" + id + "/parameters").getBody();

        assertLimit(api.post("/networks/" + id + "/gradient-check", "{" + Api.MAZUR_SAMPLE + "}"), 422,
                "backprop.limits.max-gradient-check-parameters");
        assertUnchanged(id, parameters);
    }

    @Test
    void aDatasetBeyondMaxDatasetsIs429AndNotStored() {
        Uploads uploads = new Uploads(http);
        uploads.uploadId(csv(2));
        uploads.uploadId(csv(2));
        JsonNode before = api.get("/datasets").getBody();

        assertLimit(uploads.upload(csv(2)), 429, "backprop.limits.max-datasets");
        assertThat(api.get("/datasets").getBody()).isEqualTo(before);
    }

    @Test
    void aDatasetOverMaxDatasetBytesIs413AndNotStored() {
        Uploads uploads = new Uploads(http);
        assertThat(uploads.upload(csv(8)).getBody().get("bytes").asLong()).isEqualTo(96);
        JsonNode before = api.get("/datasets").getBody();

        assertLimit(uploads.upload(csv(9)), 413, "backprop.limits.max-dataset-bytes");
        assertThat(api.get("/datasets").getBody()).isEqualTo(before);
    }

    @Test
    void datasetsOverMaxTotalDatasetBytesIs413AndNotStored() {
        Uploads uploads = new Uploads(http);
        uploads.uploadId(csv(8));
        JsonNode before = api.get("/datasets").getBody();

        assertLimit(uploads.upload(csv(5)), 413, "backprop.limits.max-total-dataset-bytes");
        assertThat(api.get("/datasets").getBody()).isEqualTo(before);
        assertThat(uploads.upload(csv(4)).getStatusCode().value()).isEqualTo(201);
    }

    @Test
    void historyKeepsTheLastMaxHistoryEpochs() {
        String id = api.create(Api.MAZUR);
        api.post("/networks/" + id + "/train", "{" + Api.MAZUR_SAMPLE + ", \"epochs\": 8}");

        JsonNode history = api.get("/networks/" + id + "/history").getBody();
        assertThat(history).hasSize(5);
        assertThat(history).extracting(epoch -> epoch.get("epoch").asLong()).containsExactly(4L, 5L, 6L, 7L, 8L);
        assertThat(api.get("/networks/" + id).getBody().get("epochsTrained").asLong()).isEqualTo(8);
    }

    /** A CSV of {@code rows} rows of two inputs and one target: rows × 3 float32 values, 12 bytes a row. */
    private static Map<String, Object> csv(int rows) {
        StringBuilder csv = new StringBuilder("a,b,y\n");
        for (int r = 0; r < rows; r++) {
            csv.append(r).append(",").append(r + 1).append(",").append(r % 2).append("\n");
        }
        return Map.of("file", Uploads.text(csv.toString()), "targetColumns", "y");
    }

    private void assertUnchanged(String id, JsonNode parameters) {
        assertThat(api.get("/networks/" + id + "/parameters").getBody()).isEqualTo(parameters);
        JsonNode description = api.get("/networks/" + id).getBody();
        assertThat(description.get("stepsTrained").asLong()).isZero();
        assertThat(description.get("epochsTrained").asLong()).isZero();
        assertThat(api.get("/networks/" + id + "/history").getBody()).isEmpty();
    }

    private static void assertLimit(ResponseEntity<JsonNode> response, int status, String property) {
        assertThat(response.getStatusCode().value()).as("%s", response.getBody()).isEqualTo(status);
        assertThat(response.getHeaders().getContentType()).hasToString("application/problem+json");
        assertThat(response.getBody().get("detail").asText()).contains(property);
    }
}
