package io.backprop.interop;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import io.backprop.engine.Precision;
import io.backprop.state.Tensor;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A tensor as JSON: nested arrays of numbers, row-major, as PyTorch's {@code tensor.tolist()}
 * gives them ({@code [[…], …]} for a matrix, {@code […]} for a vector). Read in one streaming
 * pass that checks every row has the same length; values are held as doubles.
 */
@JsonSerialize(using = NestedArray.Writer.class)
@JsonDeserialize(using = NestedArray.Reader.class)
record NestedArray(int[] shape, double[] values) {

    static NestedArray of(Tensor tensor) {
        return new NestedArray(tensor.shape(), tensor.values());
    }

    /** The tensor in {@code dtype}: float32 values are rounded to float, as the network holds them. */
    Tensor toTensor(Precision dtype) {
        double[] held = dtype == Precision.FLOAT64 ? values : Arrays.stream(values).map(v -> (float) v).toArray();
        return new Tensor(dtype, shape, held);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof NestedArray array && Arrays.equals(shape, array.shape) && Arrays.equals(values, array.values);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(shape) + Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return "NestedArray" + Arrays.toString(shape);
    }

    static final class Writer extends JsonSerializer<NestedArray> {

        @Override
        public void serialize(NestedArray array, JsonGenerator json, SerializerProvider provider) throws IOException {
            write(array, 0, 0, json);
        }

        /** Writes the sub-array of dimension {@code d} that starts at value {@code offset}; returns the offset after it. */
        private static int write(NestedArray array, int d, int offset, JsonGenerator json) throws IOException {
            if (d == array.shape.length) {
                json.writeNumber(array.values[offset]);
                return offset + 1;
            }
            json.writeStartArray();
            int next = offset;
            for (int i = 0; i < array.shape[d]; i++) {
                next = write(array, d + 1, next, json);
            }
            json.writeEndArray();
            return next;
        }
    }

    static final class Reader extends JsonDeserializer<NestedArray> {

        @Override
        public NestedArray deserialize(JsonParser json, DeserializationContext context) throws IOException {
            Walk walk = new Walk(json, context);
            walk.read(0);
            int[] shape = walk.dims.stream().mapToInt(Integer::intValue).toArray();
            double[] values = walk.values.toArray();
            if (Arrays.stream(shape).asLongStream().reduce(1, (a, b) -> a * b) != values.length) {
                context.reportInputMismatch(NestedArray.class, "is not rectangular: numbers and arrays side by side at one depth");
            }
            return new NestedArray(shape, values);
        }
    }

    /** One read: the rank is fixed by the first number, each dimension by the first array closed at its depth. */
    private static final class Walk {
        private final JsonParser json;
        private final DeserializationContext context;
        private final List<Integer> dims = new ArrayList<>();
        private final Values values = new Values();
        private int rank = -1;

        Walk(JsonParser json, DeserializationContext context) {
            this.json = json;
            this.context = context;
        }

        void read(int depth) throws IOException {
            JsonToken token = json.currentToken();
            if (token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT) {
                if (rank == -1) {
                    rank = depth;
                } else if (depth != rank) {
                    context.reportInputMismatch(NestedArray.class, "is not rectangular: a number at depth %d, where arrays "
                            + "reach depth %d", depth, rank);
                }
                values.add(json.getDoubleValue());
                return;
            }
            if (token != JsonToken.START_ARRAY) {
                context.reportInputMismatch(NestedArray.class, "holds %s where a number or an array of numbers belongs", token);
            }
            if (rank != -1 && depth >= rank) {
                context.reportInputMismatch(NestedArray.class, "is not rectangular: an array at depth %d, where numbers stand "
                        + "at depth %d", depth, rank);
            }
            int length = 0;
            while (json.nextToken() != JsonToken.END_ARRAY) {
                read(depth + 1);
                length++;
            }
            while (dims.size() <= depth) {
                dims.add(-1);
            }
            if (dims.get(depth) == -1) {
                dims.set(depth, length);
            } else if (dims.get(depth) != length) {
                context.reportInputMismatch(NestedArray.class, "is not rectangular: an array of %d values where the first one at "
                        + "its depth has %d", length, dims.get(depth));
            }
        }
    }

    /** A growing array of doubles without boxing. */
    private static final class Values {
        private double[] values = new double[64];
        private int size;

        void add(double value) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = value;
        }

        int size() {
            return size;
        }

        double[] toArray() {
            return Arrays.copyOf(values, size);
        }
    }
}
