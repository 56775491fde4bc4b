package io.backprop.inference;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.backprop.config.Limits;
import io.backprop.inference.InferRequest.RequestedOutput;
import io.backprop.network.ModelInfo;
import io.backprop.web.ProblemException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Reads an inference request body, JSON alone or a JSON header followed by binary tensor data,
 * in one pass of Jackson's streaming parser, and checks it against the model: one input named
 * {@code input} of shape [N, inputs], FP32 or FP64, flat or nested data (or its binary size), and
 * outputs the model has. Every failure is a 400 naming the field, or a 413 past the row limit.
 */
@Component
class InferRequestReader {

    static final String INPUT = "input";

    private final JsonFactory json;
    private final int maxRows;

    InferRequestReader(ObjectMapper objectMapper, Limits limits) {
        this.json = objectMapper.getFactory();
        this.maxRows = limits.maxRowsPerRequest();
    }

    /**
     * The request in {@code body}: all of it JSON when {@code headerLength} is null, else its
     * first {@code headerLength} bytes, followed by each binary input's bytes in input order.
     */
    InferRequest read(byte[] body, Integer headerLength, ModelInfo model) {
        int jsonLength = body.length;
        if (headerLength != null) {
            if (headerLength < 0 || headerLength > body.length) {
                throw invalid("Inference-Header-Content-Length is " + headerLength + ", but the body has " + body.length
                        + " bytes; it must give the length of the JSON header at the start of the body");
            }
            jsonLength = headerLength;
        }
        Parsed parsed;
        try (JsonParser parser = json.createParser(body, 0, jsonLength)) {
            parsed = new Parsed(parser, model, maxRows);
            parsed.readRequest();
        } catch (JsonParseException malformed) {
            throw invalid("The request is not valid JSON at line " + malformed.getLocation().getLineNr() + ", column "
                    + malformed.getLocation().getColumnNr() + ": " + malformed.getOriginalMessage());
        } catch (IOException unreadable) {
            throw invalid("The request cannot be read as JSON: " + unreadable.getMessage());
        }
        return parsed.complete(body, jsonLength, headerLength != null);
    }

    private static ProblemException invalid(String sentence) {
        return new ProblemException(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request", sentence, List.of());
    }

    /** The state of one request's parse. */
    private static final class Parsed {

        private final JsonParser parser;
        private final ModelInfo model;
        private final int maxRows;
        private String id;
        private boolean allBinary;
        private int inputCount;
        private Input input;
        private List<RequestedOutput> outputs;

        Parsed(JsonParser parser, ModelInfo model, int maxRows) {
            this.parser = parser;
            this.model = model;
            this.maxRows = maxRows;
        }

        void readRequest() throws IOException {
            expect(parser.nextToken(), JsonToken.START_OBJECT, "The request", "a JSON object");
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                switch (field) {
                    case "id" -> {
                        expect(value, JsonToken.VALUE_STRING, "id", "a string");
                        id = parser.getText();
                    }
                    case "parameters" -> readRequestParameters(value);
                    case "inputs" -> readInputs(value);
                    case "outputs" -> readOutputs(value);
                    default -> throw invalid("'" + field + "' is not a field of an inference request; its fields are id, "
                            + "parameters, inputs and outputs");
                }
            }
            if (parser.nextToken() != null) {
                throw invalid("The request has content after its JSON object; send one object");
            }
        }

        private void readRequestParameters(JsonToken value) throws IOException {
            expect(value, JsonToken.START_OBJECT, "parameters", "an object");
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken parameter = parser.nextToken();
                if (name.equals("binary_data_output")) {
                    allBinary = bool(parameter, "parameters.binary_data_output");
                } else {
                    parser.skipChildren();
                }
            }
        }

