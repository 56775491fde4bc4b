package io.backprop.engine;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A fully connected layer: z = a_prev · Wᵀ + b, a = f(z).
 *
 * <p>{@code weights} W is [units, fanIn] (PyTorch {@code nn.Linear} layout) and {@code biases} b is
 * [1, units], or {@code null} for a layer without bias. Both are updated in place by training.
 */
public record DenseLayer(INDArray weights, INDArray biases, Activation activation) {

    public boolean hasBias() {
        return biases != null;
    }

    public int units() {
        return (int) weights.rows();
    }

    public int fanIn() {
        return (int) weights.columns();
    }

    public long parameterCount() {
        return weights.length() + (hasBias() ? biases.length() : 0);
    }

    /** Writes z = aPrev · Wᵀ + b and a = f(z), both [m, units]; a may be z itself. */
    public void forward(LayerKernels kernels, INDArray aPrev, INDArray z, INDArray a) {
        kernels.products().dense(aPrev, weights, biases, z);
        activation.forward(kernels.activation(), z, a);
    }

    /** Writes ∂L/∂W = δᵀ · aPrev / m and ∂L/∂b = Σᵢ δᵢ / m from the per-sample δ [m, units] and aPrev [m, fanIn]. */
    public void gradients(LayerKernels kernels, INDArray delta, INDArray aPrev, INDArray weightGradient, INDArray biasGradient) {
        kernels.products().gradients(delta, aPrev, weightGradient, biasGradient);
    }

    /** Plain gradient descent at {@code rate} straight from δ [m, units] and aPrev [m, fanIn]: W −= rate · ∂L/∂W, b −= rate · ∂L/∂b. */
    public void descend(LayerKernels kernels, double rate, INDArray delta, INDArray aPrev) {
        kernels.products().descend(rate, delta, aPrev, weights, biases);
    }

    /** Writes ∂L/∂aPrev = δ · W, [m, fanIn], the error the previous layer receives. */
    public void propagate(LayerKernels kernels, INDArray delta, INDArray dLdaPrev) {
        kernels.products().propagate(delta, weights, dLdaPrev);
    }

    /** A deep copy in the given precision. */
    public DenseLayer copy(Precision precision) {
        return new DenseLayer(weights.castTo(precision.dataType()).dup(),
                hasBias() ? biases.castTo(precision.dataType()).dup() : null, activation);
    }
}
