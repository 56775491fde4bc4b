package io.backprop.state;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.backprop.engine.Activation;
import io.backprop.engine.Loss;
import io.backprop.engine.Precision;
import io.backprop.optimizer.ClipSpec;
import io.backprop.optimizer.OptimizerSpec;
import io.backprop.optimizer.ScheduleSpec;
import java.io.ByteArrayOutputStream;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.CRC32;

/**
 * The binary form of a {@link NetworkState}, all numbers little-endian: the magic {@code BPNS}, a
 * version, the spec, each layer's tensors, the training configuration (as JSON) and state, the
 * counters, and a CRC-32 of everything before it. A tensor is its dtype, rank, dimensions and values.
 */
final class StateCodec {

    private static final byte[] MAGIC = "BPNS".getBytes(StandardCharsets.US_ASCII);
    private static final short VERSION = 1;
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(SerializationFeature.WRITE_ENUMS_USING_TO_STRING)
            .enable(DeserializationFeature.READ_ENUMS_USING_TO_STRING)
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .build();

    private StateCodec() {
    }

    static byte[] encode(NetworkState state) {
        Writer out = new Writer();
        out.bytes(MAGIC);
        out.buffer(2).putShort(VERSION);
        NetworkSpec spec = state.spec();
        out.string(spec.name());
        out.buffer(8).putInt(spec.inputs()).putInt(spec.layers().size());
        for (LayerShape layer : spec.layers()) {
            out.buffer(4).putInt(layer.units());
            out.string(layer.activation().name());
            out.buffer(1).put((byte) (layer.bias() ? 1 : 0));
        }
        out.string(spec.loss().name());
        out.string(spec.dtype().name());
        for (LayerTensors layer : state.layers()) {
            out.tensor(layer.weights());
            if (layer.biases() != null) {
                out.tensor(layer.biases());
            }
        }
        TrainingState training = state.training();
        out.string(json(OptimizerSpec.class, training.optimizer()));
        out.string(json(ScheduleSpec.class, training.schedule()));
        out.string(training.clip() == null ? null : json(ClipSpec.class, training.clip()));
        out.buffer(24).putLong(training.epoch()).putLong(training.step()).putDouble(training.learningRate());
        out.buffer(4).putInt(training.optimizerState().size());
        training.optimizerState().forEach((key, buffers) -> {
            out.string(key);
            out.buffer(4).putInt(buffers.size());
            buffers.forEach((name, tensor) -> {
                out.string(name);
                out.tensor(tensor);
            });
        });
        ScheduleState schedule = training.scheduleState();
        out.buffer(12).putLong(schedule.count()).putInt(schedule.values().size());
        new TreeMap<>(schedule.values()).forEach((name, value) -> {
            out.string(name);
            out.buffer(8).putDouble(value);
        });
        Counters counters = state.counters();
        out.buffer(33).putLong(counters.epochsTrained()).putLong(counters.stepsTrained()).putLong(counters.samplesSeen())
                .put((byte) (counters.lastLoss() == null ? 0 : 1)).putDouble(counters.lastLoss() == null ? 0 : counters.lastLoss());
        return out.sealed();
    }

    static NetworkState decode(byte[] bytes) {
        if (bytes == null || bytes.length < MAGIC.length + 2 + Integer.BYTES) {
            throw new IllegalArgumentException("too short to be a network state");
        }
        for (int i = 0; i < MAGIC.length; i++) {
            if (bytes[i] != MAGIC[i]) {
                throw new IllegalArgumentException("not a network state: it does not start with BPNS");
            }
        }
        CRC32 crc = new CRC32();
        crc.update(bytes, 0, bytes.length - Integer.BYTES);
        ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        if ((int) crc.getValue() != in.getInt(bytes.length - Integer.BYTES)) {
            throw new IllegalArgumentException("the checksum does not match: the bytes are damaged");
        }
        in.limit(bytes.length - Integer.BYTES).position(MAGIC.length);
        try {
            short version = in.getShort();
            if (version != VERSION) {
                throw new IllegalArgumentException("version " + version + " is not known; this service reads version " + VERSION);
            }
            NetworkState state = read(new Reader(in));
            if (in.hasRemaining()) {
                throw new IllegalArgumentException(in.remaining() + " bytes follow the state");
            }
            return state;
        } catch (BufferUnderflowException truncated) {
            throw new IllegalArgumentException("the bytes end inside the state: they are truncated", truncated);
        }
    }

