package io.backprop.engine;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A fully connected layer: z = a_prev · Wᵀ + b, a = f(z).
 *
 * <p>{@code weights} W is [units, fanIn] (PyTorch {@code nn.Linear} layout) and {@code biases} b is
 * [1, units], or {@code null} for a layer without bias. Both are updated in place by training.
 * Products small enough run in {@link JavaKernels}, the rest as calls to ND4J's BLAS ({@link Blas}).
 */
public final class DenseLayer {

    private final INDArray weights;
    private final INDArray biases;
    private final Activation activation;

    public DenseLayer(INDArray weights, INDArray biases, Activation activation) {
        this.weights = weights;
        this.biases = biases;
        this.activation = activation;
    }

    public INDArray weights() {
        return weights;
    }

    /** b as [1, units], or {@code null} when the layer has no bias. */
    public INDArray biases() {
        return biases;
    }

    public boolean hasBias() {
        return biases != null;
    }

    public Activation activation() {
        return activation;
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

    /** Writes z = aPrev · Wᵀ + b and a = f(z), both [m, units]; {@code ones} is an [m, 1] column of ones. */
    public void forward(INDArray aPrev, INDArray ones, INDArray z, INDArray a) {
        if (JavaKernels.suit(z.length() * fanIn(), aPrev, weights, biases, z)) {
            JavaKernels.dense(aPrev, weights, biases, z);
        } else {
            productNative(aPrev, ones, z);
        }
        activation.forward(z, a);
    }

    /**
     * Writes this layer's gradients from its per-sample δ [m, units] and the previous activations
     * aPrev [m, fanIn]; {@code ones} is an [m, 1] column of ones.
     */
    public void gradients(INDArray delta, INDArray aPrev, INDArray ones,
                          INDArray weightGradient, INDArray biasGradient) {
        if (JavaKernels.suit(weights.length() * delta.rows(), delta, aPrev, weightGradient, biasGradient)) {
            JavaKernels.gradients(delta, aPrev, weightGradient, biasGradient);
        } else {
            gradientsNative(delta, aPrev, ones, weightGradient, biasGradient);
        }
    }

    /** Writes ∂L/∂aPrev = δ · W, [m, fanIn], the error the previous layer receives. */
    public void propagate(INDArray delta, INDArray dLdaPrev) {
        if (JavaKernels.suit(dLdaPrev.length() * units(), delta, weights, dLdaPrev)) {
            JavaKernels.propagate(delta, weights, dLdaPrev);
        } else {
            Blas.gemm(delta, false, weights, false, dLdaPrev, 1.0, 0.0);      // ∂L/∂aPrev = δ · W
        }
    }

    /** z = aPrev · Wᵀ + b in BLAS calls. */
    void productNative(INDArray aPrev, INDArray ones, INDArray z) {
        if (hasBias()) {
            Blas.gemm(ones, false, biases, false, z, 1.0, 0.0);             // z = 1 · b: b in every row
            Blas.gemm(aPrev, false, weights, true, z, 1.0, 1.0);            // z += aPrev · Wᵀ
        } else {
            Blas.gemm(aPrev, false, weights, true, z, 1.0, 0.0);            // z = aPrev · Wᵀ
        }
    }

    /** ∂L/∂W and ∂L/∂b in BLAS calls. */
    void gradientsNative(INDArray delta, INDArray aPrev, INDArray ones, INDArray weightGradient, INDArray biasGradient) {
        double inverseM = 1.0 / delta.rows();
        Blas.gemm(delta, true, aPrev, false, weightGradient, inverseM, 0.0);  // ∂L/∂W = δᵀ · aPrev / m
        if (hasBias()) {
            Blas.gemm(ones, true, delta, false, biasGradient, inverseM, 0.0);  // ∂L/∂b = 1ᵀ · δ / m = Σᵢ δᵢ / m
        }
    }

    /** A deep copy in the given precision. */
    public DenseLayer copy(Precision precision) {
        return new DenseLayer(weights.castTo(precision.dataType()).dup(),
                hasBias() ? biases.castTo(precision.dataType()).dup() : null, activation);
    }
}
