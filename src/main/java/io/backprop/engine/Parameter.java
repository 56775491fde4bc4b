package io.backprop.engine;

import org.nd4j.linalg.api.ndarray.INDArray;

/** One parameter array and its gradient of the same shape; an optimizer updates {@code value} in place. */
public record Parameter(INDArray value, INDArray gradient) {
}
