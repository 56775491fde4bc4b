package io.backprop.engine;

import io.backprop.engine.kernels.KernelChoice;
import io.backprop.engine.kernels.Kernels;
import io.backprop.engine.optim.Parameter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Every array one forward and backward pass of a batch of {@code m} rows writes, allocated once
 * and reused across steps. Per layer l: z[l], a[l], delta[l], dLda[l] are [m, units],
 * weightGradient[l] is [units, fanIn], biasGradient[l] is [1, units] (null without bias).
 * The kernels of every layer, of the loss and of each parameter's updates are chosen here, once,
 * for these sizes. A workspace belongs to one thread at a time.
 */
public final class Workspace {

    final LayerKernels[] kernels;
    final Kernels lossKernels;
    final INDArray[] z;
    final INDArray[] a;
    final INDArray[] delta;
    final INDArray[] dLda;
    final INDArray[] weightGradient;
    final INDArray[] biasGradient;
    final INDArray lossScratch;
    private final List<Parameter> parameters;

    Workspace(Network network, int m) {
        List<DenseLayer> layers = network.layers();
        int count = layers.size();
        var type = network.precision().dataType();
        KernelChoice choice = KernelChoice.forBatches(m, type);
        this.kernels = new LayerKernels[count];
        this.z = new INDArray[count];
        this.a = new INDArray[count];
        this.delta = new INDArray[count];
        this.dLda = new INDArray[count];
        this.weightGradient = new INDArray[count];
        this.biasGradient = new INDArray[count];
        List<Parameter> parameters = new ArrayList<>();
        for (int l = 0; l < count; l++) {
            DenseLayer layer = layers.get(l);
            kernels[l] = LayerKernels.of(choice, layer);
            z[l] = Nd4j.create(type, m, layer.units());
            a[l] = Nd4j.create(type, m, layer.units());
            delta[l] = Nd4j.create(type, m, layer.units());
            dLda[l] = Nd4j.create(type, m, layer.units());
            weightGradient[l] = Nd4j.create(type, layer.units(), layer.fanIn());
            parameters.add(new Parameter(Parameter.weightKey(l), layer.weights(), weightGradient[l],
                    choice.updates(layer.weights().length())));
            if (layer.hasBias()) {
                biasGradient[l] = Nd4j.create(type, 1, layer.units());
                parameters.add(new Parameter(Parameter.biasKey(l), layer.biases(), biasGradient[l],
                        choice.updates(layer.biases().length())));
            }
        }
        this.lossKernels = choice.loss(network.outputs());
        this.lossScratch = Nd4j.create(type, m, network.outputs());
        this.parameters = Collections.unmodifiableList(parameters);
    }

    /** The network's parameters paired with this workspace's gradients, in layer order, each named by its state-dict key. */
    public List<Parameter> parameters() {
        return parameters;
    }

    /** The output activations ŷ [m, outputs] of the last forward pass. */
    public INDArray output() {
        return a[a.length - 1];
    }

    public INDArray z(int layer) {
        return z[layer];
    }

    public INDArray a(int layer) {
        return a[layer];
    }

    public INDArray delta(int layer) {
        return delta[layer];
    }

    public INDArray weightGradient(int layer) {
        return weightGradient[layer];
    }

    /** ∂L/∂b as [1, units], or {@code null} for a layer without bias. */
    public INDArray biasGradient(int layer) {
        return biasGradient[layer];
    }
}
