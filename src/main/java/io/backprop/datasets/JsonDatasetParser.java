package io.backprop.datasets;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import org.nd4j.linalg.api.buffer.DataType;

/** Streams {@code { "inputs": [[…]], "targets": [[…]] }} token by token into row blocks. */
final class JsonDatasetParser {

    private static final String PART = "file";

    private JsonDatasetParser() {
    }

    static ParsedData parse(InputStream in, JsonFactory factory, DataType type) throws IOException {
        RowBlocks x = null;
        RowBlocks y = null;
        try (JsonParser parser = factory.createParser(in)) {
            expect(parser.nextToken() == JsonToken.START_OBJECT, "$", "must be an object with inputs and targets");
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                parser.nextToken();
                switch (field) {
                    case "inputs" -> x = rows(parser, "inputs");
                    case "targets" -> y = rows(parser, "targets");
                    default -> throw new BadFileException(PART, field + " is not a field of a data set; the fields are inputs and targets");
                }
            }
        } catch (com.fasterxml.jackson.core.JsonParseException malformed) {
            throw new BadFileException(PART, "is not valid JSON at line " + malformed.getLocation().getLineNr() + ", column "
                    + malformed.getLocation().getColumnNr());
        }
        expect(x != null && y != null, "$", "needs both inputs and targets");
        expect(x.rows() == y.rows(), "targets", "has " + y.rows() + " rows, expected " + x.rows() + " (one per row of inputs)");
        return new ParsedData(x.toMatrix(type), y.toMatrix(type), null, null);
    }

    private static RowBlocks rows(JsonParser parser, String field) throws IOException {
        expect(parser.currentToken() == JsonToken.START_ARRAY, field, "must be an array of rows");
        RowBlocks blocks = null;
        double[] row = new double[16];
        int index = 0;
        while (parser.nextToken() == JsonToken.START_ARRAY) {
            String path = field + "[" + index + "]";
            int width = 0;
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                expect(parser.currentToken().isNumeric(), path + "[" + width + "]", "must be a number");
                double value = parser.getDoubleValue();
                expect(Double.isFinite(value), path + "[" + width + "]", "must be a finite number");
                if (width == row.length) {
                    row = java.util.Arrays.copyOf(row, row.length * 2);
                }
                row[width++] = value;
            }
            if (blocks == null) {
                expect(width > 0, path, "is empty");
                blocks = new RowBlocks(width);
            }
            expect(width == blocks.rowsWidth(), path, "has " + width + " values, expected " + blocks.rowsWidth() + " (as " + field + "[0])");
            blocks.add(row);
            index++;
        }
        expect(parser.currentToken() == JsonToken.END_ARRAY && blocks != null, field, "must be a non-empty array of rows");
        return blocks;
    }

    private static void expect(boolean condition, String path, String message) {
        if (!condition) {
            throw new BadFileException(PART, path + " " + message);
        }
    }
}
