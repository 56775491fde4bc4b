package io.backprop.engine.kernels;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The arithmetic a multilayer perceptron's training and prediction take, on matrices of one
 * float type: a layer's products, the activations and their backward passes, the losses in their
 * fused stable forms, and the optimizers' updates. Each operation writes only its output
 * arguments (and the scratch arrays it names); a forward activation may write its output over
 * its input. {@link BlasKernels} runs them as ND4J and BLAS calls, {@link JavaKernels} as plain
 * Java loops; {@link KernelChoice} picks one per operation once, by size and type.
 *
 * <p>Shapes: a batch has m rows; aPrev is [m, fanIn], W [units, fanIn], b [1, units] (or
 * {@code null} without bias), z, a, δ and ∂L/∂a [m, units]; targets y are [m, outputs].
 */
public interface Kernels {

    /** z = aPrev · Wᵀ + b. */
    void dense(INDArray aPrev, INDArray weights, INDArray biases, INDArray z);

    /** ∂L/∂W = δᵀ · aPrev / m and, unless {@code biasGradient} is {@code null}, ∂L/∂b = Σᵢ δᵢ / m. */
    void gradients(INDArray delta, INDArray aPrev, INDArray weightGradient, INDArray biasGradient);

    /**
     * Plain gradient descent fused into the gradient products: W −= rate · δᵀ · aPrev / m and, unless
     * {@code biases} is {@code null}, b −= rate · Σᵢ δᵢ / m, with no gradient written anywhere.
     */
    void descend(double rate, INDArray delta, INDArray aPrev, INDArray weights, INDArray biases);

    /** ∂L/∂aPrev = δ · W, the error the previous layer receives. */
    void propagate(INDArray delta, INDArray weights, INDArray dLdaPrev);

    /** a = f(z), element by element. */
    void activate(ElementWise f, INDArray z, INDArray a);

    /** δ = ∂L/∂a ⊙ f′(z), element by element. */
    void activateBackward(ElementWise f, INDArray z, INDArray dLda, INDArray delta);

    /** a = softmax(z) = exp(z − max z) / Σ exp(z − max z), row by row. */
    void softmax(INDArray z, INDArray a);

    /** The Jacobian-vector product δ = s ⊙ (∂L/∂a − Σₖ (∂L/∂a)ₖ sₖ) with s = softmax(z), row by row. */
    void softmaxBackward(INDArray z, INDArray dLda, INDArray delta);

    /** Writes e = a − y into {@code error} and returns Σ e², the sum of squares over every element. */
    double squaredError(INDArray a, INDArray y, INDArray error);

    /**
     * Σᵢ −Σₖ yᵢₖ log softmax(zᵢ)ₖ from the logits, with log softmax(z) = (z − max z) − log Σ exp(z − max z),
     * finite for every finite z; {@code scratch} and {@code spare} are overwritten.
     */
    double softmaxCrossEntropy(INDArray z, INDArray y, INDArray scratch, INDArray spare);

    /** δ = a · Σₖ yₖ − y row by row, the softmax cross-entropy's output error (a − y for targets summing to 1). */
    void crossEntropyDelta(INDArray a, INDArray y, INDArray delta);

    /**
     * Σ −[y log σ(z) + (1 − y) log(1 − σ(z))] over every element, from the logits as
     * max(z, 0) − z·y + log(1 + e^−|z|), which never overflows; {@code scratch} and {@code spare} are overwritten.
     */
    double sigmoidCrossEntropy(INDArray z, INDArray y, INDArray scratch, INDArray spare);

    /** out = a − y. */
    void difference(INDArray a, INDArray y, INDArray out);

    /** y += alpha · x, for x and y of the same shape. */
    void axpy(double alpha, INDArray x, INDArray y);

    /** out = √in element by element (out may be in itself). */
    void sqrt(INDArray in, INDArray out);
}
