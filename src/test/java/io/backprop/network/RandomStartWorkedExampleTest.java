package io.backprop.network;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;

/**
 * Worked example 5: a 2-2-1 sigmoid network from random initial weights, x = [0.5, 0.1], target
 * 0.6 — forward, loss, backward, update, repeat — reproducible with an init seed.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class RandomStartWorkedExampleTest {

    private static final String NETWORK = """
            { "inputs": 2, "dtype": "float64", "init": { "scheme": "uniform", "low": -1, "high": 1, "seed": 2024 },
              "layers": [ { "units": 2, "activation": "sigmoid" }, { "units": 1, "activation": "sigmoid" } ],
              "optimizer": { "type": "sgd", "learningRate": 0.5 } }""";
    private static final String SAMPLE = "{ \"inputs\": [[0.5, 0.1]], \"targets\": [[0.6]] }";

    @Autowired
    private TestRestTemplate http;

    @Test
    void repeatedStepsFromARandomStartReduceTheLossReproducibly() {
        Api api = new Api(http);
        String first = api.create(NETWORK);
        String second = api.create(NETWORK);

        double previous = Double.POSITIVE_INFINITY;
        for (int step = 0; step < 20; step++) {
            JsonNode a = api.post("/networks/" + first + "/backprop", SAMPLE).getBody();
            JsonNode b = api.post("/networks/" + second + "/backprop", SAMPLE).getBody();
            assertThat(a.get("loss").asDouble()).isLessThan(previous).isEqualTo(b.get("loss").asDouble());
            previous = a.get("loss").asDouble();
        }
        JsonNode predicted = api.post("/networks/" + first + "/predict", "{ \"inputs\": [[0.5, 0.1]] }").getBody();
        assertThat(Math.abs(predicted.at("/outputs/0/0").asDouble() - 0.6)).isLessThan(0.05);
        assertThat(api.get("/networks/" + first + "/parameters").getBody()).isEqualTo(api.get("/networks/" + second + "/parameters").getBody());
    }
}
