package io.backprop.engine;

import org.bytedeco.javacpp.indexer.DoubleIndexer;
import org.bytedeco.javacpp.indexer.FloatIndexer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Reads and writes the elements of a row-major, contiguous float32 or float64 array in its own
 * native buffer, by flat index (row i, column j of an [m, n] array is i·n + j); nothing is copied.
 */
final class Elements {

    private final DoubleIndexer doubles;
    private final FloatIndexer floats;

    /** The indexer of an array's data starts at the array's first element, views included. */
    Elements(INDArray array) {
        if (array.dataType() == DataType.DOUBLE) {
            this.doubles = (DoubleIndexer) array.data().indexer();
            this.floats = null;
        } else {
            this.doubles = null;
            this.floats = (FloatIndexer) array.data().indexer();
        }
    }

    /** Whether {@code array} can be reached this way: row-major, contiguous, float32 or float64. */
    static boolean reachable(INDArray array) {
        return (array.dataType() == DataType.DOUBLE || array.dataType() == DataType.FLOAT) && rowMajor(array);
    }

    /**
     * Whether a matrix lies in its buffer row after row with no gaps. Strides of a dimension of
     * length 1 do not matter (ND4J gives a [1, 1] array strides that are not the default ones).
     */
    static boolean rowMajor(INDArray matrix) {
        return matrix.rank() == 2
                && (matrix.rows() == 1 || matrix.stride(0) == matrix.columns())
                && (matrix.columns() == 1 || matrix.stride(1) == 1);
    }

    double get(long i) {
        return doubles != null ? doubles.get(i) : floats.get(i);
    }

    void set(long i, double value) {
        if (doubles != null) {
            doubles.put(i, value);
        } else {
            floats.put(i, (float) value);
        }
    }
}