        private void readInputs(JsonToken value) throws IOException {
            expect(value, JsonToken.START_ARRAY, "inputs", "an array of input tensors");
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                String path = "inputs[" + inputCount + "]";
                Input read = readInput(path);
                if (inputCount++ > 0) {
                    throw invalid("inputs has more than one tensor; the model takes one, '" + INPUT + "'");
                }
                input = read;
            }
        }

        private Input readInput(String path) throws IOException {
            expect(parser.currentToken(), JsonToken.START_OBJECT, path, "an object with name, shape, datatype and data");
            Input read = new Input(path);
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                switch (field) {
                    case "name" -> {
                        expect(value, JsonToken.VALUE_STRING, path + ".name", "a string");
                        read.name = parser.getText();
                    }
                    case "shape" -> read.shape = readShape(value, path + ".shape");
                    case "datatype" -> {
                        expect(value, JsonToken.VALUE_STRING, path + ".datatype", "a string");
                        read.datatype = parser.getText();
                    }
                    case "parameters" -> read.binarySize = readInputParameters(value, path + ".parameters");
                    case "data" -> readData(value, path + ".data", read);
                    default -> throw invalid(path + "." + field + " is not a field of an input tensor; its fields are name, "
                            + "shape, datatype, parameters and data");
                }
            }
            return read;
        }

        private long[] readShape(JsonToken value, String path) throws IOException {
            expect(value, JsonToken.START_ARRAY, path, "an array of whole numbers");
            long[] shape = new long[4];
            int n = 0;
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                expect(parser.currentToken(), JsonToken.VALUE_NUMBER_INT, path + "[" + n + "]", "a whole number");
                if (n == shape.length) {
                    shape = Arrays.copyOf(shape, n * 2);
                }
                shape[n++] = parser.getLongValue();
            }
            return Arrays.copyOf(shape, n);
        }

        private Long readInputParameters(JsonToken value, String path) throws IOException {
            expect(value, JsonToken.START_OBJECT, path, "an object");
            Long size = null;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken parameter = parser.nextToken();
                if (name.equals("binary_data_size")) {
                    expect(parameter, JsonToken.VALUE_NUMBER_INT, path + ".binary_data_size", "a whole number of bytes");
                    size = parser.getLongValue();
                } else {
                    parser.skipChildren();
                }
            }
            return size;
        }

        /** Reads data flat ([v, v, …]) or nested by rows ([[v, …], [v, …]]) into the input's values. */
        private void readData(JsonToken value, String path, Input into) throws IOException {
            expect(value, JsonToken.START_ARRAY, path, "an array of numbers, flat or nested by rows");
            Values values = new Values(maxValues());
            JsonToken token = parser.nextToken();
            if (token == JsonToken.START_ARRAY) {
                List<Integer> rowLengths = new ArrayList<>();
                for (; token != JsonToken.END_ARRAY; token = parser.nextToken()) {
                    String rowPath = path + "[" + rowLengths.size() + "]";
                    expect(token, JsonToken.START_ARRAY, rowPath, "an array of numbers, as the first row is");
                    int before = values.size();
                    readNumbers(rowPath, values);
                    rowLengths.add(values.size() - before);
                }
                into.rowLengths = rowLengths;
            } else {
                for (; token != JsonToken.END_ARRAY; token = parser.nextToken()) {
                    values.add(number(token, path + "[" + values.size() + "]"));
                }
            }
            into.values = values;
        }

        private void readNumbers(String path, Values values) throws IOException {
            int index = 0;
            for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
                values.add(number(token, path + "[" + index++ + "]"));
            }
        }

        private double number(JsonToken token, String path) throws IOException {
            if (token != JsonToken.VALUE_NUMBER_INT && token != JsonToken.VALUE_NUMBER_FLOAT) {
                throw invalid(path + " must be a number, not " + describe(token));
            }
            return parser.getDoubleValue();
        }

        private int maxValues() {
            long max = (long) maxRows * model.inputs();
            if (max > Integer.MAX_VALUE - 16) {
                return Integer.MAX_VALUE - 16;
            }
            return (int) max;
        }

        private void readOutputs(JsonToken value) throws IOException {
            expect(value, JsonToken.START_ARRAY, "outputs", "an array of requested outputs");
            outputs = new ArrayList<>();
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                String path = "outputs[" + outputs.size() + "]";
                expect(parser.currentToken(), JsonToken.START_OBJECT, path, "an object with a name");
                String name = null;
                boolean binary = false;
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String field = parser.currentName();
                    JsonToken fieldValue = parser.nextToken();
                    switch (field) {
                        case "name" -> {
                            expect(fieldValue, JsonToken.VALUE_STRING, path + ".name", "a string");
                            name = parser.getText();
                        }
                        case "parameters" -> binary = readOutputParameters(fieldValue, path + ".parameters");
                        default -> throw invalid(path + "." + field + " is not a field of a requested output; its fields "
                                + "are name and parameters");
                    }
                }
                outputs.add(new RequestedOutput(checkOutputName(name, path), binary));
            }
        }

        private boolean readOutputParameters(JsonToken value, String path) throws IOException {
            expect(value, JsonToken.START_OBJECT, path, "an object");
            boolean binary = false;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken parameter = parser.nextToken();
                if (name.equals("binary_data")) {
                    binary = bool(parameter, path + ".binary_data");
                } else {
                    parser.skipChildren();
                }
            }
            return binary;
        }

        private String checkOutputName(String name, String path) {
            List<String> names = OutputNames.of(model);
            if (name == null) {
                throw invalid(path + ".name is required: one of " + OutputNames.listed(model));
            }
            if (!names.contains(name)) {
                throw invalid(path + ".name is '" + name + "'; the model's outputs are " + OutputNames.listed(model));
            }
            for (RequestedOutput earlier : outputs) {
                if (earlier.name().equals(name)) {
                    throw invalid(path + ".name asks for '" + name + "' a second time; name each output once");
                }
            }
            return name;
        }

        private boolean bool(JsonToken token, String path) {
            if (token != JsonToken.VALUE_TRUE && token != JsonToken.VALUE_FALSE) {
                throw invalid(path + " must be true or false");
            }
            return token == JsonToken.VALUE_TRUE;
        }

        private void expect(JsonToken actual, JsonToken expected, String what, String meaning) {
            if (actual != expected) {
                throw invalid(what + " must be " + meaning + ", not " + describe(actual));
            }
        }

        private static String describe(JsonToken token) {
            if (token == null) {
                return "the end of the JSON";
            }
            return switch (token) {
                case START_OBJECT -> "an object";
                case START_ARRAY -> "an array";
                case VALUE_STRING -> "a string";
                case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
                case VALUE_TRUE, VALUE_FALSE -> "true or false";
                case VALUE_NULL -> "null";
                default -> "'" + token.asString() + "'";
            };
        }

        /** Checks the parsed input against the model, reads any binary data after the header, and builds the request. */
        InferRequest complete(byte[] body, int jsonLength, boolean binaryBody) {
            if (input == null) {
                throw invalid("inputs is required: one tensor named '" + INPUT + "' of shape [N, " + model.inputs() + "]");
            }
            int rows = input.check(model, maxRows, binaryBody);
            double[] x;
            if (input.binarySize != null) {
                long extra = (long) body.length - jsonLength - input.binarySize;
                if (extra < 0) {
                    throw invalid("The body ends " + (-extra) + " bytes short of " + input.path + "'s binary data ("
                            + input.binarySize + " bytes after the " + jsonLength + "-byte JSON header); send the whole tensor");
                }
                if (extra > 0) {
                    throw invalid("The body has " + extra + " bytes after the binary tensor data; binary_data_size must "
                            + "count every byte that follows the JSON header");
                }
                x = BinaryTensors.read(body, jsonLength, rows * model.inputs(), Datatype.floating(input.datatype));
            } else {
                if (body.length != jsonLength) {
                    throw invalid("The body has " + (body.length - jsonLength) + " bytes after the JSON header, but no input "
                            + "declares binary data; give " + input.path + ".parameters.binary_data_size");
                }
                x = input.values.array();
            }
            input.checkValues(x, model.inputs());
            List<RequestedOutput> answer = outputs;
            if (answer == null || answer.isEmpty()) {
                answer = OutputNames.of(model).stream().map(name -> new RequestedOutput(name, allBinary)).toList();
            } else if (allBinary) {
                answer = answer.stream().map(output -> new RequestedOutput(output.name(), true)).toList();
            }
            return new InferRequest(id, x, rows, answer);
        }
    }

    /** One input tensor as written in the request, checked once it has been read in full. */
    private static final class Input {

        private final String path;
        private String name;
        private long[] shape;
        private String datatype;
        private Long binarySize;
        private Values values;
        private List<Integer> rowLengths;

        Input(String path) {
            this.path = path;
        }

        /** Checks name, datatype, shape and the amount of data; returns the number of rows. */
        int check(ModelInfo model, int maxRows, boolean binaryBody) {
            if (name == null) {
                throw invalid(path + ".name is required: '" + INPUT + "'");
            }
            if (!name.equals(INPUT)) {
                throw invalid(path + ".name is '" + name + "'; the model's only input is '" + INPUT + "'");
            }
            if (datatype == null) {
                throw invalid(path + ".datatype is required: FP32 or FP64");
            }
            if (Datatype.floating(datatype) == null) {
                throw invalid(path + ".datatype is '" + datatype + "'; the model takes FP32 or FP64");
            }
            if (shape == null) {
                throw invalid(path + ".shape is required: [N, " + model.inputs() + "] for N rows");
            }
            if (shape.length != 2 || shape[1] != model.inputs() || shape[0] < 1) {
                throw invalid(path + ".shape is " + Arrays.toString(shape) + "; the model takes [N, " + model.inputs()
                        + "]: N ≥ 1 rows of " + model.inputs() + " inputs");
            }
            if (shape[0] > maxRows) {
                throw new ProblemException(HttpStatus.PAYLOAD_TOO_LARGE, "limit-exceeded", "Limit exceeded", path
                        + " has " + shape[0] + " rows, more than " + maxRows
                        + " (backprop.limits.max-rows-per-request); split the work into several requests.", List.of());
            }
            int rows = (int) shape[0];
            long count = rows * (long) model.inputs();
            if (binarySize != null) {
                checkBinary(count, binaryBody);
            } else if (values == null) {
                throw invalid(path + ".data is required: " + count + " numbers, flat or nested by rows (or binary data "
                        + "with parameters.binary_data_size)");
            } else {
                checkData(rows, model.inputs());
            }
            return rows;
        }

        private void checkBinary(long count, boolean binaryBody) {
            if (values != null) {
                throw invalid(path + " has both data and parameters.binary_data_size; give one of them");
            }
            if (!binaryBody) {
                throw invalid(path + ".parameters.binary_data_size needs the Inference-Header-Content-Length header, "
                        + "giving the length of the JSON before the binary data");
            }
            long expected = count * Datatype.floating(datatype).bytes();
            if (binarySize != expected) {
                throw invalid(path + ".parameters.binary_data_size is " + binarySize + "; shape " + Arrays.toString(shape)
                        + " of " + datatype + " takes " + expected + " bytes");
            }
        }

        private void checkData(int rows, int width) {
            if (rowLengths == null) {
                if (values.size() != (long) rows * width) {
                    throw invalid(path + ".data has " + values.size() + " values; shape " + Arrays.toString(shape) + " takes "
                            + (long) rows * width);
                }
                return;
            }
            if (rowLengths.size() != rows) {
                throw invalid(path + ".data has " + rowLengths.size() + " rows; shape " + Arrays.toString(shape) + " takes "
                        + rows);
            }
            for (int i = 0; i < rows; i++) {
                if (rowLengths.get(i) != width) {
                    throw invalid(path + ".data[" + i + "] has " + rowLengths.get(i) + " values; shape "
                            + Arrays.toString(shape) + " takes " + width + " per row");
                }
            }
        }

        /** Rounds JSON values to FP32 where the input says so, and rejects non-finite ones. */
        void checkValues(double[] x, int width) {
            Datatype type = Datatype.floating(datatype);
            for (int k = 0; k < x.length; k++) {
                double value = type == Datatype.FP32 ? (float) x[k] : x[k];
                if (!Double.isFinite(value)) {
                    throw invalid(path + " holds " + x[k] + " at row " + k / width + ", column " + k % width
                            + "; every value must be a finite " + type + " number");
                }
                x[k] = value;
            }
        }
    }

    /** A growing array of the values read, up to a cap (over it: 413). */
    private static final class Values {

        private final int max;
        private double[] values;
        private int size;

        Values(int max) {
            this.max = max;
            this.values = new double[Math.min(1024, max)];
        }

        void add(double value) {
            if (size == values.length) {
                if (size >= max) {
                    throw new ProblemException(HttpStatus.PAYLOAD_TOO_LARGE, "limit-exceeded", "Limit exceeded",
                            "The input has more than " + max + " values, more rows than backprop.limits.max-rows-per-request "
                                    + "allows; split the work into several requests.", List.of());
                }
                values = Arrays.copyOf(values, (int) Math.min((long) size * 2, max));
            }
            values[size++] = value;
        }

        int size() {
            return size;
        }

        double[] array() {
            return size == values.length ? values : Arrays.copyOf(values, size);
        }
    }
}
