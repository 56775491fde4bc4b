package io.backprop.inference;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.backprop.inference.InferRequest.RequestedOutput;
import io.backprop.network.ModelInfo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.springframework.stereotype.Component;

/**
 * Writes an inference response: {@code model_name}, {@code model_version}, the echoed {@code id}
 * and the requested outputs, each as flat row-major JSON data or, when asked for, as raw
 * little-endian bytes after the JSON header ({@code parameters.binary_data_size}).
 */
@Component
class InferResponseWriter {

    private final JsonFactory json;

    InferResponseWriter(ObjectMapper objectMapper) {
        this.json = objectMapper.getFactory();
    }

    /** The response to {@code request} for the model called {@code modelName}, whose outputs are y [rows × outputs]. */
    InferAnswer write(String modelName, ModelInfo model, InferRequest request, double[] y) {
        Datatype dtype = Datatype.of(model.dtype());
        long[] classes = null;
        int binaryBytes = 0;
        for (RequestedOutput output : request.outputs()) {
            boolean isClasses = output.name().equals(OutputNames.CLASSES);
            if (isClasses) {
                classes = argMax(y, model.outputs());
            }
            if (output.binary()) {
                binaryBytes += isClasses ? request.rows() * Datatype.INT64.bytes() : y.length * dtype.bytes();
            }
        }
        ByteArrayBuilder out = new ByteArrayBuilder(256 + (binaryBytes > 0 ? 0 : y.length * 12));
        try (JsonGenerator generator = json.createGenerator(out)) {
            generator.writeStartObject();
            generator.writeStringField("model_name", modelName);
            generator.writeStringField("model_version", ModelVersions.ONLY);
            if (request.id() != null) {
                generator.writeStringField("id", request.id());
            }
            generator.writeArrayFieldStart("outputs");
            for (RequestedOutput output : request.outputs()) {
                boolean isClasses = output.name().equals(OutputNames.CLASSES);
                generator.writeStartObject();
                generator.writeStringField("name", output.name());
                generator.writeStringField("datatype", (isClasses ? Datatype.INT64 : dtype).name());
                generator.writeArrayFieldStart("shape");
                generator.writeNumber(request.rows());
                if (!isClasses) {
                    generator.writeNumber(model.outputs());
                }
                generator.writeEndArray();
                if (output.binary()) {
                    generator.writeObjectFieldStart("parameters");
                    generator.writeNumberField("binary_data_size", isClasses ? request.rows() * Datatype.INT64.bytes()
                            : y.length * dtype.bytes());
                    generator.writeEndObject();
                } else {
                    generator.writeArrayFieldStart("data");
                    if (isClasses) {
                        for (long value : classes) {
                            generator.writeNumber(value);
                        }
                    } else {
                        writeValues(generator, y, dtype);
                    }
                    generator.writeEndArray();
                }
                generator.writeEndObject();
            }
            generator.writeEndArray();
            generator.writeEndObject();
        } catch (IOException impossible) {
            throw new UncheckedIOException(impossible);
        }
        byte[] header = out.toByteArray();
        if (binaryBytes == 0) {
            return new InferAnswer(header, null);
        }
        ByteBuffer body = ByteBuffer.allocate(header.length + binaryBytes).order(ByteOrder.LITTLE_ENDIAN);
        body.put(header);
        for (RequestedOutput output : request.outputs()) {
            if (output.binary()) {
                if (output.name().equals(OutputNames.CLASSES)) {
                    BinaryTensors.write(classes, body);
                } else {
                    BinaryTensors.write(y, dtype, body);
                }
            }
        }
        return new InferAnswer(body.array(), header.length);
    }

    /** FP32 values as the shortest decimal that reads back as the same float, FP64 values as doubles. */
    private static void writeValues(JsonGenerator generator, double[] y, Datatype dtype) throws IOException {
        for (double value : y) {
            if (dtype == Datatype.FP32) {
                generator.writeNumber((float) value);
            } else {
                generator.writeNumber(value);
            }
        }
    }

    /** The index of the largest value of each row of y [rows × width] (the first one on ties). */
    private static long[] argMax(double[] y, int width) {
        long[] indices = new long[y.length / width];
        for (int i = 0; i < indices.length; i++) {
            int best = 0;
            for (int j = 1; j < width; j++) {
                if (y[i * width + j] > y[i * width + best]) {
                    best = j;
                }
            }
            indices[i] = best;
        }
        return indices;
    }
}
