package io.backprop.engine;

import java.util.List;

/** The outcome of a {@link GradientCheck}: the largest relative error over every parameter, and per layer. */
public record GradientCheckResult(double epsilon, double maxRelativeError, List<LayerCheck> layers) {
}
