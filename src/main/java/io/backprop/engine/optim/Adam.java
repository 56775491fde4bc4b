package io.backprop.engine.optim;

import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.custom.Max;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.DivOp;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.MulOp;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Adam as {@code torch.optim.Adam}, and AdamW ({@code decoupled}) as {@code torch.optim.AdamW}:
 * m = β₁m + (1 − β₁)g, v = β₂v + (1 − β₂)g², p −= lr/(1 − β₁ᵗ) · m / (√v̂/√(1 − β₂ᵗ) + ε),
 * where v̂ is v, or with AMSGrad the running maximum of v. Weight decay adds wd·p to g (Adam)
 * or first shrinks p by (1 − lr·wd) (AdamW).
 */
public final class Adam extends BaseOptimizer {

    public static final String EXP_AVG = "expAvg";
    public static final String EXP_AVG_SQ = "expAvgSq";
    public static final String MAX_EXP_AVG_SQ = "maxExpAvgSq";

    private final double beta1;
    private final double beta2;
    private final double epsilon;
    private final double weightDecay;
    private final boolean amsgrad;
    private final boolean decoupled;

    public Adam(double learningRate, double beta1, double beta2, double epsilon, double weightDecay,
                boolean amsgrad, boolean decoupled) {
        super(learningRate);
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.epsilon = epsilon;
        this.weightDecay = weightDecay;
        this.amsgrad = amsgrad;
        this.decoupled = decoupled;
    }

    @Override
    void update(INDArray p, INDArray g, Map<String, INDArray> state, INDArray scratch) {
        if (decoupled) {
            p.muli(1 - learningRate() * weightDecay);            // p = p·(1 − lr·wd)
        } else {
            addWeightDecay(g, p, weightDecay);
        }
        INDArray m = stateArray(state, EXP_AVG, p, 0);
        INDArray v = stateArray(state, EXP_AVG_SQ, p, 0);
        axpy(1 - beta1, g, m.muli(beta1));                        // m = β₁m + (1 − β₁)g
        Nd4j.exec(new MulOp(g, g, scratch));
        axpy(1 - beta2, scratch, v.muli(beta2));                  // v = β₂v + (1 − β₂)g²
        INDArray vHat = v;
        if (amsgrad) {
            vHat = stateArray(state, MAX_EXP_AVG_SQ, p, 0);
            Nd4j.exec(new Max(vHat, v, vHat));                    // v̂ = max(v̂, v)
        }
        long t = steps();
        double biasCorrection1 = 1 - Math.pow(beta1, t);
        double biasCorrection2Sqrt = Math.sqrt(1 - Math.pow(beta2, t));
        squareRoot(vHat, scratch);
        scratch.divi(biasCorrection2Sqrt).addi(epsilon);          // denominator √v̂/√(1 − β₂ᵗ) + ε
        Nd4j.exec(new DivOp(m, scratch, scratch));
        axpy(-learningRate() / biasCorrection1, scratch, p);      // p −= lr/(1 − β₁ᵗ) · m / denominator
    }

    @Override
    public Optimizer copy() {
        return new Adam(learningRate(), beta1, beta2, epsilon, weightDecay, amsgrad, decoupled).withStateOf(this);
    }
}
