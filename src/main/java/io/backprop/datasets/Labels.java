package io.backprop.datasets;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Class labels 0 … classes − 1, one per row, turned into one-hot target rows and counted. */
final class Labels {

    /** The most classes a data set may have: its one-hot targets hold this many numbers per row. */
    static final int MAX_CLASSES = 65_536;

    private int[] values = new int[1024];
    private int count;
    private int max = -1;

    void add(int label) {
        if (count == values.length) {
            values = java.util.Arrays.copyOf(values, values.length * 2);
        }
        values[count++] = label;
        max = Math.max(max, label);
    }

    int count() {
        return count;
    }

    int get(int row) {
        return values[row];
    }

    /** {@code classes}, or max label + 1 when null; fails when a label does not fit. */
    int classes(Integer classes, String part) {
        if (max >= MAX_CLASSES) {
            throw new BadFileException(part, "holds label " + max + "; labels must be below " + MAX_CLASSES
                    + " (the most classes a data set may have)");
        }
        if (classes != null && classes > MAX_CLASSES) {
            throw new BadFileException("classes", "is " + classes + "; at most " + MAX_CLASSES + " classes are supported");
        }
        if (classes == null) {
            return max + 1;
        }
        if (max >= classes) {
            throw new BadFileException(part, "holds label " + max + ", but classes is " + classes + "; labels must be below classes");
        }
        return classes;
    }

    /** One-hot rows [count, classes]. */
    INDArray oneHot(int classes, DataType type) {
        INDArray y = Nd4j.create(type, count, classes);
        for (int i = 0; i < count; i++) {
            y.putScalar(i, values[i], 1.0);
        }
        return y;
    }

    long[] classCounts(int classes) {
        long[] counts = new long[classes];
        for (int i = 0; i < count; i++) {
            counts[values[i]]++;
        }
        return counts;
    }
}
