package io.backprop.engine;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One layer's part of a traced backpropagation step: z, a and δ are [m, units]; weights and
 * their gradient [units, fanIn]; biases and their gradient [1, units], or {@code null} without bias.
 * The {@code weights} and {@code biases} are the values before the update.
 */
public record LayerStep(INDArray z, INDArray a, INDArray delta,
                        INDArray weights, INDArray biases,
                        INDArray weightGradient, INDArray biasGradient,
                        INDArray updatedWeights, INDArray updatedBiases) {
}
