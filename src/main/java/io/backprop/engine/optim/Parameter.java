package io.backprop.engine.optim;

import io.backprop.engine.kernels.Kernels;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One parameter array and its gradient of the same shape, named by its state-dict key
 * ({@code "0.weight"}, {@code "0.bias"}, {@code "2.weight"}, …); an optimizer updates {@code value}
 * in place, on {@code kernels} (chosen for the parameter's size).
 */
public record Parameter(String key, INDArray value, INDArray gradient, Kernels kernels) {

    /** The state-dict key of layer {@code layer}'s weights: {@code "{2·layer}.weight"}. */
    public static String weightKey(int layer) {
        return 2 * layer + ".weight";
    }

    /** The state-dict key of layer {@code layer}'s biases: {@code "{2·layer}.bias"}. */
    public static String biasKey(int layer) {
        return 2 * layer + ".bias";
    }
}
