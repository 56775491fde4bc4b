package io.backprop.engine;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One layer's analytic gradients next to central finite differences, all float64:
 * weight gradients [units, fanIn], bias gradients [1, units] or {@code null} without bias.
 */
public record LayerCheck(INDArray weightGradient, INDArray numericWeightGradient,
                         INDArray biasGradient, INDArray numericBiasGradient,
                         double maxRelativeError) {
}
