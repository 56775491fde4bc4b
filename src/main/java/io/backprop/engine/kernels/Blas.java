package io.backprop.engine.kernels;

import static org.bytedeco.openblas.global.openblas_nolapack.CblasNoTrans;
import static org.bytedeco.openblas.global.openblas_nolapack.CblasRowMajor;
import static org.bytedeco.openblas.global.openblas_nolapack.CblasTrans;
import static org.bytedeco.openblas.global.openblas_nolapack.cblas_daxpy;
import static org.bytedeco.openblas.global.openblas_nolapack.cblas_dgemm;
import static org.bytedeco.openblas.global.openblas_nolapack.cblas_saxpy;
import static org.bytedeco.openblas.global.openblas_nolapack.cblas_sgemm;

import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Pointer;
import org.nd4j.linalg.api.buffer.DataBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.shape.Shape;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Matrix products, and the vector operations axpy and dot, on the OpenBLAS that ND4J ships, called
 * through its JavaCPP binding on the arrays' own buffers: ND4J's matrix-product ops reach the same sgemm, but their bookkeeping costs
 * about as much again as a training step's product, so row-major contiguous arrays take this
 * direct route; anything else goes through {@link Nd4j#gemm}. One-row products stay gemm calls
 * too: OpenBLAS splits a gemv over its threads, and request threads predicting at once would then
 * queue for them. Every call large enough for OpenBLAS to split passes {@link BlasGate}.
 */
public final class Blas {

    private Blas() {
    }

    /** c = alpha · op(a) · op(b) + beta · c, where op transposes when asked; c [M, N] is written in place. */
    public static void gemm(INDArray a, boolean transposeA, INDArray b, boolean transposeB, INDArray c, double alpha, double beta) {
        int m = (int) c.rows();
        int n = (int) c.columns();
        int k = (int) (transposeA ? a.rows() : a.columns());
        boolean entered = BlasGate.enterProduct(m, n, k);
        try {
            if (direct(a, b, c)) {
                cblas(a, transposeA, b, transposeB, c, alpha, beta, m, n, k);
            } else {
                Nd4j.gemm(a, b, c, transposeA, transposeB, alpha, beta);
            }
        } finally {
            BlasGate.exit(entered);
        }
    }

    /** y += alpha · x over all elements, x and y of one shape. */
    public static void axpy(double alpha, INDArray x, INDArray y) {
        int n = (int) y.length();
        boolean entered = BlasGate.enterVector(n);
        try {
            if (!contiguous(x, y)) {
                y.addi(x.mul(alpha));                        // ND4J's own axpy reads a view as if it had no gaps
            } else if (y.dataType() == DataType.DOUBLE) {
                cblas_daxpy(n, alpha, (DoublePointer) first(x), 1, (DoublePointer) first(y), 1);
            } else {
                cblas_saxpy(n, (float) alpha, (FloatPointer) first(x), 1, (FloatPointer) first(y), 1);
            }
        } finally {
            BlasGate.exit(entered);
        }
    }

    /** The dot product of x and y over all elements. */
    public static double dot(INDArray x, INDArray y) {
        boolean entered = BlasGate.enterVector(x.length());
        try {
            return Nd4j.getBlasWrapper().dot(x, y);
        } finally {
            BlasGate.exit(entered);
        }
    }

    private static void cblas(INDArray a, boolean transposeA, INDArray b, boolean transposeB, INDArray c, double alpha, double beta,
                              int m, int n, int k) {
        int lda = (int) a.columns();
        int ldb = (int) b.columns();
        int transA = transposeA ? CblasTrans : CblasNoTrans;
        int transB = transposeB ? CblasTrans : CblasNoTrans;
        if (c.dataType() == DataType.DOUBLE) {
            cblas_dgemm(CblasRowMajor, transA, transB, m, n, k, alpha, (DoublePointer) first(a), lda,
                    (DoublePointer) first(b), ldb, beta, (DoublePointer) first(c), n);
        } else {
            cblas_sgemm(CblasRowMajor, transA, transB, m, n, k, (float) alpha, (FloatPointer) first(a), lda,
                    (FloatPointer) first(b), ldb, (float) beta, (FloatPointer) first(c), n);
        }
    }

    /**
     * A pointer to the array's first element, of its type: the buffer's own pointer when the array is a whole buffer of
     * its own (no object is made), else the address ND4J works out for a view (four objects and two native calls).
     */
    private static Pointer first(INDArray array) {
        DataBuffer data = array.data();
        DataBuffer wrapped = data.underlyingDataBuffer();
        if ((wrapped == null || wrapped == data) && data.offset() == 0) {
            Pointer own = data.pointer();
            if (own instanceof FloatPointer || own instanceof DoublePointer) {
                return own;
            }
        }
        return data.addressPointer();
    }

    /** Whether x and y, of one float type, each lie in their buffers element after element in row-major order. */
    private static boolean contiguous(INDArray x, INDArray y) {
        DataType type = y.dataType();
        return (type == DataType.FLOAT || type == DataType.DOUBLE) && x.dataType() == type && x.length() == y.length()
                && x.ordering() == 'c' && y.ordering() == 'c' && Shape.hasDefaultStridesForShape(x) && Shape.hasDefaultStridesForShape(y);
    }

    private static boolean direct(INDArray a, INDArray b, INDArray c) {
        DataType type = c.dataType();
        return (type == DataType.FLOAT || type == DataType.DOUBLE) && a.dataType() == type && b.dataType() == type
                && Elements.rowMajor(a) && Elements.rowMajor(b) && Elements.rowMajor(c);
    }
}
