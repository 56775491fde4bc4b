package io.backprop.network;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;

/**
 * A one-row prediction, which runs on a copy of the parameters kept between calls, answers from
 * the parameters as they are after every kind of change: an applied backprop step, training, and
 * replaced parameters. Each time it equals the same row predicted among three, which reads the
 * parameters themselves (both sum in float64 in the same order, so they agree to the bit).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PredictionsFollowTheParametersTest {

    private static final String ROW = "[0.05, 0.10]";

    @Autowired
    private TestRestTemplate http;

    @Test
    void oneRowPredictionsFollowEveryChange() {
        Api api = new Api(http);
        String id = api.create(Api.MAZUR);
        JsonNode first = predictOneRow(api, id);

        api.post("/networks/" + id + "/backprop", "{" + Api.MAZUR_SAMPLE + ", \"learningRate\": 0.5}");
        JsonNode afterBackprop = predictOneRow(api, id);
        api.post("/networks/" + id + "/train", "{" + Api.MAZUR_SAMPLE + ", \"epochs\": 3}");
        JsonNode afterTraining = predictOneRow(api, id);
        api.put("/networks/" + id + "/parameters", """
                { "layers": [ { "weights": [[0.1, 0.2], [0.3, 0.4]], "biases": [0.5, 0.6] },
                              { "weights": [[0.7, 0.8], [0.9, 1.0]], "biases": [1.1, 1.2] } ] }""");
        JsonNode afterReplacement = predictOneRow(api, id);

        assertThat(afterBackprop).isNotEqualTo(first);
        assertThat(afterTraining).isNotEqualTo(afterBackprop);
        assertThat(afterReplacement).isNotEqualTo(afterTraining);
    }

    /** The row's outputs predicted alone, after checking them against the same row predicted among three. */
    private static JsonNode predictOneRow(Api api, String id) {
        JsonNode alone = api.post("/networks/" + id + "/predict", "{\"inputs\": [" + ROW + "]}").getBody().get("outputs").get(0);
        JsonNode amongThree = api.post("/networks/" + id + "/predict", "{\"inputs\": [[1, 2], " + ROW + ", [3, 4]]}").getBody()
                .get("outputs").get(1);
        assertThat(alone).isEqualTo(amongThree);
        return alone;
    }
}
