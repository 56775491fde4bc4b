package io.backprop.network;

import org.nd4j.linalg.api.ndarray.INDArray;

/** Validated rows as matrices in the network's precision: x [m, inputs], y [m, outputs]. */
public record Batch(INDArray x, INDArray y) {
}
