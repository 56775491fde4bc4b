package io.backprop.engine.kernels;

import org.bytedeco.javacpp.indexer.DoubleIndexer;
import org.bytedeco.javacpp.indexer.FloatIndexer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Reads and writes element (i, j) of a float32 or float64 matrix in its own native buffer, by the
 * matrix's strides, so views, transposes and column-major arrays are read as they are; nothing is copied.
 */
public final class Elements {

    private final DoubleIndexer doubles;
    private final FloatIndexer floats;
    private final long rowStride;
    private final long columnStride;

    /** The indexer of a matrix's data starts at the matrix's first element, views included. */
    public Elements(INDArray matrix) {
        if (matrix.rank() != 2 || !holdsReals(matrix.dataType())) {
            throw new IllegalArgumentException("not a float32 or float64 matrix: " + matrix.shapeInfoToString());
        }
        if (matrix.dataType() == DataType.DOUBLE) {
            this.doubles = (DoubleIndexer) matrix.data().indexer();
            this.floats = null;
        } else {
            this.doubles = null;
            this.floats = (FloatIndexer) matrix.data().indexer();
        }
        this.rowStride = matrix.stride(0);
        this.columnStride = matrix.stride(1);
    }

    /** Whether arrays of this type can be read this way: float32 or float64. */
    public static boolean holdsReals(DataType type) {
        return type == DataType.DOUBLE || type == DataType.FLOAT;
    }

    /**
     * Whether a matrix lies in its buffer row after row with no gaps. Strides of a dimension of
     * length 1 do not matter (ND4J gives a [1, 1] array strides that are not the default ones).
     */
    public static boolean rowMajor(INDArray matrix) {
        return matrix.rank() == 2
                && (matrix.rows() == 1 || matrix.stride(0) == matrix.columns())
                && (matrix.columns() == 1 || matrix.stride(1) == 1);
    }

    public double get(int i, int j) {
        long at = i * rowStride + j * columnStride;
        return doubles != null ? doubles.get(at) : floats.get(at);
    }

    /** Writes {@code value}, rounded to float32 in a float32 matrix. */
    public void set(int i, int j, double value) {
        long at = i * rowStride + j * columnStride;
        if (doubles != null) {
            doubles.put(at, value);
        } else {
            floats.put(at, (float) value);
        }
    }
}
