package io.backprop.datasets;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Reads a CSV file with a header row, line by line: the {@code targetColumns} (or the one-hot
 * encoded {@code labelColumn}) become targets, every other column an input.
 */
final class CsvParser {

    private static final String PART = "file";

    private CsvParser() {
    }

    static ParsedData parse(InputStream in, List<String> targetColumns, String labelColumn, Integer classes, DataType type)
            throws IOException {
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        String headerLine = reader.readLine();
        if (headerLine == null || headerLine.isBlank()) {
            throw new BadFileException(PART, "line 1: the file is empty; a header row naming the columns is required");
        }
        List<String> header = Arrays.stream(split(headerLine)).toList();
        int[] targets = targetIndexes(header, targetColumns, labelColumn);
        int[] inputs = java.util.stream.IntStream.range(0, header.size())
                .filter(c -> Arrays.stream(targets).noneMatch(t -> t == c)).toArray();
        if (inputs.length == 0) {
            throw new BadFileException(PART, "has no input columns: every column is a target");
        }
        RowBlocks x = new RowBlocks(inputs.length);
        RowBlocks y = labelColumn == null ? new RowBlocks(targets.length) : null;
        LabelColumn labels = labelColumn == null ? null : new LabelColumn();
        double[] inputRow = new double[inputs.length];
        double[] targetRow = new double[targets.length];
        String line;
        int lineNumber = 1;
        while ((line = reader.readLine()) != null) {
            lineNumber++;
            if (line.isBlank()) {
                continue;
            }
            String[] cells = split(line);
            if (cells.length != header.size()) {
                throw new BadFileException(PART, "line " + lineNumber + " has " + cells.length + " cells, expected " + header.size()
                        + " (the header's columns)");
            }
            for (int i = 0; i < inputs.length; i++) {
                inputRow[i] = number(cells[inputs[i]], lineNumber, header.get(inputs[i]));
            }
            x.add(inputRow);
            if (labels != null) {
                labels.add(label(cells[targets[0]], lineNumber, labelColumn));
            } else {
                for (int t = 0; t < targets.length; t++) {
                    targetRow[t] = number(cells[targets[t]], lineNumber, header.get(targets[t]));
                }
                y.add(targetRow);
            }
        }
        if (x.rows() == 0) {
            throw new BadFileException(PART, "has a header but no data rows");
        }
        if (labels == null) {
            return new ParsedData(x.toMatrix(type), y.toMatrix(type), null, null);
        }
        List<String> names = labels.names();
        Labels classIndexes = labels.classes(names);
        int classCount = names == null ? classIndexes.classes(classes, PART) : namedClasses(names, classes);
        return new ParsedData(x.toMatrix(type), classIndexes.oneHot(classCount, type), classIndexes.classCounts(classCount), names);
    }

    private static int[] targetIndexes(List<String> header, List<String> targetColumns, String labelColumn) {
        if ((targetColumns == null) == (labelColumn == null)) {
            throw new BadFileException("targetColumns", "give exactly one of targetColumns (comma-separated column names) "
                    + "and labelColumn (one column of class labels)");
        }
        List<String> names = labelColumn != null ? List.of(labelColumn) : targetColumns;
        String field = labelColumn != null ? "labelColumn" : "targetColumns";
        List<Integer> indexes = new ArrayList<>();
        for (String name : names) {
            int index = header.indexOf(name);
            if (index < 0) {
                throw new BadFileException(field, "names '" + name + "', which is not a column; the columns are: "
                        + String.join(", ", header));
            }
            indexes.add(index);
        }
        return indexes.stream().mapToInt(Integer::intValue).toArray();
    }

    private static String[] split(String line) {
        String[] cells = line.split(",", -1);
        for (int i = 0; i < cells.length; i++) {
            String cell = cells[i].trim();
            cells[i] = cell.length() >= 2 && cell.startsWith("\"") && cell.endsWith("\"") ? cell.substring(1, cell.length() - 1) : cell;
        }
        return cells;
    }

    private static double number(String cell, int line, String column) {
        try {
            double value = Double.parseDouble(cell);
            if (Double.isFinite(value)) {
                return value;
            }
        } catch (NumberFormatException notANumber) {
            // reported below
        }
        throw new BadFileException(PART, "line " + line + ", column '" + column + "': '" + cell + "' is not a finite number");
    }

    private static String label(String cell, int line, String column) {
        if (cell.isEmpty()) {
            throw new BadFileException(PART, "line " + line + ", column '" + column + "' is empty; every row needs a class label");
        }
        return cell;
    }

    private static int namedClasses(List<String> names, Integer classes) {
        if (classes != null && classes < names.size()) {
            throw new BadFileException("classes", "is " + classes + ", but the label column names " + names.size()
                    + " classes (" + String.join(", ", names) + "); raise classes or leave it out");
        }
        return classes == null ? names.size() : classes;
    }
}
