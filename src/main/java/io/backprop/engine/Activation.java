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
 * one ND4J call each. All arrays are [m, units]; only the output argument is modified.
 */
public enum Activation {
    IDENTITY {
        @Override
        public void forward(INDArray z, INDArray a) {
            a.assign(z);
        }

        @Override
        public void backward(INDArray z, INDArray a, INDArray dLda, INDArray delta) {
            delta.assign(dLda);
        }
    },
    SIGMOID {
        @Override
        public void forward(INDArray z, INDArray a) {
            Nd4j.exec(new Sigmoid(z, a));
        }

        @Override
        public void backward(INDArray z, INDArray a, INDArray dLda, INDArray delta) {
            Nd4j.exec(new SigmoidDerivative(z, dLda, delta)); // δ = ∂L/∂a ⊙ σ(z)(1 − σ(z))
        }
    },
    TANH {
        @Override
        public void forward(INDArray z, INDArray a) {
            Nd4j.exec(new Tanh(z, a));
        }

        @Override
        public void backward(INDArray z, INDArray a, INDArray dLda, INDArray delta) {
            Nd4j.exec(new TanhDerivative(z, dLda, delta)); // δ = ∂L/∂a ⊙ (1 − tanh²(z))
        }
    },
    RELU {
        @Override
        public void forward(INDArray z, INDArray a) {
            Nd4j.exec(new RectifiedLinear(z, a, 0.0));
        }

        @Override
        public void backward(INDArray z, INDArray a, INDArray dLda, INDArray delta) {
            Nd4j.exec(new Step(z, delta, 0.0));      // delta = z > 0 ? 1 : 0
            Nd4j.exec(new MulOp(delta, dLda, delta)); // δ = (z > 0 ? 1 : 0) ⊙ ∂L/∂a
        }
    },
    LEAKY_RELU {
        @Override
        public void forward(INDArray z, INDArray a) {
            Nd4j.exec(new LeakyReLU(z, a, LEAKY_SLOPE));
        }

        @Override
        public void backward(INDArray z, INDArray a, INDArray dLda, INDArray delta) {
            Nd4j.exec(new Step(z, delta, 0.0));                          // delta = z > 0 ? 1 : 0
            delta.muli(1 - LEAKY_SLOPE).addi(LEAKY_SLOPE).muli(dLda);  // δ = (z > 0 ? 1 : 0.01) ⊙ ∂L/∂a
        }
    },
    SOFTMAX {
        @Override
        public void forward(INDArray z, INDArray a) {
            Nd4j.exec(new SoftMax(z, a, 1));
        }

        @Override
        public void backward(INDArray z, INDArray a, INDArray dLda, INDArray delta) {
            Nd4j.exec(new SoftmaxBp(z, dLda, delta, 1)); // δ = s ⊙ (g − Σₖ gₖ sₖ), row by row
        }
    };

    /** The negative slope of {@link #LEAKY_RELU}. */
    public static final double LEAKY_SLOPE = 0.01;

    /** a = f(z); writes {@code a} only. */
    public abstract void forward(INDArray z, INDArray a);

    /** δ = ∂L/∂a ⊙ f′(z), or the Jacobian-vector product for softmax; writes {@code delta} only. */
    public abstract void backward(INDArray z, INDArray a, INDArray dLda, INDArray delta);

    @Override
    public String toString() {
        return name().toLowerCase();
    }
}
