package io.backprop.interop;

import io.backprop.engine.optim.Parameter;
import io.backprop.state.LayerShape;
import io.backprop.state.LayerTensors;
import io.backprop.state.NetworkSpec;
import io.backprop.state.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A network's parameters as the state dict of {@code nn.Sequential(Linear, activation, …)}: layer
 * l's weights under {@code "{2l}.weight"} [units, fanIn] and its biases under {@code "{2l}.bias"} [units].
 */
final class StateDicts {

    private StateDicts() {
    }

    /** The parameters in PyTorch's layout, layer by layer, weight before bias. */
    static Map<String, Tensor> of(List<LayerTensors> layers) {
        Map<String, Tensor> dict = new LinkedHashMap<>();
        for (int l = 0; l < layers.size(); l++) {
            dict.put(Parameter.weightKey(l), layers.get(l).weights());
            if (layers.get(l).biases() != null) {
                dict.put(Parameter.biasKey(l), TensorShapes.vector(layers.get(l).biases()));
            }
        }
        return dict;
    }

    /**
     * The layers of {@code spec} from a state dict that must hold exactly its keys, in its dtype and
     * shapes, with finite values: 422 naming the first key the network has no place for, 400 for a
     * missing key, a wrong shape or dtype, or a non-finite value. {@code where} prefixes every key in problems.
     */
    static List<LayerTensors> layers(NetworkSpec spec, Map<String, Tensor> dict, String where) {
        List<String> keys = new ArrayList<>();
        for (int l = 0; l < spec.layers().size(); l++) {
            keys.add(Parameter.weightKey(l));
            if (spec.layers().get(l).bias()) {
                keys.add(Parameter.biasKey(l));
            }
        }
        for (String key : dict.keySet()) {
            if (!keys.contains(key)) {
                throw ModelFileException.unsupported(where, "has key \"" + key + "\", which is no parameter of the network: its keys are "
                        + String.join(", ", keys) + " (nn.Sequential of Linear and activation modules)");
            }
        }
        List<LayerTensors> layers = new ArrayList<>();
        int fanIn = spec.inputs();
        for (int l = 0; l < spec.layers().size(); l++) {
            LayerShape shape = spec.layers().get(l);
            Tensor weights = tensor(spec, dict, Parameter.weightKey(l), new int[] {shape.units(), fanIn}, where);
            Tensor biases = shape.bias() ? TensorShapes.row(tensor(spec, dict, Parameter.biasKey(l), new int[] {shape.units()}, where)) : null;
            layers.add(new LayerTensors(weights, biases));
            fanIn = shape.units();
        }
        return layers;
    }

    private static Tensor tensor(NetworkSpec spec, Map<String, Tensor> dict, String key, int[] shape, String where) {
        Tensor tensor = dict.get(key);
        if (tensor == null) {
            throw ModelFileException.damaged(where, "has no \"" + key + "\", which the network needs (shape " + Arrays.toString(shape) + ")");
        }
        if (tensor.dtype() != spec.dtype()) {
            throw ModelFileException.damaged(where, "has \"" + key + "\" in " + tensor.dtype() + ", but the network is " + spec.dtype());
        }
        if (!Arrays.equals(tensor.shape(), shape)) {
            throw ModelFileException.damaged(where, "has \"" + key + "\" of shape " + Arrays.toString(tensor.shape()) + ", but the "
                    + "network needs " + Arrays.toString(shape) + ": the shapes do not chain");
        }
        requireFinite(where, "\"" + key + "\"", tensor);
        return tensor;
    }

    /** Fails with 400 naming the first NaN or infinite value of {@code tensor}. */
    static void requireFinite(String where, String what, Tensor tensor) {
        for (int i = 0; i < tensor.size(); i++) {
            if (!Double.isFinite(tensor.value(i))) {
                throw ModelFileException.damaged(where, "has " + what + " holding " + tensor.value(i) + " at index " + i
                        + " (row-major); parameters must be finite numbers");
            }
        }
    }
}
