package io.backprop.datasets;

import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Rows of a fixed width collected while a file streams in, in blocks of rows (never one huge array
 * nor one object per value), then copied block by block into a matrix.
 */
final class RowBlocks {

    private static final int ROWS_PER_BLOCK = 1024;

    private final int width;
    private final List<double[]> blocks = new ArrayList<>();
    private int rows;

    RowBlocks(int width) {
        this.width = width;
    }

    /** Appends one row of {@code width} values. */
    void add(double[] row) {
        int inBlock = rows % ROWS_PER_BLOCK;
        if (inBlock == 0) {
            blocks.add(new double[ROWS_PER_BLOCK * width]);
        }
        System.arraycopy(row, 0, blocks.get(blocks.size() - 1), inBlock * width, width);
        rows++;
    }

    int rows() {
        return rows;
    }

    int rowsWidth() {
        return width;
    }

    /** The rows as an [rows, width] matrix of the given type. */
    INDArray toMatrix(DataType type) {
        INDArray matrix = Nd4j.create(type, rows, width);
        for (int b = 0; b < blocks.size(); b++) {
            int first = b * ROWS_PER_BLOCK;
            int count = Math.min(ROWS_PER_BLOCK, rows - first);
            double[] values = count == ROWS_PER_BLOCK ? blocks.get(b) : java.util.Arrays.copyOf(blocks.get(b), count * width);
            matrix.get(NDArrayIndex.interval(first, first + count), NDArrayIndex.all())
                    .assign(Nd4j.create(values, new long[] {count, width}, 'c').castTo(type));
        }
        return matrix;
    }
}
