package io.backprop.interop;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.backprop.engine.Precision;
import io.backprop.state.Tensor;
import io.backprop.web.ProblemException;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;

/**
 * The safetensors format: an 8-byte little-endian header length n, n bytes of JSON header
 * ({@code name → {dtype, shape, data_offsets}} and an optional {@code __metadata__} of strings),
 * then the tensors' raw little-endian bytes. Reading validates the whole header (limits first,
 * then every entry, then that the offsets tile the data exactly) before decoding any tensor.
 */
final class Safetensors {

    static final String METADATA = "__metadata__";
    private static final String FIELD = "file";
    private static final JsonMapper JSON = JsonMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    private Safetensors() {
    }

    /** The file holding {@code tensors} in their order, with {@code metadata} (none when empty). */
    static byte[] write(Map<String, String> metadata, Map<String, Tensor> tensors) {
        ObjectNode header = JSON.createObjectNode();
        if (!metadata.isEmpty()) {
            ObjectNode meta = header.putObject(METADATA);
            metadata.forEach(meta::put);
        }
        long offset = 0;
        for (Map.Entry<String, Tensor> entry : tensors.entrySet()) {
            Tensor tensor = entry.getValue();
            long end = offset + (long) tensor.size() * bytesPerValue(tensor.dtype());
            ObjectNode info = header.putObject(entry.getKey());
            info.put("dtype", tensor.dtype() == Precision.FLOAT32 ? "F32" : "F64");
            ArrayNode shape = info.putArray("shape");
            Arrays.stream(tensor.shape()).forEach(shape::add);
            info.putArray("data_offsets").add(offset).add(end);
            offset = end;
        }
        byte[] json = header.toString().getBytes(StandardCharsets.UTF_8);
        int padded = (json.length + 7) / 8 * 8;   // the data starts 8-byte aligned, as the reference writer pads it
        ByteArrayOutputStream out = new ByteArrayOutputStream(8 + padded + (int) offset);
        out.writeBytes(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(padded).array());
        out.writeBytes(json);
        out.writeBytes(" ".repeat(padded - json.length).getBytes(StandardCharsets.US_ASCII));
        tensors.values().forEach(tensor -> out.writeBytes(tensor.littleEndian()));
        return out.toByteArray();
    }

    /**
     * Reads a whole file. Fails with 413 for a header over {@code maxHeaderBytes}, 400 for a damaged
     * file (naming the entry and what is wrong), 422 for a dtype other than F32 and F64 or for more
     * than {@code maxValues} values in all (checked before any is decoded).
     */
    static SafetensorsFile read(byte[] file, long maxHeaderBytes, long maxValues) {
        if (file.length < 8) {
            throw ModelFileException.damaged(FIELD, "is " + file.length + " bytes long, but a safetensors file starts with an "
                    + "8-byte header length");
        }
        long headerLength = ByteBuffer.wrap(file, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        if (headerLength < 0 || headerLength > file.length - 8) {
            throw ModelFileException.damaged(FIELD, "declares a header of " + Long.toUnsignedString(headerLength)
                    + " bytes, but only " + (file.length - 8) + " bytes follow the header length (truncated or not safetensors)");
        }
        if (headerLength > maxHeaderBytes) {
            throw ProblemException.limit(HttpStatus.PAYLOAD_TOO_LARGE, FIELD, "The safetensors header is " + headerLength
                    + " bytes, more than " + maxHeaderBytes + " (backprop.interop.max-safetensors-header).");
        }
        int dataStart = 8 + (int) headerLength;
        JsonNode header = parseHeader(file, dataStart);
        Map<String, String> metadata = new LinkedHashMap<>();
        List<Entry> entries = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = header.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            if (field.getKey().equals(METADATA)) {
                metadata = metadata(field.getValue());
            } else {
                entries.add(entry(field.getKey(), field.getValue()));
            }
        }
        checkTiling(entries, file.length - dataStart);
        long values = entries.stream().mapToLong(entry -> (entry.end() - entry.begin()) / bytesPerValue(entry.dtype())).sum();
        if (values > maxValues) {
            throw ProblemException.limit(HttpStatus.UNPROCESSABLE_ENTITY, FIELD, "The file holds " + values + " values, more than a "
                    + "network may hold (" + maxValues + ", backprop.limits.max-parameters-per-network).");
        }
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        for (Entry entry : entries) {
            byte[] bytes = Arrays.copyOfRange(file, dataStart + (int) entry.begin(), dataStart + (int) entry.end());
            tensors.put(entry.name(), Tensor.fromLittleEndian(entry.dtype(), entry.shape(), bytes));
        }
        return new SafetensorsFile(metadata, tensors);
    }

