package io.backprop.bench;

import io.backprop.engine.Activation;
import io.backprop.engine.DenseLayer;
import io.backprop.engine.InitScheme;
import io.backprop.engine.InitSettings;
import io.backprop.engine.Initializer;
import io.backprop.engine.Loss;
import io.backprop.engine.Network;
import io.backprop.engine.Precision;
import java.util.ArrayList;
import java.util.List;

/** The benchmarks' network: 784-256-128-10, ReLU hidden layers, softmax output, cross-entropy, float32, He-initialised. */
final class Mlp {

    static final int[] SIZES = {784, 256, 128, 10};

    private Mlp() {
    }

    static Network create() {
        Initializer initializer = new Initializer(new InitSettings(InitScheme.HE_UNIFORM, 1, 0, 1, 1));
        List<DenseLayer> layers = new ArrayList<>();
        for (int l = 1; l < SIZES.length; l++) {
            Activation activation = l == SIZES.length - 1 ? Activation.SOFTMAX : Activation.RELU;
            layers.add(new DenseLayer(initializer.weights(l - 1, SIZES[l], SIZES[l - 1], Precision.FLOAT32),
                    initializer.biases(SIZES[l], Precision.FLOAT32), activation));
        }
        return new Network(SIZES[0], layers, Loss.CROSS_ENTROPY, Precision.FLOAT32);
    }
}
