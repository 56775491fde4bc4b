package io.backprop.engine.kernels;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.scalar.LeakyReLU;
import org.nd4j.linalg.api.ops.impl.scalar.RectifiedLinear;
import org.nd4j.linalg.api.ops.impl.scalar.Step;
import org.nd4j.linalg.api.ops.impl.transforms.custom.SoftMax;
import org.nd4j.linalg.api.ops.impl.transforms.gradient.SigmoidDerivative;
import org.nd4j.linalg.api.ops.impl.transforms.gradient.SoftmaxBp;
import org.nd4j.linalg.api.ops.impl.transforms.gradient.TanhDerivative;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.MulOp;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.SubOp;
import org.nd4j.linalg.api.ops.impl.transforms.same.Abs;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Exp;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Log1p;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Sigmoid;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Tanh;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The operations as ND4J calls: matrix products through {@link Blas}, the element-wise work as
 * ND4J's native ops, one or a few per operation. Holds an [m, 1] column of ones for batches of
 * m rows, so a bias is broadcast and summed by matrix products too. Square roots are the plain-Java
 * ones: ND4J's sqrt makes a library call per element, and IEEE 754 roots are the same bits either way.
 */
public final class BlasKernels implements Kernels {

    private static final Kernels ROOTS = new JavaKernels();

    private final INDArray ones;

    /** Kernels for batches of {@code rows} rows of the given type. */
    public BlasKernels(int rows, DataType type) {
        this.ones = Nd4j.ones(type, rows, 1);
    }

    @Override
    public void dense(INDArray aPrev, INDArray weights, INDArray biases, INDArray z) {
        if (biases == null) {
            Blas.gemm(aPrev, false, weights, true, z, 1.0, 0.0);            // z = aPrev · Wᵀ
        } else {
            Blas.gemm(ones, false, biases, false, z, 1.0, 0.0);             // z = 1 · b: b in every row
            Blas.gemm(aPrev, false, weights, true, z, 1.0, 1.0);            // z += aPrev · Wᵀ
        }
    }

    @Override
    public void gradients(INDArray delta, INDArray aPrev, INDArray weightGradient, INDArray biasGradient) {
        double inverseM = 1.0 / delta.rows();
        Blas.gemm(delta, true, aPrev, false, weightGradient, inverseM, 0.0);  // ∂L/∂W = δᵀ · aPrev / m
        if (biasGradient != null) {
            Blas.gemm(ones, true, delta, false, biasGradient, inverseM, 0.0);  // ∂L/∂b = 1ᵀ · δ / m = Σᵢ δᵢ / m
        }
    }

    @Override
    public void descend(double rate, INDArray delta, INDArray aPrev, INDArray weights, INDArray biases) {
        double step = -rate / delta.rows();
        Blas.gemm(delta, true, aPrev, false, weights, step, 1.0);           // W += −rate · δᵀ · aPrev / m
        if (biases != null) {
            Blas.gemm(ones, true, delta, false, biases, step, 1.0);         // b += −rate · 1ᵀ · δ / m
        }
    }

    @Override
    public void propagate(INDArray delta, INDArray weights, INDArray dLdaPrev) {
        Blas.gemm(delta, false, weights, false, dLdaPrev, 1.0, 0.0);
    }

    @Override
    public void activate(ElementWise f, INDArray z, INDArray a) {
        switch (f) {
            case IDENTITY -> a.assign(z);
            case SIGMOID -> Nd4j.exec(new Sigmoid(z, a));
            case TANH -> Nd4j.exec(new Tanh(z, a));
            case RELU -> Nd4j.exec(new RectifiedLinear(z, a, 0.0));
            case LEAKY_RELU -> Nd4j.exec(new LeakyReLU(z, a, ElementWise.LEAKY_SLOPE));
        }
    }

    @Override
    public void activateBackward(ElementWise f, INDArray z, INDArray dLda, INDArray delta) {
        switch (f) {
            case IDENTITY -> delta.assign(dLda);
            case SIGMOID -> Nd4j.exec(new SigmoidDerivative(z, dLda, delta));    // δ = ∂L/∂a ⊙ σ(z)(1 − σ(z))
            case TANH -> Nd4j.exec(new TanhDerivative(z, dLda, delta));          // δ = ∂L/∂a ⊙ (1 − tanh²(z))
            case RELU -> rectifierBackward(0, z, dLda, delta);
            case LEAKY_RELU -> rectifierBackward(ElementWise.LEAKY_SLOPE, z, dLda, delta);
        }
    }

    /** δ = ∂L/∂a ⊙ (z &gt; 0 ? 1 : slope). */
    private static void rectifierBackward(double slope, INDArray z, INDArray dLda, INDArray delta) {
        Nd4j.exec(new Step(z, delta, 0.0));                          // delta = z > 0 ? 1 : 0
        if (slope != 0) {
            delta.muli(1 - slope).addi(slope);                       // delta = z > 0 ? 1 : slope
        }
        Nd4j.exec(new MulOp(delta, dLda, delta));                    // δ = delta ⊙ ∂L/∂a
    }

    @Override
    public void softmax(INDArray z, INDArray a) {
        Nd4j.exec(new SoftMax(z, a, 1));
    }

    @Override
    public void softmaxBackward(INDArray z, INDArray dLda, INDArray delta) {
        Nd4j.exec(new SoftmaxBp(z, dLda, delta, 1));
    }

    /** The sum of squares as a dot product of the error with itself. */
    @Override
    public double squaredError(INDArray a, INDArray y, INDArray error) {
        difference(a, y, error);
        return Blas.dot(error, error);
    }

    @Override
    public double softmaxCrossEntropy(INDArray z, INDArray y, INDArray scratch, INDArray spare) {
        scratch.assign(z).subiColumnVector(z.max(true, 1));
        Nd4j.exec(new Exp(scratch, spare));
        scratch.subiColumnVector(Transforms.log(spare.sum(true, 1), false));  // scratch = log softmax(z)
        return -scratch.muli(y).sumNumber().doubleValue();
    }

    @Override
    public void crossEntropyDelta(INDArray a, INDArray y, INDArray delta) {
        delta.assign(a).muliColumnVector(y.sum(true, 1)).subi(y);
    }

    @Override
    public double sigmoidCrossEntropy(INDArray z, INDArray y, INDArray scratch, INDArray spare) {
        Nd4j.exec(new RectifiedLinear(z, scratch, 0.0));  // scratch = max(z, 0)
        Nd4j.exec(new MulOp(z, y, spare));
        scratch.subi(spare);                              // scratch −= z·y
        Nd4j.exec(new Abs(z, spare));
        Nd4j.exec(new Exp(spare.negi(), spare));
        Nd4j.exec(new Log1p(spare, spare));               // spare = log(1 + e^−|z|)
        return scratch.addi(spare).sumNumber().doubleValue();
    }

    @Override
    public void difference(INDArray a, INDArray y, INDArray out) {
        Nd4j.exec(new SubOp(a, y, out));
    }

    @Override
    public void axpy(double alpha, INDArray x, INDArray y) {
        Blas.axpy(alpha, x, y);
    }

    @Override
    public void sqrt(INDArray in, INDArray out) {
        ROOTS.sqrt(in, out);
    }
}
