package io.backprop.engine;

import io.backprop.engine.kernels.ElementWise;
import io.backprop.engine.kernels.Kernels;
import io.backprop.engine.kernels.RowKernels;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The activation functions a = f(z), each with its backward node error δ = ∂L/∂a ⊙ f′(z)
 * (for softmax the Jacobian-vector product). All arrays are [m, units]; only the output argument
 * is written, and forward may write a over z itself.
 */
public enum Activation {
    IDENTITY(ElementWise.IDENTITY),
    SIGMOID(ElementWise.SIGMOID),
    TANH(ElementWise.TANH),
    RELU(ElementWise.RELU),
    LEAKY_RELU(ElementWise.LEAKY_RELU),
    /** Row by row: a = softmax(z), δ = s ⊙ (∂L/∂a − Σₖ (∂L/∂a)ₖ sₖ). */
    SOFTMAX(null, Kernels::softmax, Kernels::softmaxBackward);

    /** The element-wise function, or {@code null} for softmax. */
    private final ElementWise function;
    private final Forward forward;
    private final Backward backward;

    Activation(ElementWise f) {
        this(f, (k, z, a) -> k.activate(f, z, a), (k, z, dLda, delta) -> k.activateBackward(f, z, dLda, delta));
    }

    Activation(ElementWise function, Forward forward, Backward backward) {
        this.function = function;
        this.forward = forward;
        this.backward = backward;
    }

    /** a = f(z); writes {@code a} only. */
    public void forward(Kernels kernels, INDArray z, INDArray a) {
        forward.apply(kernels, z, a);
    }

    /** a = f(z) over the first {@code units} values of one row, in place, as the plain-Java kernels compute it. */
    void forward(float[] z, int units) {
        if (function == null) {
            RowKernels.softmax(z, units);
        } else {
            RowKernels.activate(function, z, units);
        }
    }

    /** a = f(z) over the first {@code units} values of one row, in place, as the plain-Java kernels compute it. */
    void forward(double[] z, int units) {
        if (function == null) {
            RowKernels.softmax(z, units);
        } else {
            RowKernels.activate(function, z, units);
        }
    }

    /** δ = ∂L/∂a ⊙ f′(z), or the Jacobian-vector product for softmax; writes {@code delta} only. */
    public void backward(Kernels kernels, INDArray z, INDArray dLda, INDArray delta) {
        backward.apply(kernels, z, dLda, delta);
    }

    @Override
    public String toString() {
        return name().toLowerCase();
    }

    @FunctionalInterface
    private interface Forward {
        void apply(Kernels kernels, INDArray z, INDArray a);
    }

    @FunctionalInterface
    private interface Backward {
        void apply(Kernels kernels, INDArray z, INDArray dLda, INDArray delta);
    }
}
