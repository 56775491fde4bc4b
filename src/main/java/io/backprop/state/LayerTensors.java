package io.backprop.state;

/** One layer's parameters: weights [units, fanIn] and biases [1, units], or null for a layer without bias. */
public record LayerTensors(Tensor weights, Tensor biases) {
}
