package io.backprop.engine;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.floating.Sqrt;
import org.nd4j.linalg.factory.Nd4j;

/**
 * out = √in, element by element, for the adaptive optimizers' denominators. ND4J's sqrt kernel
 * makes one scalar library call per element here (a 256 × 784 float32 array: about 800 µs, twenty
 * times its element-wise multiply), while the JIT's vectorised square root over chunks copied to
 * the heap takes about 40 µs. IEEE 754 square roots are correctly rounded, so both give the same bits.
 */
public final class SquareRoot {

    private static final int CHUNK = 4096;
    private static final ThreadLocal<float[]> FLOATS = ThreadLocal.withInitial(() -> new float[CHUNK]);
    private static final ThreadLocal<double[]> DOUBLES = ThreadLocal.withInitial(() -> new double[CHUNK]);

    private SquareRoot() {
    }

    /** Writes √in into out (same shape and type; out may be in itself). */
    public static void apply(INDArray in, INDArray out) {
        if (!Elements.reachable(in) || !Elements.reachable(out) || in.dataType() != out.dataType()) {
            Nd4j.exec(new Sqrt(in, out));
        } else if (in.dataType() == DataType.FLOAT) {
            floats(in, out);
        } else {
            doubles(in, out);
        }
    }

    private static void floats(INDArray in, INDArray out) {
        FloatBuffer source = in.data().asNioFloat();
        FloatBuffer target = out.data().asNioFloat();
        int from = (int) in.offset();
        int to = (int) out.offset();
        float[] chunk = FLOATS.get();
        for (int start = 0, length = (int) in.length(); start < length; start += CHUNK) {
            int count = Math.min(CHUNK, length - start);
            source.get(from + start, chunk, 0, count);
            for (int i = 0; i < count; i++) {
                chunk[i] = (float) Math.sqrt(chunk[i]);
            }
            target.put(to + start, chunk, 0, count);
        }
    }

    private static void doubles(INDArray in, INDArray out) {
        DoubleBuffer source = in.data().asNioDouble();
        DoubleBuffer target = out.data().asNioDouble();
        int from = (int) in.offset();
        int to = (int) out.offset();
        double[] chunk = DOUBLES.get();
        for (int start = 0, length = (int) in.length(); start < length; start += CHUNK) {
            int count = Math.min(CHUNK, length - start);
            source.get(from + start, chunk, 0, count);
            for (int i = 0; i < count; i++) {
                chunk[i] = Math.sqrt(chunk[i]);
            }
            target.put(to + start, chunk, 0, count);
        }
    }
}
