package io.backprop.engine.kernels;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * {@link JavaKernels#dense} for matrices that lie row after row in their buffers (a workspace's
 * arrays and the parameters): the same sums in the same order, read straight from the
 * NIO views of the buffers instead of element by element through strides.
 */
final class RowMajorDense {

    private RowMajorDense() {
    }

    /**
     * Whether all four arrays are row-major, of one dtype and at the start of their buffers (biases
     * may be absent): a view's NIO buffer is not always positioned at the view's first element.
     */
    static boolean applies(INDArray aPrev, INDArray weights, INDArray biases, INDArray z) {
        DataType type = z.dataType();
        return aPrev.dataType() == type && weights.dataType() == type
                && (biases == null || biases.dataType() == type && Elements.rowMajor(biases))
                && Elements.rowMajor(aPrev) && Elements.rowMajor(weights) && Elements.rowMajor(z)
                && aPrev.offset() == 0 && weights.offset() == 0 && z.offset() == 0 && (biases == null || biases.offset() == 0)
                && (type == DataType.DOUBLE || type == DataType.FLOAT);
    }

    /** z [m, n] = aPrev [m, k] · Wᵀ [k, n] + b [1, n]; each sum in float64 from the bias, four outputs at a time. */
    static void dense(INDArray aPrev, INDArray weights, INDArray biases, INDArray z) {
        if (z.dataType() == DataType.DOUBLE) {
            denseDouble(aPrev, weights, biases, z);
        } else {
            denseFloat(aPrev, weights, biases, z);
        }
    }

    private static void denseDouble(INDArray aPrev, INDArray weights, INDArray biases, INDArray z) {
        int m = (int) z.rows();
        int n = (int) z.columns();
        int k = (int) aPrev.columns();
        DoubleBuffer x = aPrev.data().asNioDouble();
        DoubleBuffer w = weights.data().asNioDouble();
        DoubleBuffer b = biases == null ? null : biases.data().asNioDouble();
        DoubleBuffer out = z.data().asNioDouble();
        for (int i = 0; i < m; i++) {
            int xRow = i * k;
            int outRow = i * n;
            int j = 0;
            for (; j + 3 < n; j += 4) {
                int r0 = j * k;
                int r1 = r0 + k;
                int r2 = r1 + k;
                int r3 = r2 + k;
                double s0 = b == null ? 0 : b.get(j);
                double s1 = b == null ? 0 : b.get(j + 1);
                double s2 = b == null ? 0 : b.get(j + 2);
                double s3 = b == null ? 0 : b.get(j + 3);
                for (int p = 0; p < k; p++) {
                    double xp = x.get(xRow + p);
                    s0 += xp * w.get(r0 + p);
                    s1 += xp * w.get(r1 + p);
                    s2 += xp * w.get(r2 + p);
                    s3 += xp * w.get(r3 + p);
                }
                out.put(outRow + j, s0);
                out.put(outRow + j + 1, s1);
                out.put(outRow + j + 2, s2);
                out.put(outRow + j + 3, s3);
            }
            for (; j < n; j++) {
                int r = j * k;
                double sum = b == null ? 0 : b.get(j);
                for (int p = 0; p < k; p++) {
                    sum += (double) x.get(xRow + p) * w.get(r + p);
                }
                out.put(outRow + j, sum);
            }
        }
    }

    private static void denseFloat(INDArray aPrev, INDArray weights, INDArray biases, INDArray z) {
        int m = (int) z.rows();
        int n = (int) z.columns();
        int k = (int) aPrev.columns();
        FloatBuffer x = aPrev.data().asNioFloat();
        FloatBuffer w = weights.data().asNioFloat();
        FloatBuffer b = biases == null ? null : biases.data().asNioFloat();
        FloatBuffer out = z.data().asNioFloat();
        for (int i = 0; i < m; i++) {
            int xRow = i * k;
            int outRow = i * n;
            int j = 0;
            for (; j + 3 < n; j += 4) {
                int r0 = j * k;
                int r1 = r0 + k;
                int r2 = r1 + k;
                int r3 = r2 + k;
                double s0 = b == null ? 0 : b.get(j);
                double s1 = b == null ? 0 : b.get(j + 1);
                double s2 = b == null ? 0 : b.get(j + 2);
                double s3 = b == null ? 0 : b.get(j + 3);
                for (int p = 0; p < k; p++) {
                    double xp = x.get(xRow + p);
                    s0 += xp * w.get(r0 + p);
                    s1 += xp * w.get(r1 + p);
                    s2 += xp * w.get(r2 + p);
                    s3 += xp * w.get(r3 + p);
                }
                out.put(outRow + j, (float) s0);
                out.put(outRow + j + 1, (float) s1);
                out.put(outRow + j + 2, (float) s2);
                out.put(outRow + j + 3, (float) s3);
            }
            for (; j < n; j++) {
                int r = j * k;
                double sum = b == null ? 0 : b.get(j);
                for (int p = 0; p < k; p++) {
                    sum += (double) x.get(xRow + p) * w.get(r + p);
                }
                out.put(outRow + j, (float) sum);
            }
        }
    }
}
