package io.backprop.datasets;

import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What a file parser read: inputs x [n, inputs], targets y [n, outputs], for labels the count per
 * class, and for named labels the class names in class order.
 */
record ParsedData(INDArray x, INDArray y, long[] classCounts, List<String> classNames) {
}
