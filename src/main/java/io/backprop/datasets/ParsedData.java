package io.backprop.datasets;

import org.nd4j.linalg.api.ndarray.INDArray;

/** What a file parser read: inputs x [n, inputs], targets y [n, outputs] and, for labels, the count per class. */
record ParsedData(INDArray x, INDArray y, long[] classCounts) {
}
