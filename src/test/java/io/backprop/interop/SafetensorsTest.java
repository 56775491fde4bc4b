package io.backprop.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.backprop.engine.Precision;
import io.backprop.state.Tensor;
import io.backprop.web.ProblemException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.http.HttpStatus;

class SafetensorsTest {

    private static final long LIMIT = 1 << 20;

    private static Map<String, Tensor> tensors(Precision dtype) {
        SplittableRandom random = new SplittableRandom(5);
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        tensors.put("0.weight", Models.tensor(random, dtype, 4, 3));
        tensors.put("0.bias", Models.tensor(random, dtype, 4));
        tensors.put("2.weight", Models.tensor(random, dtype, 2, 4));
        return tensors;
    }

    @ParameterizedTest
    @EnumSource(Precision.class)
    void writtenTensorsAndMetadataReadBackBitForBit(Precision dtype) {
        Map<String, Tensor> tensors = tensors(dtype);
        byte[] file = Safetensors.write(Map.of("backprop.network", "{\"inputs\":3}"), tensors);

        SafetensorsFile read = Safetensors.read(file, LIMIT, LIMIT);

        assertThat(read.tensors()).isEqualTo(tensors);
        assertThat(read.tensors().keySet()).containsExactly("0.weight", "0.bias", "2.weight");
        assertThat(read.metadata()).containsExactly(Map.entry("backprop.network", "{\"inputs\":3}"));
    }

    @Test
    void headerIsPaddedSoThatTheDataStartsEightByteAligned() {
        byte[] file = Safetensors.write(Map.of(), tensors(Precision.FLOAT64));
        long headerLength = ByteBuffer.wrap(file, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();

        assertThat(headerLength % 8).isZero();
        assertThat(new String(file, 8, (int) headerLength, StandardCharsets.UTF_8)).startsWith("{\"0.weight\":{\"dtype\":\"F64\"");
    }

    @Test
    void truncatedFileIsDamaged() {
        byte[] file = Safetensors.write(Map.of(), tensors(Precision.FLOAT32));

        assertRejected(Arrays.copyOf(file, file.length - 1), HttpStatus.BAD_REQUEST, "truncated or padded");
        assertRejected(Arrays.copyOf(file, 5), HttpStatus.BAD_REQUEST, "8-byte header length");
    }

    @Test
    void headerLengthPastTheEndIsDamaged() {
        byte[] file = Safetensors.write(Map.of(), tensors(Precision.FLOAT32));
        ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN).putLong(0, file.length);

        assertRejected(file, HttpStatus.BAD_REQUEST, "follow the header length");
        ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN).putLong(0, -1L);
        assertRejected(file, HttpStatus.BAD_REQUEST, "18446744073709551615");
    }

    @Test
    void headerOverTheLimitIsRefusedBeforeItIsParsed() {
        byte[] file = Safetensors.write(Map.of("note", "x".repeat(2000)), tensors(Precision.FLOAT32));

        assertThatThrownBy(() -> Safetensors.read(file, 1024, LIMIT)).isInstanceOfSatisfying(ProblemException.class, problem -> {
            assertThat(problem.status()).isEqualTo(HttpStatus.PAYLOAD_TOO_LARGE);
            assertThat(problem.getMessage()).contains("backprop.interop.max-safetensors-header");
        });
    }

    @Test
    void moreValuesThanANetworkMayHoldAreRefusedBeforeTheyAreDecoded() {
        byte[] file = Safetensors.write(Map.of(), tensors(Precision.FLOAT32));

        assertThatThrownBy(() -> Safetensors.read(file, LIMIT, 10)).isInstanceOfSatisfying(ProblemException.class, problem -> {
            assertThat(problem.status()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
            assertThat(problem.getMessage()).contains("holds 24 values");
        });
    }

    @Test
    void inconsistentHeadersAreDamaged() {
        assertRejected(file("{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}", 8), HttpStatus.BAD_REQUEST, "not valid JSON");
        assertRejected(file("[1]", 0), HttpStatus.BAD_REQUEST, "does not start with '{'");
        assertRejected(file("{\"a\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[0,8]}}", 8), HttpStatus.BAD_REQUEST,
                "data_offsets span 8 bytes");
        assertRejected(file("{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]},"
                + "\"b\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}}", 8), HttpStatus.BAD_REQUEST, "without gaps or overlaps");
        assertRejected(file("{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]},"
                + "\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}}", 8), HttpStatus.BAD_REQUEST, "Duplicate field");
        assertRejected(file("{\"a\":{\"dtype\":\"F32\",\"shape\":[-1],\"data_offsets\":[0,0]}}", 0), HttpStatus.BAD_REQUEST, "shape[0]");
        assertRejected(file("{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4],\"x\":1}}", 4), HttpStatus.BAD_REQUEST,
                "is not {\"dtype\"");
        assertRejected(file("{\"__metadata__\":{\"n\":1}}", 0), HttpStatus.BAD_REQUEST, "not a string");
    }

    @Test
    void dtypesOtherThanF32AndF64AreUnsupported() {
        assertRejected(file("{\"0.weight\":{\"dtype\":\"F16\",\"shape\":[2],\"data_offsets\":[0,4]}}", 4),
                HttpStatus.UNPROCESSABLE_ENTITY, "\"0.weight\" of dtype F16");
    }

    private static byte[] file(String header, int dataBytes) {
        byte[] json = header.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(8 + json.length + dataBytes).order(ByteOrder.LITTLE_ENDIAN).putLong(json.length).put(json).array();
    }

    private static void assertRejected(byte[] file, HttpStatus status, String detail) {
        assertThatThrownBy(() -> Safetensors.read(file, LIMIT, LIMIT)).isInstanceOfSatisfying(ProblemException.class, problem -> {
            assertThat(problem.status()).isEqualTo(status);
            assertThat(problem.getMessage()).contains(detail);
        });
    }
}
