package io.backprop.inference;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;

/** Raw little-endian tensor data, as Triton's binary tensor data extension carries it. */
final class BinaryTensors {

    private BinaryTensors() {
    }

    /** {@code count} FP32 or FP64 values from {@code bytes} at {@code offset}, widened to double. */
    static double[] read(byte[] bytes, int offset, int count, Datatype datatype) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes, offset, count * datatype.bytes()).slice().order(ByteOrder.LITTLE_ENDIAN);
        double[] values = new double[count];
        if (datatype == Datatype.FP64) {
            buffer.asDoubleBuffer().get(values);
            return values;
        }
        FloatBuffer floats = buffer.asFloatBuffer();
        for (int k = 0; k < count; k++) {
            values[k] = floats.get(k);
        }
        return values;
    }

    /** Writes values as FP32 (each rounded to float) or FP64 into {@code buffer}, which must be little-endian. */
    static void write(double[] values, Datatype datatype, ByteBuffer buffer) {
        if (datatype == Datatype.FP64) {
            DoubleBuffer doubles = buffer.asDoubleBuffer();
            doubles.put(values);
        } else {
            FloatBuffer floats = buffer.asFloatBuffer();
            for (double value : values) {
                floats.put((float) value);
            }
        }
        buffer.position(buffer.position() + values.length * datatype.bytes());
    }

    /** Writes INT64 values into {@code buffer}, which must be little-endian. */
    static void write(long[] values, ByteBuffer buffer) {
        buffer.asLongBuffer().put(values);
        buffer.position(buffer.position() + values.length * Datatype.INT64.bytes());
    }
}
