package io.backprop.engine;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A fully connected layer: z = a_prev · Wᵀ + b, a = f(z).
 *
 * <p>{@code weights} W is [units, fanIn] (PyTorch {@code nn.Linear} layout) and {@code biases} b is
 * [1, units], or {@code null} for a layer without bias. Both are updated in place by training.
 * Products small enough run in {@link JavaKernels}, the rest as BLAS calls on ND4J.
 */
public final class DenseLayer {

    private final INDArray weights;
    private final INDArray biases;
    private final INDArray biasVector;
    private final Activation activation;

    public DenseLayer(INDArray weights, INDArray biases, Activation activation) {
        this.weights = weights;
        this.biases = biases;
        this.biasVector = biases == null ? null : biases.reshape(biases.length());
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

    /** Writes z = aPrev · Wᵀ + b and a = f(z), both [m, units]. */
    public void forward(INDArray aPrev, INDArray z, INDArray a) {
        if (JavaKernels.suit(z.length() * fanIn(), aPrev, weights, biasVector, z)) {
            JavaKernels.dense(aPrev, weights, biasVector, z);
        } else {
            productNative(aPrev, z);
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
            Nd4j.gemm(delta, weights, dLdaPrev, false, false, 1.0, 0.0);
        }
    }

    /** z = aPrev · Wᵀ + b in one ND4J call. */
    void productNative(INDArray aPrev, INDArray z) {
        if (hasBias()) {
            Nd4j.exec(DynamicCustomOp.builder("xw_plus_b").addInputs(aPrev, weights, biasVector).addOutputs(z)
                    .addIntegerArguments(1).build());            // W transposed inside the call
        } else {
            Nd4j.gemm(aPrev, weights, z, false, true, 1.0, 0.0);
        }
    }

    /** ∂L/∂W and ∂L/∂b as matrix products with ND4J. */
    void gradientsNative(INDArray delta, INDArray aPrev, INDArray ones, INDArray weightGradient, INDArray biasGradient) {
        double inverseM = 1.0 / delta.rows();
        Nd4j.gemm(delta, aPrev, weightGradient, true, false, inverseM, 0.0); // ∂L/∂W = δᵀ · aPrev / m
        if (hasBias()) {
            Nd4j.gemm(ones, delta, biasGradient, true, false, inverseM, 0.0); // ∂L/∂b = Σᵢ δᵢ / m
        }
    }

    /** A deep copy in the given precision. */
    public DenseLayer copy(Precision precision) {
        return new DenseLayer(weights.castTo(precision.dataType()).dup(),
                hasBias() ? biases.castTo(precision.dataType()).dup() : null, activation);
    }
}
