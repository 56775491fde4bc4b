package io.backprop.state;

import io.backprop.engine.Activation;

/** One dense layer's shape: its units, activation and whether it has a bias. */
public record LayerShape(int units, Activation activation, boolean bias) {
}
