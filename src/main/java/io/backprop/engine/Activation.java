package io.backprop.engine;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.scalar.LeakyReLU;
import org.nd4j.linalg.api.ops.impl.scalar.RectifiedLinear;
import org.nd4j.linalg.api.ops.impl.scalar.Step;
import org.nd4j.linalg.api.ops.impl.transforms.custom.SoftMax;
import org.nd4j.linalg.api.ops.impl.transforms.gradient.SigmoidDerivative;
import org.nd4j.linalg.api.ops.impl.transforms.gradient.SoftmaxBp;
import org.nd4j.linalg.api.ops.impl.transforms.gradient.TanhDerivative;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.MulOp;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Sigmoid;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Tanh;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The activation functions a = f(z): each writes its forward value and its backward
 * node error δ = ∂L/∂a ⊙ f′(z) (for softmax the Jacobian-vector product) into given arrays,
 * in one or two ND4J calls, or in {@link JavaKernels} when the arrays are tiny. All arrays are
 * [m, units]; only the output argument is modified, and forward may write a over z itself.
 */
public enum Activation {
    IDENTITY {
        @Override
        void forwardNative(INDArray z, INDArray a) {
            a.assign(z);
        }

        @Override
        void backwardNative(INDArray z, INDArray dLda, INDArray delta) {
            delta.assign(dLda);
        }
    },
    SIGMOID {
        @Override
        void forwardNative(INDArray z, INDArray a) {
            Nd4j.exec(new Sigmoid(z, a));
        }

        @Override
        void backwardNative(INDArray z, INDArray dLda, INDArray delta) {
            Nd4j.exec(new SigmoidDerivative(z, dLda, delta)); // δ = ∂L/∂a ⊙ σ(z)(1 − σ(z))
        }
    },
    TANH {
        @Override
        void forwardNative(INDArray z, INDArray a) {
            Nd4j.exec(new Tanh(z, a));
        }

        @Override
        void backwardNative(INDArray z, INDArray dLda, INDArray delta) {
            Nd4j.exec(new TanhDerivative(z, dLda, delta)); // δ = ∂L/∂a ⊙ (1 − tanh²(z))
        }
    },
    RELU {
        @Override
        void forwardNative(INDArray z, INDArray a) {
            Nd4j.exec(new RectifiedLinear(z, a, 0.0));
        }

        @Override
        void backwardNative(INDArray z, INDArray dLda, INDArray delta) {
            Nd4j.exec(new Step(z, delta, 0.0));      // delta = z > 0 ? 1 : 0
            Nd4j.exec(new MulOp(delta, dLda, delta)); // δ = (z > 0 ? 1 : 0) ⊙ ∂L/∂a
        }
    },
    LEAKY_RELU {
        @Override
        void forwardNative(INDArray z, INDArray a) {
            Nd4j.exec(new LeakyReLU(z, a, LEAKY_SLOPE));
        }

        @Override
        void backwardNative(INDArray z, INDArray dLda, INDArray delta) {
            Nd4j.exec(new Step(z, delta, 0.0));                          // delta = z > 0 ? 1 : 0
            delta.muli(1 - LEAKY_SLOPE).addi(LEAKY_SLOPE).muli(dLda);  // δ = (z > 0 ? 1 : 0.01) ⊙ ∂L/∂a
        }
    },
    SOFTMAX {
        @Override
        void forwardNative(INDArray z, INDArray a) {
            Nd4j.exec(new SoftMax(z, a, 1));
        }

        @Override
        void backwardNative(INDArray z, INDArray dLda, INDArray delta) {
            Nd4j.exec(new SoftmaxBp(z, dLda, delta, 1)); // δ = s ⊙ (g − Σₖ gₖ sₖ), row by row
        }
    };

    /** The negative slope of {@link #LEAKY_RELU}. */
    public static final double LEAKY_SLOPE = 0.01;

    /** a = f(z); writes {@code a} only. */
    public void forward(INDArray z, INDArray a) {
        if (JavaKernels.suit(z.length(), z, a)) {
            JavaKernels.activate(this, z, a);
        } else {
            forwardNative(z, a);
        }
    }

    /** δ = ∂L/∂a ⊙ f′(z), or the Jacobian-vector product for softmax; writes {@code delta} only. */
    public void backward(INDArray z, INDArray dLda, INDArray delta) {
        if (JavaKernels.suit(z.length(), z, dLda, delta)) {
            JavaKernels.activationBackward(this, z, dLda, delta);
        } else {
            backwardNative(z, dLda, delta);
        }
    }

    /** {@link #forward} in one or two ND4J calls. */
    abstract void forwardNative(INDArray z, INDArray a);

    /** {@link #backward} in one or two ND4J calls. */
    abstract void backwardNative(INDArray z, INDArray dLda, INDArray delta);

    @Override
    public String toString() {
        return name().toLowerCase();
    }
}
