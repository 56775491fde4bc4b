package io.backprop.engine;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * An epoch's mini-batches of x [n, inputs] and y [n, outputs]: in order, row views of the two; shuffled, the rows of
 * the epoch's permutation gathered batch by batch into buffers of one batch, so that shuffling never copies the whole
 * data set and a batch is read while its rows are still in cache. Neither x nor y is modified.
 */
final class MiniBatches {

    private final INDArray x;
    private final INDArray y;
    private final int n;
    private final int batchSize;
    private int[] order;
    private Gathered full;
    private Gathered last;

    /** One batch size's buffers: the rows' indices, x's rows and y's rows. */
    private record Gathered(int[] rows, INDArray x, INDArray y) {
    }

    MiniBatches(INDArray x, INDArray y, int batchSize) {
        this.x = x;
        this.y = y;
        this.n = (int) x.rows();
        this.batchSize = batchSize;
    }

    /** Begins an epoch in row order. */
    void inOrder() {
        order = null;
    }

    /** Begins an epoch in the order of {@code permutation}, a permutation of 0 … n − 1. */
    void shuffled(int[] permutation) {
        order = permutation;
    }

    /** One mini-batch: x's rows [m, inputs] and y's rows [m, outputs]. */
    record Rows(INDArray x, INDArray y) {
    }

    /** Rows from … to − 1 of the epoch's order; shuffled, they stay valid until the next call. */
    Rows rows(int from, int to) {
        if (order == null) {
            return new Rows(view(x, from, to), view(y, from, to));
        }
        Gathered batch = buffers(to - from);
        System.arraycopy(order, from, batch.rows(), 0, to - from);
        Nd4j.pullRows(x, batch.x(), 1, batch.rows());
        Nd4j.pullRows(y, batch.y(), 1, batch.rows());
        return new Rows(batch.x(), batch.y());
    }

    /** The buffers of a batch of {@code m} rows: a full batch, or the shorter last batch of an epoch. */
    private Gathered buffers(int m) {
        if (m == batchSize) {
            if (full == null) {
                full = allocate(m);
            }
            return full;
        }
        if (last == null) {
            last = allocate(m);
        }
        return last;
    }

    private Gathered allocate(int m) {
        return new Gathered(new int[m], Nd4j.createUninitialized(x.dataType(), m, x.columns()),
                Nd4j.createUninitialized(y.dataType(), m, y.columns()));
    }

    private INDArray view(INDArray matrix, int from, int to) {
        return from == 0 && to == n ? matrix : matrix.get(NDArrayIndex.interval(from, to), NDArrayIndex.all());
    }
}
