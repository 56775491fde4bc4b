package io.backprop.interop;

import io.backprop.engine.Activation;
import io.backprop.engine.DenseLayer;
import io.backprop.engine.Loss;
import io.backprop.engine.Network;
import io.backprop.engine.Precision;
import io.backprop.state.LayerShape;
import io.backprop.state.LayerTensors;
import io.backprop.state.NetworkSpec;
import io.backprop.state.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Seeded random networks as a spec and its layers' tensors, and as an engine network to predict with. */
record Models(NetworkSpec spec, List<LayerTensors> layers) {

    /** inputs 3, then layers of 4 and 2 units, both of {@code activation}. */
    static Models random(long seed, Activation activation, Precision dtype, boolean bias) {
        int[] sizes = {3, 4, 2};
        SplittableRandom random = new SplittableRandom(seed);
        List<LayerShape> shapes = new ArrayList<>();
        List<LayerTensors> layers = new ArrayList<>();
        for (int l = 1; l < sizes.length; l++) {
            shapes.add(new LayerShape(sizes[l], activation, bias));
            layers.add(new LayerTensors(tensor(random, dtype, sizes[l], sizes[l - 1]), bias ? tensor(random, dtype, 1, sizes[l]) : null));
        }
        return new Models(new NetworkSpec("random-" + activation, sizes[0], shapes, Loss.MSE, dtype), layers);
    }

    static Tensor tensor(SplittableRandom random, Precision dtype, int... shape) {
        int n = 1;
        for (int dim : shape) {
            n *= dim;
        }
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            double value = random.nextDouble(-1.5, 1.5);
            values[i] = dtype == Precision.FLOAT32 ? (float) value : value;
        }
        return new Tensor(dtype, shape, values);
    }

    static double[][] rows(long seed, int rows, int columns) {
        SplittableRandom random = new SplittableRandom(seed);
        double[][] values = new double[rows][columns];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < columns; j++) {
                values[i][j] = random.nextDouble(-2, 2);
            }
        }
        return values;
    }

    Network network() {
        List<DenseLayer> dense = new ArrayList<>();
        for (int l = 0; l < layers.size(); l++) {
            LayerTensors tensors = layers.get(l);
            dense.add(new DenseLayer(tensors.weights().toArray(),
                    tensors.biases() == null ? null : tensors.biases().toArray(),
                    spec.layers().get(l).activation()));
        }
        return new Network(spec.inputs(), dense, spec.loss(), spec.dtype());
    }
}
