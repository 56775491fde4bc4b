package io.backprop.engine;

import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;

/** A full backpropagation step: the loss and output ŷ [m, outputs] before the update, and every layer. */
public record StepTrace(double loss, INDArray output, double learningRate, boolean applied, List<LayerStep> layers) {
}
