package io.backprop.store;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** A matrix [rows, columns] as little-endian chunks of whole rows, read from and written into its buffer in place. */
final class MatrixChunks {

    /** Bytes a chunk holds at most (one row more when a single row is larger). */
    static final int CHUNK_BYTES = 4 << 20;

    private MatrixChunks() {
    }

    /** Rows per chunk for a matrix of this row size in bytes. */
    static int rowsPerChunk(long rowBytes) {
        return (int) Math.max(1, CHUNK_BYTES / Math.max(1, rowBytes));
    }

    /** Rows {@code first} … {@code first + count − 1} of a row-major matrix as little-endian bytes. */
    static byte[] rows(INDArray matrix, long first, int count) {
        long columns = matrix.columns();
        int values = Math.toIntExact(count * columns);
        int offset = Math.toIntExact(first * columns);
        ByteBuffer bytes = ByteBuffer.allocate(values * matrix.dataType().width()).order(ByteOrder.LITTLE_ENDIAN);
        if (matrix.dataType() == DataType.DOUBLE) {
            bytes.asDoubleBuffer().put(matrix.data().asNioDouble().slice(offset, values));
        } else {
            bytes.asFloatBuffer().put(matrix.data().asNioFloat().slice(offset, values));
        }
        return bytes.array();
    }

    /** Copies a chunk of little-endian values into the matrix from value {@code offset}; returns the values copied. */
    static int fill(INDArray matrix, long offset, byte[] chunk) {
        ByteBuffer bytes = ByteBuffer.wrap(chunk).order(ByteOrder.LITTLE_ENDIAN);
        int at = Math.toIntExact(offset);
        if (matrix.dataType() == DataType.DOUBLE) {
            int values = chunk.length / Double.BYTES;
            matrix.data().asNioDouble().position(at).put(bytes.asDoubleBuffer());
            return values;
        }
        int values = chunk.length / Float.BYTES;
        matrix.data().asNioFloat().position(at).put(bytes.asFloatBuffer());
        return values;
    }

    /** The matrix as a contiguous row-major array (itself when it already is one). */
    static INDArray rowMajor(INDArray matrix) {
        return matrix.ordering() == 'c' && !matrix.isView() && matrix.offset() == 0 ? matrix : matrix.dup('c');
    }
}
