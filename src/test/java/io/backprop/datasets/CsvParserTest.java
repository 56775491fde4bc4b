package io.backprop.datasets;

import static io.backprop.datasets.Parsing.assertRefused;
import static io.backprop.datasets.Parsing.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

/** CSV uploads: target columns and label columns, the edges a header and quoting allow, and each refusal's message. */
class CsvParserTest {

    @Test
    void targetColumnsBecomeTargetsWhereverTheyStandAndTheRestInputsInOrder() throws IOException {
        ParsedData data = targets("a,y,b,z\n1,10,2,20\n3,30,4,40\n", List.of("z", "y"));

        assertThat(data.x().toDoubleMatrix()).isEqualTo(new double[][] {{1, 2}, {3, 4}});
        assertThat(data.y().toDoubleMatrix()).isEqualTo(new double[][] {{20, 10}, {40, 30}});
        assertThat(data.classCounts()).isNull();
        assertThat(data.classNames()).isNull();
    }

    @Test
    void blankLinesSpacesQuotesAndTheChosenDtypeAreHonoured() throws IOException {
        ParsedData data = CsvParser.parse(new ByteArrayInputStream(utf8("\"a\", b ,y\n\n 0.1 ,\"2e-3\", 1\n\n-5,6,0\n")),
                List.of("y"), null, null, DataType.DOUBLE);

        assertThat(data.x().dataType()).isEqualTo(DataType.DOUBLE);
        assertThat(data.x().toDoubleMatrix()).isEqualTo(new double[][] {{0.1, 0.002}, {-5, 6}});
        assertThat(data.y().toDoubleMatrix()).isEqualTo(new double[][] {{1}, {0}});
    }

    @Test
    void numberedLabelsAreTheirOwnClassesOneHotAndCounted() throws IOException {
        ParsedData data = labels("x,label\n0.5,2\n0.25,0.0\n0.75,2\n", null);

        assertThat(data.y().toDoubleMatrix()).isEqualTo(new double[][] {{0, 0, 1}, {1, 0, 0}, {0, 0, 1}});
        assertThat(data.classCounts()).containsExactly(1, 0, 2);
        assertThat(data.classNames()).isNull();
    }

    @Test
    void namedLabelsAreNumberedInSortedOrderWhateverTheRowOrder() throws IOException {
        ParsedData data = labels("x,label\n1,virginica\n2,setosa\n3,versicolor\n4,setosa\n", null);

        assertThat(data.classNames()).containsExactly("setosa", "versicolor", "virginica");
        assertThat(data.y().toDoubleMatrix()).isEqualTo(new double[][] {{0, 0, 1}, {1, 0, 0}, {0, 1, 0}, {1, 0, 0}});
        assertThat(data.classCounts()).containsExactly(2, 1, 1);
    }

    @Test
    void classesWidensTheOneHotRowsBeyondTheLabelsSeen() throws IOException {
        ParsedData data = labels("x,label\n1,0\n2,1\n", 4);

        assertThat(data.y().toDoubleMatrix()).isEqualTo(new double[][] {{1, 0, 0, 0}, {0, 1, 0, 0}});
        assertThat(data.classCounts()).containsExactly(1, 1, 0, 0);
    }

    @Test
    void anEmptyFileIsRefused() {
        assertRefused(() -> targets("", List.of("y")), "file", "line 1: the file is empty; a header row naming the columns is required");
        assertRefused(() -> targets("  \n1,2\n", List.of("y")), "file",
                "line 1: the file is empty; a header row naming the columns is required");
    }

    @Test
    void aHeaderWithoutRowsIsRefused() {
        assertRefused(() -> targets("a,y\n\n", List.of("y")), "file", "has a header but no data rows");
    }

    @Test
    void exactlyOneOfTargetColumnsAndLabelColumnIsRequired() {
        String message = "give exactly one of targetColumns (comma-separated column names) and labelColumn (one column of class labels)";
        assertRefused(() -> parse("a,y\n1,2\n", null, null, null), "targetColumns", message);
        assertRefused(() -> parse("a,y\n1,2\n", List.of("y"), "y", null), "targetColumns", message);
    }

    @Test
    void anUnknownColumnIsRefusedListingTheColumns() {
        assertRefused(() -> targets("a,b,y\n1,2,3\n", List.of("y", "c")), "targetColumns",
                "names 'c', which is not a column; the columns are: a, b, y");
        assertRefused(() -> labels("a,b\n1,2\n", null, "species"), "labelColumn",
                "names 'species', which is not a column; the columns are: a, b");
    }

    @Test
    void aFileOfTargetsOnlyIsRefused() {
        assertRefused(() -> targets("y,z\n1,2\n", List.of("y", "z")), "file", "has no input columns: every column is a target");
    }

    @Test
    void aRaggedRowIsRefusedNamingItsLine() {
        assertRefused(() -> targets("a,b,y\n1,2,3\n\n4,5\n", List.of("y")), "file",
                "line 4 has 2 cells, expected 3 (the header's columns)");
        assertRefused(() -> targets("a,b,y\n1,2,3,4\n", List.of("y")), "file",
                "line 2 has 4 cells, expected 3 (the header's columns)");
    }

    @Test
    void aCellThatIsNotAFiniteNumberIsRefusedNamingLineAndColumn() {
        assertRefused(() -> targets("a,y\n1,2\nx,3\n", List.of("y")), "file", "line 3, column 'a': 'x' is not a finite number");
        assertRefused(() -> targets("a,y\n1,NaN\n", List.of("y")), "file", "line 2, column 'y': 'NaN' is not a finite number");
        assertRefused(() -> targets("a,y\nInfinity,1\n", List.of("y")), "file",
                "line 2, column 'a': 'Infinity' is not a finite number");
        assertRefused(() -> targets("a,y\n,1\n", List.of("y")), "file", "line 2, column 'a': '' is not a finite number");
    }

    @Test
    void anEmptyLabelIsRefused() {
        assertRefused(() -> labels("x,label\n1,a\n2,\n", null), "file",
                "line 3, column 'label' is empty; every row needs a class label");
    }

    @Test
    void classesBelowTheLabelsIsRefused() {
        assertRefused(() -> labels("x,label\n1,0\n2,3\n", 3), "file", "holds label 3, but classes is 3; labels must be below classes");
        assertRefused(() -> labels("x,label\n1,cat\n2,dog\n3,eel\n", 2), "classes",
                "is 2, but the label column names 3 classes (cat, dog, eel); raise classes or leave it out");
    }

    private static ParsedData targets(String csv, List<String> targetColumns) throws IOException {
        return parse(csv, targetColumns, null, null);
    }

    private static ParsedData labels(String csv, Integer classes) throws IOException {
        return labels(csv, classes, "label");
    }

    private static ParsedData labels(String csv, Integer classes, String labelColumn) throws IOException {
        return parse(csv, null, labelColumn, classes);
    }

    private static ParsedData parse(String csv, List<String> targetColumns, String labelColumn, Integer classes) throws IOException {
        return CsvParser.parse(new ByteArrayInputStream(utf8(csv)), targetColumns, labelColumn, classes, DataType.FLOAT);
    }
}
