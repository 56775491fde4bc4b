package io.backprop.state;

import io.backprop.engine.Precision;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.bytedeco.javacpp.indexer.DoubleIndexer;
import org.bytedeco.javacpp.indexer.FloatIndexer;
import org.bytedeco.javacpp.indexer.Indexer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.shape.Shape;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A dense array in row-major order; float32 values are held exactly (widened to double).
 * Equality is bitwise: dtype, shape and every value's bits.
 */
public record Tensor(Precision dtype, int[] shape, double[] values) {

    public Tensor {
        if (dtype == null || shape == null || values == null) {
            throw new IllegalArgumentException("a tensor needs a dtype, a shape and values");
        }
        shape = shape.clone();
        values = values.clone();
        long size = 1;
        for (int dimension : shape) {
            if (dimension < 0) {
                throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " has a negative dimension");
            }
            size *= dimension;
        }
        if (size != values.length) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " holds " + size + " values, not "
                    + values.length);
        }
        if (dtype == Precision.FLOAT32) {
            for (double value : values) {
                if (Double.doubleToRawLongBits((float) value) != Double.doubleToRawLongBits(value) && !Double.isNaN(value)) {
                    throw new IllegalArgumentException(value + " is not a float32 value");
                }
            }
        }
    }

    /** A copy of {@code array}'s values in its own dtype (float32 or float64). */
    public static Tensor of(INDArray array) {
        Precision dtype = switch (array.dataType()) {
            case FLOAT -> Precision.FLOAT32;
            case DOUBLE -> Precision.FLOAT64;
            default -> throw new IllegalArgumentException("a " + array.dataType() + " array is neither float32 nor float64");
        };
        int[] shape = Arrays.stream(array.shape()).mapToInt(Math::toIntExact).toArray();
        return new Tensor(dtype, shape, values(array));
    }

    /**
     * The values of a float32 or float64 array in row-major order, widened to double. An array laid out row-major without
     * gaps is read straight from its buffer (whose indexer starts at the array's first element); anything else is copied
     * into that layout first.
     */
    private static double[] values(INDArray array) {
        int length = Math.toIntExact(array.length());
        if (length == 0) {
            return new double[0];
        }
        INDArray rowMajor = array.ordering() == 'c' && Shape.hasDefaultStridesForShape(array) ? array : array.dup('c');
        Indexer indexer = rowMajor.data().indexer();
        double[] values = new double[length];
        if (indexer instanceof DoubleIndexer doubles) {
            doubles.get(0, values);
        } else {
            float[] floats = new float[length];
            ((FloatIndexer) indexer).get(0, floats);
            for (int i = 0; i < length; i++) {
                values[i] = floats[i];
            }
        }
        return values;
    }

    /** A new array of this shape and dtype holding these values. */
    public INDArray toArray() {
        long[] longShape = Arrays.stream(shape).asLongStream().toArray();
        if (values.length == 0) {
            return Nd4j.create(dtype.dataType(), longShape);
        }
        return Nd4j.create(values.clone(), longShape, 'c').castTo(dtype.dataType());
    }

    /** The values little-endian: 4 bytes each for float32, 8 for float64. */
    public byte[] littleEndian() {
        int width = width(dtype);
        ByteBuffer buffer = ByteBuffer.allocate(values.length * width).order(ByteOrder.LITTLE_ENDIAN);
        for (double value : values) {
            if (width == Float.BYTES) {
                buffer.putFloat((float) value);
            } else {
                buffer.putDouble(value);
            }
        }
        return buffer.array();
    }

    /** The tensor whose {@link #littleEndian()} bytes are {@code bytes}; they must fill the shape exactly. */
    public static Tensor fromLittleEndian(Precision dtype, int[] shape, byte[] bytes) {
        int width = width(dtype);
        long size = 1;
        for (int dimension : shape) {
            size *= dimension;
        }
        if (size * width != bytes.length) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " of " + dtype + " needs " + size * width
                    + " bytes, not " + bytes.length);
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        double[] values = new double[(int) size];
        for (int i = 0; i < values.length; i++) {
            values[i] = width == Float.BYTES ? buffer.getFloat() : buffer.getDouble();
        }
        return new Tensor(dtype, shape, values);
    }

    static int width(Precision dtype) {
        return dtype == Precision.FLOAT32 ? Float.BYTES : Double.BYTES;
    }

    @Override
    public int[] shape() {
        return shape.clone();
    }

    /** The values in row-major order (a copy). */
    @Override
    public double[] values() {
        return values.clone();
    }

    /** The number of values. */
    public int size() {
        return values.length;
    }

    /** Value {@code index} in row-major order. */
    public double value(int index) {
        return values[index];
    }

    @Override
    public boolean equals(Object other) {
        if (!(other instanceof Tensor that) || dtype != that.dtype || !Arrays.equals(shape, that.shape)) {
            return false;
        }
        for (int i = 0; i < values.length; i++) {
            if (Double.doubleToRawLongBits(values[i]) != Double.doubleToRawLongBits(that.values[i])) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        return 31 * (31 * dtype.hashCode() + Arrays.hashCode(shape)) + Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return "Tensor[" + dtype + " " + Arrays.toString(shape) + " " + (values.length <= 8 ? Arrays.toString(values)
                : values.length + " values") + "]";
    }
}
