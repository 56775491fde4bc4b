package io.backprop.state;

import io.backprop.engine.Loss;
import io.backprop.engine.Precision;
import java.util.List;

/** What a network is, without its numbers; {@code name} may be null. */
public record NetworkSpec(String name, int inputs, List<LayerShape> layers, Loss loss, Precision dtype) {

    public NetworkSpec {
        layers = List.copyOf(layers);
    }
}
