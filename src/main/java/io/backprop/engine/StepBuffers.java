package io.backprop.engine;

import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The arrays a traced step ({@link BackpropStep}) writes besides its workspace, allocated once per
 * network and reused: per layer l, the parameters before the step (weights[l] [units, fanIn],
 * biases[l] [1, units]) and after it (updatedWeights[l], updatedBiases[l]); the bias arrays are
 * {@code null} for a layer without bias. Belongs to one thread at a time.
 */
public final class StepBuffers {

    final INDArray[] weights;
    final INDArray[] biases;
    final INDArray[] updatedWeights;
    final INDArray[] updatedBiases;

    public StepBuffers(Network network) {
        List<DenseLayer> layers = network.layers();
        int count = layers.size();
        weights = new INDArray[count];
        biases = new INDArray[count];
        updatedWeights = new INDArray[count];
        updatedBiases = new INDArray[count];
        for (int l = 0; l < count; l++) {
            DenseLayer layer = layers.get(l);
            weights[l] = Nd4j.createUninitialized(layer.weights().dataType(), layer.weights().shape());
            updatedWeights[l] = Nd4j.createUninitialized(layer.weights().dataType(), layer.weights().shape());
            if (layer.hasBias()) {
                biases[l] = Nd4j.createUninitialized(layer.biases().dataType(), layer.biases().shape());
                updatedBiases[l] = Nd4j.createUninitialized(layer.biases().dataType(), layer.biases().shape());
            }
        }
    }
}
