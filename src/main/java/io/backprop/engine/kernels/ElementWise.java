package io.backprop.engine.kernels;

import java.util.function.DoubleUnaryOperator;

/** The element-wise activation functions f and their derivatives f′, as the plain-Java kernels evaluate them. */
public enum ElementWise {
    /** f(z) = z. */
    IDENTITY(z -> z, z -> 1),
    /** f(z) = σ(z) = 1 / (1 + e^−z); f′(z) = σ(z)(1 − σ(z)). */
    SIGMOID(ElementWise::sigmoid, z -> {
        double s = sigmoid(z);
        return s * (1 - s);
    }),
    /** f(z) = tanh(z); f′(z) = 1 − tanh²(z). */
    TANH(Math::tanh, z -> {
        double t = Math.tanh(z);
        return 1 - t * t;
    }),
    /** f(z) = max(z, 0); f′(z) = z &gt; 0 ? 1 : 0 (0 at z = 0). */
    RELU(z -> z > 0 ? z : 0, z -> z > 0 ? 1 : 0),
    /** f(z) = z &gt; 0 ? z : 0.01·z; f′(z) = z &gt; 0 ? 1 : 0.01. */
    LEAKY_RELU(z -> z > 0 ? z : ElementWise.LEAKY_SLOPE * z, z -> z > 0 ? 1 : ElementWise.LEAKY_SLOPE);

    /** The negative slope of {@link #LEAKY_RELU}. */
    public static final double LEAKY_SLOPE = 0.01;

    private final DoubleUnaryOperator value;
    private final DoubleUnaryOperator slope;

    ElementWise(DoubleUnaryOperator value, DoubleUnaryOperator slope) {
        this.value = value;
        this.slope = slope;
    }

    /** f(z). */
    double value(double z) {
        return value.applyAsDouble(z);
    }

    /** f′(z). */
    double slope(double z) {
        return slope.applyAsDouble(z);
    }

    private static double sigmoid(double z) {
        return 1 / (1 + Math.exp(-z));
    }
}
