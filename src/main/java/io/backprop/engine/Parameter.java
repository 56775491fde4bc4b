package io.backprop.engine;

import io.backprop.engine.kernels.Kernels;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One parameter array and its gradient of the same shape; an optimizer updates {@code value} in
 * place, on {@code kernels} (chosen for the parameter's size).
 */
public record Parameter(INDArray value, INDArray gradient, Kernels kernels) {
}
