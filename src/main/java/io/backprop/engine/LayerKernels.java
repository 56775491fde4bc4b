package io.backprop.engine;

import io.backprop.engine.kernels.KernelChoice;
import io.backprop.engine.kernels.Kernels;

/** The kernels one layer runs on, chosen once for its batch size: its products and its activation. */
public record LayerKernels(Kernels products, Kernels activation) {

    static LayerKernels of(KernelChoice choice, DenseLayer layer) {
        return new LayerKernels(choice.products(layer.fanIn(), layer.units()), choice.activation(layer.units()));
    }
}
