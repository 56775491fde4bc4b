package io.backprop.engine;

import io.backprop.engine.kernels.Kernels;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The losses, each the batch mean L = (1/m) Σᵢ ℓᵢ of a per-sample loss, and the output node
 * errors δᵢ = ∂ℓᵢ/∂zᵢ. Cross-entropies are computed from the logits z in their fused, stable forms.
 *
 * <p>All arrays are [m, outputs]: {@code z} and {@code a} of the output layer, targets {@code y};
 * {@code scratch} and {@code delta} are overwritten.
 */
public enum Loss {
    /** ℓᵢ = ½‖aᵢ − yᵢ‖²; δ = (a − y) ⊙ f′(z) through the output activation, whichever it is. */
    MSE(null,
            (k, z, a, y, error, spare) -> 0.5 * k.squaredError(a, y, error),            // error = a − y
            (k, output, z, a, y, error, delta) -> output.backward(k, z, error, delta)),
    /** ℓᵢ = −Σₖ yᵢₖ log softmax(zᵢ)ₖ after a softmax; δ = a·Σₖyₖ − y (= a − y for targets summing to 1). */
    CROSS_ENTROPY(Activation.SOFTMAX,
            (k, z, a, y, scratch, spare) -> k.softmaxCrossEntropy(z, y, scratch, spare),
            (k, output, z, a, y, scratch, delta) -> k.crossEntropyDelta(a, y, delta)),
    /** ℓᵢ = −Σₖ [yₖ log σ(zₖ) + (1 − yₖ) log(1 − σ(zₖ))] after a sigmoid; δ = a − y. */
    BINARY_CROSS_ENTROPY(Activation.SIGMOID,
            (k, z, a, y, scratch, spare) -> k.sigmoidCrossEntropy(z, y, scratch, spare),
            (k, output, z, a, y, scratch, delta) -> k.difference(a, y, delta));

    private final Activation output;
    private final Sum sum;
    private final OutputError outputError;

    Loss(Activation output, Sum sum, OutputError outputError) {
        this.output = output;
        this.sum = sum;
        this.outputError = outputError;
    }

    /** Whether this loss may follow the given output activation. */
    public boolean pairsWith(Activation output) {
        return this.output == null || this.output == output;
    }

    /** The batch loss L; overwrites {@code scratch} and {@code delta}. */
    public double value(Kernels kernels, INDArray z, INDArray a, INDArray y, INDArray scratch, INDArray delta) {
        return sum.apply(kernels, z, a, y, scratch, delta) / y.rows();
    }

    /** Writes the output layer's per-sample δ into {@code delta} and returns the batch loss L. */
    public double backward(Kernels kernels, Activation output, INDArray z, INDArray a, INDArray y,
                           INDArray scratch, INDArray delta) {
        double loss = value(kernels, z, a, y, scratch, delta);
        outputError.apply(kernels, output, z, a, y, scratch, delta);
        return loss;
    }

    @Override
    public String toString() {
        return name().toLowerCase();
    }

    /** Σᵢ ℓᵢ; overwrites {@code scratch} and {@code spare}. */
    @FunctionalInterface
    private interface Sum {
        double apply(Kernels k, INDArray z, INDArray a, INDArray y, INDArray scratch, INDArray spare);
    }

    /** δ, written after {@link Sum} has filled {@code scratch}. */
    @FunctionalInterface
    private interface OutputError {
        void apply(Kernels k, Activation output, INDArray z, INDArray a, INDArray y, INDArray scratch, INDArray delta);
    }
}
