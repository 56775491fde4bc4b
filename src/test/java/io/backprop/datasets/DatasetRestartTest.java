package io.backprop.datasets;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.backprop.BackpropApplication;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.web.client.RestTemplateBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** Data sets come back after a restart: same descriptions, matrices bit for bit, read from the store on first use. */
class DatasetRestartTest {

    @TempDir
    Path directory;

    private ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(BackpropApplication.class)
                .run("--server.port=0", "--spring.datasource.url=jdbc:sqlite:" + directory.resolve("backprop.db"));
    }

    private static TestRestTemplate http(ConfigurableApplicationContext context) {
        return new TestRestTemplate(new RestTemplateBuilder().rootUri("http://localhost:"
                + context.getEnvironment().getProperty("local.server.port")));
    }

    @Test
    void dataSetsComeBackBitForBitAfterARestart() {
        String csv = "a,b,label\n0.1,0.7,cat\n0.2,1e-9,dog\n-3.5,2,cat\n";
        String id;
        JsonNode described;
        INDArray x;
        INDArray y;
        try (ConfigurableApplicationContext first = start()) {
            TestRestTemplate http = http(first);
            id = new Uploads(http).uploadId(Map.of("file", Uploads.text(csv), "labelColumn", "label", "standardize", true,
                    "scale", 3, "name", "pets"));
            new Uploads(http).uploadId(Map.of("file", Uploads.text("u,v\n1,2\n"), "targetColumns", "v", "dtype", "float64"));
            described = http.getForObject("/datasets/" + id, JsonNode.class);
            Dataset held = first.getBean(DatasetRegistry.class).get(id);
            x = held.x().dup();
            y = held.y().dup();
        }
        try (ConfigurableApplicationContext second = start()) {
            TestRestTemplate http = http(second);
            assertThat(http.getForObject("/datasets/" + id, JsonNode.class)).isEqualTo(described);
            assertThat(http.getForObject("/datasets", JsonNode.class).size()).isEqualTo(2);
            Dataset loaded = second.getBean(DatasetRegistry.class).get(id);
            assertThat(loaded.x().shapeInfoToString()).isEqualTo(x.shapeInfoToString());
            assertThat(loaded.x().data().asBytes()).as("bit for bit").isEqualTo(x.data().asBytes());
            assertThat(loaded.y().data().asBytes()).isEqualTo(y.data().asBytes());
        }
    }
}