    private static NetworkState read(Reader in) {
        String name = in.string();
        int inputs = in.count("inputs");
        int layerCount = in.count("layers");
        List<LayerShape> shapes = new ArrayList<>();
        for (int l = 0; l < layerCount; l++) {
            int units = in.count("units");
            Activation activation = in.constant(Activation.class);
            shapes.add(new LayerShape(units, activation, in.flag()));
        }
        NetworkSpec spec = new NetworkSpec(name, inputs, shapes, in.constant(Loss.class), in.constant(Precision.class));
        List<LayerTensors> layers = new ArrayList<>();
        for (LayerShape shape : shapes) {
            Tensor weights = in.tensor();
            layers.add(new LayerTensors(weights, shape.bias() ? in.tensor() : null));
        }
        OptimizerSpec optimizer = in.json(OptimizerSpec.class, false);
        ScheduleSpec schedule = in.json(ScheduleSpec.class, false);
        ClipSpec clip = in.json(ClipSpec.class, true);
        long epoch = in.buffer().getLong();
        long step = in.buffer().getLong();
        double learningRate = in.buffer().getDouble();
        int keys = in.count("optimizer state keys");
        Map<String, Map<String, Tensor>> optimizerState = new LinkedHashMap<>();
        for (int k = 0; k < keys; k++) {
            String key = in.string();
            int count = in.count("buffers");
            Map<String, Tensor> buffers = new LinkedHashMap<>();
            for (int b = 0; b < count; b++) {
                buffers.put(in.string(), in.tensor());
            }
            optimizerState.put(key, buffers);
        }
        long scheduleCount = in.buffer().getLong();
        int valueCount = in.count("schedule values");
        Map<String, Double> values = new LinkedHashMap<>();
        for (int v = 0; v < valueCount; v++) {
            values.put(in.string(), in.buffer().getDouble());
        }
        TrainingState training = new TrainingState(optimizer, schedule, clip, epoch, step, learningRate, optimizerState,
                new ScheduleState(scheduleCount, values));
        long epochs = in.buffer().getLong();
        long steps = in.buffer().getLong();
        long samples = in.buffer().getLong();
        boolean hasLoss = in.flag();
        double lastLoss = in.buffer().getDouble();
        return new NetworkState(spec, layers, training, new Counters(epochs, steps, samples, hasLoss ? lastLoss : null));
    }

    private static String json(Class<?> type, Object value) {
        try {
            return JSON.writerFor(type).writeValueAsString(value);
        } catch (JsonProcessingException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    /** Little-endian output with the CRC-32 appended by {@link #sealed()}. */
    private static final class Writer {

        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private ByteBuffer pending;

        /** A buffer of {@code size} bytes to fill; written out at the next call. */
        ByteBuffer buffer(int size) {
            flush();
            pending = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
            return pending;
        }

        void bytes(byte[] bytes) {
            flush();
            out.writeBytes(bytes);
        }

        /** A UTF-8 string after its byte length; null as length −1. */
        void string(String value) {
            if (value == null) {
                buffer(4).putInt(-1);
                return;
            }
            byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
            buffer(4).putInt(utf8.length);
            bytes(utf8);
        }

        void tensor(Tensor tensor) {
            int[] shape = tensor.shape();
            ByteBuffer header = buffer(5 + 4 * shape.length);
            header.put((byte) tensor.dtype().ordinal()).putInt(shape.length);
            for (int dimension : shape) {
                header.putInt(dimension);
            }
            bytes(tensor.littleEndian());
        }

        byte[] sealed() {
            flush();
            CRC32 crc = new CRC32();
            byte[] body = out.toByteArray();
            crc.update(body);
            buffer(4).putInt((int) crc.getValue());
            flush();
            return out.toByteArray();
        }

        private void flush() {
            if (pending != null) {
                out.write(pending.array(), 0, pending.position());
                pending = null;
            }
        }
    }

    /** Little-endian input that names what it could not read. */
    private record Reader(ByteBuffer in) {

        ByteBuffer buffer() {
            return in;
        }

        int count(String what) {
            int count = in.getInt();
            if (count < 0 || count > in.remaining()) {
                throw new IllegalArgumentException(what + " is " + count + ", which does not fit in the bytes left");
            }
            return count;
        }

        boolean flag() {
            byte flag = in.get();
            if (flag != 0 && flag != 1) {
                throw new IllegalArgumentException("a flag is " + flag + ", not 0 or 1");
            }
            return flag == 1;
        }

        String string() {
            int length = in.getInt();
            if (length == -1) {
                return null;
            }
            if (length < 0 || length > in.remaining()) {
                throw new IllegalArgumentException("a string of " + length + " bytes does not fit in the bytes left");
            }
            byte[] utf8 = new byte[length];
            in.get(utf8);
            return new String(utf8, StandardCharsets.UTF_8);
        }

        <E extends Enum<E>> E constant(Class<E> type) {
            String name = string();
            try {
                return Enum.valueOf(type, String.valueOf(name));
            } catch (IllegalArgumentException unknown) {
                throw new IllegalArgumentException("'" + name + "' is not a " + type.getSimpleName());
            }
        }

        Tensor tensor() {
            byte dtype = in.get();
            if (dtype < 0 || dtype >= Precision.values().length) {
                throw new IllegalArgumentException("a tensor has dtype " + dtype + ", not 0 (float32) or 1 (float64)");
            }
            Precision precision = Precision.values()[dtype];
            int rank = count("a tensor's rank");
            int[] shape = new int[rank];
            long size = 1;
            for (int d = 0; d < rank; d++) {
                shape[d] = count("a tensor's dimension");
                size *= shape[d];
                if (size * Tensor.width(precision) > in.remaining()) {
                    throw new IllegalArgumentException("a tensor of " + size + " values does not fit in the bytes left");
                }
            }
            long length = size * Tensor.width(precision);
            if (length > in.remaining()) {
                throw new IllegalArgumentException("a tensor of shape " + Arrays.toString(shape)
                        + " does not fit in the bytes left");
            }
            byte[] values = new byte[(int) length];
            in.get(values);
            return Tensor.fromLittleEndian(precision, shape, values);
        }

        <T> T json(Class<T> type, boolean optional) {
            String text = string();
            if (text == null) {
                if (optional) {
                    return null;
                }
                throw new IllegalArgumentException("the " + type.getSimpleName() + " is missing");
            }
            try {
                return JSON.readValue(text, type);
            } catch (JsonProcessingException unreadable) {
                throw new IllegalArgumentException("the " + type.getSimpleName() + " cannot be read: "
                        + unreadable.getOriginalMessage());
            }
        }
    }
}
