package io.backprop.datasets;

import static io.backprop.datasets.Parsing.assertRefused;
import static io.backprop.datasets.Parsing.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

/** JSON uploads ({@code {inputs, targets}}): what is read, and each refusal's path and message. */
class JsonDatasetParserTest {

    @Test
    void inputsAndTargetsAreReadInEitherOrderInTheChosenDtype() throws IOException {
        ParsedData data = parse("{ \"targets\": [[1], [0]], \"inputs\": [[0.05, 0.1], [-3, 4e2]] }", DataType.DOUBLE);

        assertThat(data.x().dataType()).isEqualTo(DataType.DOUBLE);
        assertThat(data.x().toDoubleMatrix()).isEqualTo(new double[][] {{0.05, 0.1}, {-3, 400}});
        assertThat(data.y().toDoubleMatrix()).isEqualTo(new double[][] {{1}, {0}});
        assertThat(data.classCounts()).isNull();
    }

    @Test
    void rowsWiderThanTheFirstBufferAreReadWhole() throws IOException {
        StringBuilder row = new StringBuilder("[");
        for (int i = 0; i < 40; i++) {
            row.append(i == 0 ? "" : ", ").append(i);
        }
        row.append("]");

        ParsedData data = parse("{ \"inputs\": [" + row + ", " + row + "], \"targets\": [[1], [2]] }", DataType.FLOAT);

        assertThat(data.x().shape()).containsExactly(2, 40);
        assertThat(data.x().getDouble(1, 39)).isEqualTo(39);
    }

    @Test
    void somethingOtherThanAnObjectIsRefused() {
        assertRefused(() -> parse("[[1, 2]]", DataType.FLOAT), "file", "$ must be an object with inputs and targets");
    }

    @Test
    void anUnknownFieldIsRefused() {
        assertRefused(() -> parse("{ \"inputs\": [[1]], \"labels\": [[1]] }", DataType.FLOAT), "file",
                "labels is not a field of a data set; the fields are inputs and targets");
    }

    @Test
    void bothInputsAndTargetsAreRequired() {
        assertRefused(() -> parse("{ \"inputs\": [[1]] }", DataType.FLOAT), "file", "$ needs both inputs and targets");
        assertRefused(() -> parse("{ }", DataType.FLOAT), "file", "$ needs both inputs and targets");
    }

    @Test
    void rowsMustBeNonEmptyArraysOfFiniteNumbersOfOneWidth() {
        assertRefused(() -> parse("{ \"inputs\": 3, \"targets\": [[1]] }", DataType.FLOAT), "file", "inputs must be an array of rows");
        assertRefused(() -> parse("{ \"inputs\": [], \"targets\": [[1]] }", DataType.FLOAT), "file",
                "inputs must be a non-empty array of rows");
        assertRefused(() -> parse("{ \"inputs\": [[]], \"targets\": [[1]] }", DataType.FLOAT), "file", "inputs[0] is empty");
        assertRefused(() -> parse("{ \"inputs\": [[1, 2], [3]], \"targets\": [[1], [1]] }", DataType.FLOAT), "file",
                "inputs[1] has 1 values, expected 2 (as inputs[0])");
        assertRefused(() -> parse("{ \"inputs\": [[1, \"2\"]], \"targets\": [[1]] }", DataType.FLOAT), "file",
                "inputs[0][1] must be a number");
        assertRefused(() -> parse("{ \"inputs\": [[1, 2]], \"targets\": [[1e999]] }", DataType.FLOAT), "file",
                "targets[0][0] must be a finite number");
    }

    @Test
    void targetsNeedOneRowPerRowOfInputs() {
        assertRefused(() -> parse("{ \"inputs\": [[1], [2]], \"targets\": [[1]] }", DataType.FLOAT), "file",
                "targets has 1 rows, expected 2 (one per row of inputs)");
    }

    @Test
    void malformedJsonIsRefusedNamingLineAndColumn() {
        assertRefused(() -> parse("{ \"inputs\": [[1, 2]],\n  \"targets\": [[1 2]] }", DataType.FLOAT), "file",
                "is not valid JSON at line 2, column 18");
    }

    private static ParsedData parse(String json, DataType type) throws IOException {
        return JsonDatasetParser.parse(new ByteArrayInputStream(utf8(json)), new JsonFactory(), type);
    }
}