    private static JsonNode parseHeader(byte[] file, int dataStart) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(file, 8, dataStart - 8)).toString();
        } catch (CharacterCodingException e) {
            throw ModelFileException.damaged(FIELD, "has a header that is not UTF-8 text");
        }
        if (!text.startsWith("{")) {
            throw ModelFileException.damaged(FIELD, "has a header that does not start with '{' (not a safetensors file)");
        }
        try {
            JsonNode header = JSON.readTree(text);
            if (!header.isObject()) {
                throw ModelFileException.damaged(FIELD, "has a header that is not a JSON object");
            }
            return header;
        } catch (JsonProcessingException e) {
            throw ModelFileException.damaged(FIELD, "has a header that is not valid JSON (" + e.getOriginalMessage() + ")");
        }
    }

    private static Map<String, String> metadata(JsonNode node) {
        if (!node.isObject()) {
            throw ModelFileException.damaged(FIELD, "has a " + METADATA + " that is not a JSON object of strings");
        }
        Map<String, String> metadata = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            if (!field.getValue().isTextual()) {
                throw ModelFileException.damaged(FIELD, "has a " + METADATA + " value \"" + field.getKey() + "\" that is not a string");
            }
            metadata.put(field.getKey(), field.getValue().asText());
        }
        return metadata;
    }

    private record Entry(String name, Precision dtype, int[] shape, long begin, long end) {
    }

    private static Entry entry(String name, JsonNode node) {
        String where = "has a header entry \"" + name + "\" ";
        if (!node.isObject() || node.size() != 3 || !node.has("dtype") || !node.has("shape") || !node.has("data_offsets")) {
            throw ModelFileException.damaged(FIELD, where + "that is not {\"dtype\", \"shape\", \"data_offsets\"}");
        }
        JsonNode dtype = node.get("dtype");
        if (!dtype.isTextual()) {
            throw ModelFileException.damaged(FIELD, where + "whose dtype is not a string");
        }
        Precision precision = switch (dtype.asText()) {
            case "F32" -> Precision.FLOAT32;
            case "F64" -> Precision.FLOAT64;
            default -> throw ModelFileException.unsupported(FIELD, "has tensor \"" + name + "\" of dtype " + dtype.asText()
                    + "; the service imports F32 and F64 tensors");
        };
        JsonNode shapeNode = node.get("shape");
        if (!shapeNode.isArray()) {
            throw ModelFileException.damaged(FIELD, where + "whose shape is not an array");
        }
        int[] shape = new int[shapeNode.size()];
        long count = 1;
        for (int d = 0; d < shape.length; d++) {
            JsonNode dim = shapeNode.get(d);
            if (!dim.isIntegralNumber() || dim.asLong() < 0 || dim.asLong() > Integer.MAX_VALUE) {
                throw ModelFileException.damaged(FIELD, where + "whose shape[" + d + "] is not a size (" + dim + ")");
            }
            shape[d] = dim.asInt();
            count *= shape[d];
            if (count > Integer.MAX_VALUE) {
                throw ModelFileException.damaged(FIELD, where + "of shape " + shapeNode + ", more values than a tensor can hold");
            }
        }
        JsonNode offsets = node.get("data_offsets");
        if (!offsets.isArray() || offsets.size() != 2 || !offsets.get(0).isIntegralNumber() || !offsets.get(1).isIntegralNumber()
                || !offsets.get(0).canConvertToLong() || !offsets.get(1).canConvertToLong()) {
            throw ModelFileException.damaged(FIELD, where + "whose data_offsets is not [begin, end]");
        }
        long begin = offsets.get(0).asLong();
        long end = offsets.get(1).asLong();
        if (begin < 0 || end < begin) {
            throw ModelFileException.damaged(FIELD, where + "whose data_offsets [" + begin + ", " + end + "] are not a range");
        }
        if (end - begin != count * bytesPerValue(precision)) {
            throw ModelFileException.damaged(FIELD, where + "of shape " + Arrays.toString(shape) + " " + dtype.asText()
                    + " (" + count * bytesPerValue(precision) + " bytes) whose data_offsets span " + (end - begin) + " bytes");
        }
        return new Entry(name, precision, shape, begin, end);
    }

    /** The entries, in offset order, must cover the data from its first byte to its last without gaps or overlaps. */
    private static void checkTiling(List<Entry> entries, long dataLength) {
        List<Entry> sorted = new ArrayList<>(entries);
        sorted.sort(Comparator.comparingLong(Entry::begin).thenComparingLong(Entry::end));
        long expected = 0;
        for (Entry entry : sorted) {
            if (entry.begin() != expected) {
                throw ModelFileException.damaged(FIELD, "has tensor \"" + entry.name() + "\" at data offset " + entry.begin()
                        + ", expected " + expected + " (tensors must follow one another without gaps or overlaps)");
            }
            expected = entry.end();
        }
        if (expected != dataLength) {
            throw ModelFileException.damaged(FIELD, "has " + dataLength + " bytes of tensor data, but its header describes "
                    + expected + " (truncated or padded)");
        }
    }

    private static int bytesPerValue(Precision dtype) {
        return dtype == Precision.FLOAT32 ? 4 : 8;
    }
}
