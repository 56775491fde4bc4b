package io.backprop.datasets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** Every upload format, every class of bad file, and training and evaluation by datasetId. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class DatasetUploadTest {

    private static final String CSV = """
            x1,x2,label,y
            0.5,1.0,1,0.25
            1.5,-1.0,0,0.75
            2.5,0.0,2,1.0
            """;

    @Autowired
    private TestRestTemplate http;

    private Uploads uploads() {
        return new Uploads(http);
    }

    @Test
    void csvWithTargetColumns() {
        JsonNode created = uploads().upload(Map.of("file", Uploads.text(CSV), "targetColumns", "y,label", "name", "csv")).getBody();

        assertThat(created.get("samples").asLong()).isEqualTo(3);
        assertThat(created.get("inputs").asInt()).isEqualTo(2);
        assertThat(created.get("outputs").asInt()).isEqualTo(2);
        assertThat(created.get("bytes").asLong()).isEqualTo(3 * 4 * 4);
        assertThat(created.has("classCounts")).isFalse();
        assertThat(http.getForObject("/datasets/" + created.get("id").asText(), JsonNode.class).get("name").asText()).isEqualTo("csv");
    }

    @Test
    void csvWithALabelColumnIsOneHotAndTrainsByDatasetId() {
        String id = uploads().uploadId(Map.of("file", Uploads.text(CSV.replace(",y", "").replaceAll(",[0-9.]+\n", "\n")),
                "labelColumn", "label", "classes", 4, "dtype", "float64", "standardize", true));
        JsonNode dataset = http.getForObject("/datasets/" + id, JsonNode.class);
        String network = create("{ \"inputs\": 2, \"dtype\": \"float64\", \"loss\": \"cross_entropy\", \"init\": {\"seed\": 3}, "
                + "\"layers\": [ { \"units\": 4, \"activation\": \"softmax\" } ], \"optimizer\": {\"type\": \"sgd\", \"learningRate\": 1} }");

        JsonNode trained = post("/networks/" + network + "/train", "{ \"datasetId\": \"" + id + "\", \"epochs\": 50 }").getBody();
        JsonNode evaluated = post("/networks/" + network + "/evaluate", "{ \"datasetId\": \"" + id + "\" }").getBody();

        assertThat(dataset.get("outputs").asInt()).isEqualTo(4);
        assertThat(dataset.get("classCounts").toString()).isEqualTo("[1,1,1,0]");
        assertThat(dataset.at("/standardization/mean/0").asDouble()).isCloseTo(1.5, within(1e-12));
        assertThat(dataset.at("/standardization/std/0").asDouble()).isCloseTo(Math.sqrt(2.0 / 3), within(1e-12));
        assertThat(trained.get("samples").asLong()).isEqualTo(150);
        assertThat(evaluated.get("samples").asLong()).isEqualTo(3);
        assertThat(evaluated.get("accuracy").asDouble()).isEqualTo(1.0);
    }

    @Test
    void csvWithNamedLabelsNumbersTheClassesInSortedOrder() {
        String csv = """
                petal,sepal,species
                1.4,5.1,setosa
                4.7,7.0,versicolor
                1.3,4.9,setosa
                6.0,6.3,virginica
                """;
        JsonNode created = uploads().upload(Map.of("file", Uploads.text(csv), "labelColumn", "species", "dtype", "float64")).getBody();
        String network = create("{ \"inputs\": 2, \"dtype\": \"float64\", \"loss\": \"cross_entropy\", \"layers\": [ { \"units\": 3, "
                + "\"activation\": \"softmax\", \"bias\": false, \"weights\": [[-1,1],[0,0.5],[1,0]] } ] }");
        JsonNode evaluated = post("/networks/" + network + "/evaluate", "{ \"datasetId\": \"" + created.get("id").asText() + "\" }")
                .getBody();

        assertThat(created.get("classNames").toString()).isEqualTo("[\"setosa\",\"versicolor\",\"virginica\"]");
        assertThat(created.get("classCounts").toString()).isEqualTo("[2,1,1]");
        assertThat(created.get("outputs").asInt()).isEqualTo(3);
        assertThat(evaluated.get("confusionMatrix").toString()).isEqualTo("[[2,0,0],[0,0,1],[0,0,1]]");
        assertBad(uploads().upload(Map.of("file", Uploads.text(csv), "labelColumn", "species", "classes", 2)), "classes", "3 classes");
    }

    @Test
    void jsonFile() {
        JsonNode created = uploads().upload(Map.of("file",
                Uploads.text("{ \"inputs\": [[0.05, 0.10], [1, 2]], \"targets\": [[0.01, 0.99], [1, 0]] }"))).getBody();

        assertThat(created.get("samples").asLong()).isEqualTo(2);
        assertThat(created.get("outputs").asInt()).isEqualTo(2);
    }

    @Test
    void idxAndIdxGzPairsWithScale() {
        int[][] images = {{0, 255, 51, 102}, {255, 0, 0, 0}, {10, 20, 30, 40}};
        byte[] imageFile = IdxFiles.images(images, 2, 2);
        byte[] labelFile = IdxFiles.labels(2, 0, 2);

        JsonNode plain = uploads().upload(Map.of("images", imageFile, "labels", labelFile, "scale", 255)).getBody();
        JsonNode gz = uploads().upload(Map.of("images", IdxFiles.gzip(imageFile), "labels", IdxFiles.gzip(labelFile),
                "scale", 255, "classes", 10)).getBody();

        assertThat(plain.get("samples").asLong()).isEqualTo(3);
        assertThat(plain.get("inputs").asInt()).isEqualTo(4);
        assertThat(plain.get("classCounts").toString()).isEqualTo("[1,0,2]");
        assertThat(gz.get("outputs").asInt()).isEqualTo(10);
        String network = create("{ \"inputs\": 4, \"loss\": \"cross_entropy\", \"init\": {\"scheme\": \"zeros\"}, "
                + "\"layers\": [ { \"units\": 10, \"activation\": \"softmax\", \"bias\": false, \"weights\": "
                + "[[1,0,0,0],[0,1,0,0],[0,0,1,0],[0,0,0,1],[0,0,0,0],[0,0,0,0],[0,0,0,0],[0,0,0,0],[0,0,0,0],[0,0,0,0]] } ] }");
        JsonNode evaluated = post("/networks/" + network + "/evaluate", "{ \"datasetId\": \"" + gz.get("id").asText() + "\" }").getBody();
        double expected = (crossEntropy(new double[] {0, 1, 0.2, 0.4}, 2) + crossEntropy(new double[] {1, 0, 0, 0}, 0)
                + crossEntropy(new double[] {10 / 255.0, 20 / 255.0, 30 / 255.0, 40 / 255.0}, 2)) / 3;
        assertThat(evaluated.get("loss").asDouble()).isCloseTo(expected, within(1e-5));
    }

    @Test
    void badFilesAreRejectedNamingTheLineOrByteAndNothingIsStored() {
        int before = http.getForObject("/datasets", JsonNode.class).size();
        byte[] images = IdxFiles.images(new int[][] {{1, 2, 3, 4}, {5, 6, 7, 8}}, 2, 2);
        byte[] labels = IdxFiles.labels(1, 0);
        byte[] wrongMagic = images.clone();
        wrongMagic[2] = 0x42;

        assertBad(uploads().upload(Map.of("images", wrongMagic, "labels", labels)), "images", "byte 0");
        assertBad(uploads().upload(Map.of("images", java.util.Arrays.copyOf(images, images.length - 3), "labels", labels)),
                "images", "byte " + (images.length - 3));
        assertBad(uploads().upload(Map.of("images", IdxFiles.gzip(images), "labels", IdxFiles.labels(1, 0, 1))), "images", "labels");
        assertBad(uploads().upload(Map.of("file", Uploads.text("a,b\n1,2\n3\n"), "targetColumns", "b")), "file", "line 3");
        assertBad(uploads().upload(Map.of("file", Uploads.text("a,b\n1,2\n3,x\n"), "targetColumns", "b")), "file", "line 3");
        assertBad(uploads().upload(Map.of("file", Uploads.text("a,b\n1,2\n"), "targetColumns", "c")), "targetColumns", "'c'");
        assertBad(uploads().upload(Map.of("file", Uploads.text("{ \"inputs\": [[1, 2], [3]], \"targets\": [[1], [2]] }"))),
                "file", "inputs[1]");
        assertBad(uploads().upload(Map.of("file", Uploads.text(CSV), "targetColumns", "y", "colour", "red")), "colour", "not a field");
        assertBad(uploads().upload(Map.of("file", Uploads.text(CSV), "targetColumns", "y", "scale", "big")), "scale", "big");

        assertThat(http.getForObject("/datasets", JsonNode.class).size()).isEqualTo(before);
    }

    @Test
    void unknownDatasetsAndMismatchedShapes() {
        String id = uploads().uploadId(Map.of("file", Uploads.text(CSV), "targetColumns", "y"));
        String network = create("{ \"inputs\": 2, \"layers\": [ { \"units\": 1, \"activation\": \"identity\" } ] }");

        assertThat(post("/networks/" + network + "/train", "{ \"datasetId\": \"" + id + "\" }").getStatusCode().value()).isEqualTo(400);
        assertThat(post("/networks/" + network + "/train", "{ \"datasetId\": \"nope\" }").getStatusCode().value()).isEqualTo(404);
        assertThat(http.exchange("/datasets/" + id, HttpMethod.DELETE, null, JsonNode.class).getStatusCode().value()).isEqualTo(204);
        assertThat(http.getForEntity("/datasets/" + id, JsonNode.class).getStatusCode().value()).isEqualTo(404);
    }

    /** −log softmax(z)[label] over ten logits: the four given, six zeros. */
    private static double crossEntropy(double[] logits, int label) {
        double sum = 6;
        for (double z : logits) {
            sum += Math.exp(z);
        }
        return Math.log(sum) - logits[label];
    }

    private static void assertBad(ResponseEntity<JsonNode> response, String field, String mentioned) {
        assertThat(response.getStatusCode().value()).as("%s", response.getBody()).isEqualTo(400);
        assertThat(response.getHeaders().getContentType()).hasToString("application/problem+json");
        assertThat(response.getBody().get("errors").findValuesAsText("field")).as("%s", response.getBody()).contains(field);
        assertThat(response.getBody().toString()).contains(mentioned);
    }

    private String create(String json) {
        return post("/networks", json).getBody().get("id").asText();
    }

    private ResponseEntity<JsonNode> post(String path, String json) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return http.postForEntity(path, new HttpEntity<>(json, headers), JsonNode.class);
    }
}
