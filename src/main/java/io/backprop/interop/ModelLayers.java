package io.backprop.interop;

import io.backprop.engine.Precision;
import io.backprop.state.LayerShape;
import io.backprop.state.LayerTensors;
import java.util.List;
import java.util.Map;

/**
 * The layers a model file describes, before the network is named and given a loss: per layer its
 * shape and tensors (weights [units, fanIn], biases [units] or null), and the file's own metadata.
 */
record ModelLayers(int inputs, Precision dtype, List<LayerShape> shapes, List<LayerTensors> tensors, Map<String, String> metadata) {
}
