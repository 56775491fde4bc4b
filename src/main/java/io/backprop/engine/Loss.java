package io.backprop.engine;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.scalar.RectifiedLinear;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.MulOp;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.SubOp;
import org.nd4j.linalg.api.ops.impl.transforms.same.Abs;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Exp;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Log1p;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The losses, each the batch mean L = (1/m) Σᵢ ℓᵢ of a per-sample loss, and the output node
 * errors δᵢ = ∂ℓᵢ/∂zᵢ. Cross-entropies are computed from the logits z in their fused, stable forms,
 * in ND4J calls or, for tiny arrays, in {@link JavaKernels}.
 *
 * <p>All arrays are [m, outputs]: {@code z} and {@code a} of the output layer, targets {@code y};
 * {@code scratch} and {@code delta} are overwritten.
 */
public enum Loss {
    /** ℓᵢ = ½‖aᵢ − yᵢ‖²; δ = (a − y) ⊙ f′(z) through the output activation. */
    MSE {
        @Override
        public boolean pairsWith(Activation output) {
            return true;
        }

        @Override
        double valueNative(INDArray z, INDArray a, INDArray y, INDArray scratch, INDArray delta) {
            Nd4j.exec(new SubOp(a, y, scratch)); // scratch = a − y
            double norm = scratch.norm2Number().doubleValue();
            return 0.5 * norm * norm / y.rows();
        }

        @Override
        double backwardNative(Activation output, INDArray z, INDArray a, INDArray y,
                               INDArray scratch, INDArray delta) {
            double loss = valueNative(z, a, y, scratch, delta);
            output.backward(z, scratch, delta); // δ = (a − y) ⊙ f′(z)
            return loss;
        }
    },
    /** ℓᵢ = −Σₖ yᵢₖ log softmax(zᵢ)ₖ; δ = a·Σₖyₖ − y (= a − y for targets summing to 1). */
    CROSS_ENTROPY {
        @Override
        public boolean pairsWith(Activation output) {
            return output == Activation.SOFTMAX;
        }

        @Override
        double valueNative(INDArray z, INDArray a, INDArray y, INDArray scratch, INDArray delta) {
            logSoftmax(z, scratch, delta);
            return -scratch.muli(y).sumNumber().doubleValue() / y.rows();
        }

        @Override
        double backwardNative(Activation output, INDArray z, INDArray a, INDArray y,
                               INDArray scratch, INDArray delta) {
            double loss = valueNative(z, a, y, scratch, delta);
            delta.assign(a).muliColumnVector(y.sum(true, 1)).subi(y); // δ = a·Σₖyₖ − y
            return loss;
        }
    },
    /** ℓᵢ = −Σₖ [yₖ log σ(zₖ) + (1 − yₖ) log(1 − σ(zₖ))]; δ = a − y. */
    BINARY_CROSS_ENTROPY {
        @Override
        public boolean pairsWith(Activation output) {
            return output == Activation.SIGMOID;
        }

        /** Element-wise ℓ = max(z, 0) − z·y + log(1 + e^−|z|), which never overflows. */
        @Override
        double valueNative(INDArray z, INDArray a, INDArray y, INDArray scratch, INDArray delta) {
            Nd4j.exec(new RectifiedLinear(z, scratch, 0.0)); // scratch = max(z, 0)
            Nd4j.exec(new MulOp(z, y, delta));
            scratch.subi(delta);                             // scratch −= z·y
            Nd4j.exec(new Abs(z, delta));
            Nd4j.exec(new Exp(delta.negi(), delta));
            Nd4j.exec(new Log1p(delta, delta));              // delta = log(1 + e^−|z|)
            return scratch.addi(delta).sumNumber().doubleValue() / y.rows();
        }

        @Override
        double backwardNative(Activation output, INDArray z, INDArray a, INDArray y,
                               INDArray scratch, INDArray delta) {
            double loss = valueNative(z, a, y, scratch, delta);
            Nd4j.exec(new SubOp(a, y, delta)); // δ = σ(z) − y
            return loss;
        }
    };

    /**
     * Writes log softmax(z) = (z − max z) − log Σ exp(z − max z), row by row, into {@code logP};
     * finite for every finite z. {@code spare} is overwritten.
     */
    static void logSoftmax(INDArray z, INDArray logP, INDArray spare) {
        logP.assign(z).subiColumnVector(z.max(true, 1));
        Nd4j.exec(new Exp(logP, spare));
        logP.subiColumnVector(Transforms.log(spare.sum(true, 1), false));
    }

    /** Whether this loss may follow the given output activation. */
    public abstract boolean pairsWith(Activation output);

    /** The batch loss L; overwrites {@code scratch} and {@code delta}. */
    public double value(INDArray z, INDArray a, INDArray y, INDArray scratch, INDArray delta) {
        if (JavaKernels.suitLoss(z, a, y, scratch, delta)) {
            return JavaKernels.loss(this, null, z, a, y, scratch, delta, false);
        }
        return valueNative(z, a, y, scratch, delta);
    }

    /** Writes the output layer's per-sample δ into {@code delta} and returns the batch loss L. */
    public double backward(Activation output, INDArray z, INDArray a, INDArray y, INDArray scratch, INDArray delta) {
        if (JavaKernels.suitLoss(z, a, y, scratch, delta)) {
            return JavaKernels.loss(this, output, z, a, y, scratch, delta, true);
        }
        return backwardNative(output, z, a, y, scratch, delta);
    }

    /** {@link #value} in ND4J calls. */
    abstract double valueNative(INDArray z, INDArray a, INDArray y, INDArray scratch, INDArray delta);

    /** {@link #backward} in ND4J calls. */
    abstract double backwardNative(Activation output, INDArray z, INDArray a, INDArray y,
                                   INDArray scratch, INDArray delta);

    @Override
    public String toString() {
        return name().toLowerCase();
    }
}
