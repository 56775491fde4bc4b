package io.backprop.state;

import io.backprop.engine.optim.Parameter;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A network's whole state as one value: its spec, every layer's parameters, its training
 * configuration and state, and its counters. Two states are equal when every part is, tensors bit
 * for bit; {@link #encode()} and {@link #decode(byte[])} carry it as bytes.
 */
public record NetworkState(NetworkSpec spec, List<LayerTensors> layers, TrainingState training, Counters counters) {

    /** Checks that the parameters and optimizer buffers fit the spec: shapes, dtypes, biases and keys. */
    public NetworkState {
        layers = List.copyOf(layers);
        if (layers.size() != spec.layers().size()) {
            throw new IllegalArgumentException("the spec has " + spec.layers().size() + " layers but " + layers.size()
                    + " are given");
        }
        int fanIn = spec.inputs();
        for (int l = 0; l < layers.size(); l++) {
            LayerShape shape = spec.layers().get(l);
            LayerTensors tensors = layers.get(l);
            check(Parameter.weightKey(l), tensors.weights(), new int[] {shape.units(), fanIn}, spec);
            if (shape.bias() != (tensors.biases() != null)) {
                throw new IllegalArgumentException("layer " + l + (shape.bias() ? " has a bias but no biases are given"
                        : " has no bias but biases are given"));
            }
            if (shape.bias()) {
                check(Parameter.biasKey(l), tensors.biases(), new int[] {1, shape.units()}, spec);
            }
            fanIn = shape.units();
        }
        Map<String, Tensor> parameters = stateDict(layers);
        training.optimizerState().forEach((key, buffers) -> {
            Tensor parameter = parameters.get(key);
            if (parameter == null) {
                throw new IllegalArgumentException("optimizer state for " + key + ", which is not a parameter of the network");
            }
            buffers.forEach((name, buffer) -> check(key + " " + name, buffer, parameter.shape(), spec));
        });
    }

    private static void check(String what, Tensor tensor, int[] shape, NetworkSpec spec) {
        if (tensor == null) {
            throw new IllegalArgumentException(what + " is missing");
        }
        if (!Arrays.equals(tensor.shape(), shape)) {
            throw new IllegalArgumentException(what + " has shape " + Arrays.toString(tensor.shape()) + ", expected "
                    + Arrays.toString(shape));
        }
        if (tensor.dtype() != spec.dtype()) {
            throw new IllegalArgumentException(what + " is " + tensor.dtype() + " in a " + spec.dtype() + " network");
        }
    }

    /** The parameters by state-dict key, in layer order: {@code "0.weight"}, {@code "0.bias"}, {@code "2.weight"}, … */
    public Map<String, Tensor> stateDict() {
        return stateDict(layers);
    }

    private static Map<String, Tensor> stateDict(List<LayerTensors> layers) {
        Map<String, Tensor> dict = new LinkedHashMap<>();
        for (int l = 0; l < layers.size(); l++) {
            dict.put(Parameter.weightKey(l), layers.get(l).weights());
            if (layers.get(l).biases() != null) {
                dict.put(Parameter.biasKey(l), layers.get(l).biases());
            }
        }
        return dict;
    }

    /** A versioned, self-describing binary form: little-endian numbers and tensors, a CRC-32 at the end. */
    public byte[] encode() {
        return StateCodec.encode(this);
    }

    /** The state {@link #encode()} wrote; {@link IllegalArgumentException} naming the problem for damaged bytes. */
    public static NetworkState decode(byte[] bytes) {
        return StateCodec.decode(bytes);
    }
}
