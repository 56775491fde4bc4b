package io.backprop.engine.optim;

import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.DivOp;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.MulOp;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Adagrad as {@code torch.optim.Adagrad}: Σ += g² (starting at initialAccumulatorValue),
 * p −= lr/(1 + (t − 1)·lrDecay) · g / (√Σ + ε).
 */
public final class Adagrad extends BaseOptimizer {

    public static final String SUM = "sum";

    private final double lrDecay;
    private final double initialAccumulatorValue;
    private final double epsilon;
    private final double weightDecay;

    public Adagrad(double learningRate, double lrDecay, double initialAccumulatorValue, double epsilon, double weightDecay) {
        super(learningRate);
        this.lrDecay = lrDecay;
        this.initialAccumulatorValue = initialAccumulatorValue;
        this.epsilon = epsilon;
        this.weightDecay = weightDecay;
    }

    @Override
    void update(INDArray p, INDArray g, Map<String, INDArray> state, INDArray scratch) {
        addWeightDecay(g, p, weightDecay);
        double clr = learningRate() / (1 + (steps() - 1) * lrDecay);
        INDArray sum = stateArray(state, SUM, p, initialAccumulatorValue);
        Nd4j.exec(new MulOp(g, g, scratch));
        sum.addi(scratch);                                       // Σ += g²
        squareRoot(sum, scratch);
        scratch.addi(epsilon);                                   // √Σ + ε
        Nd4j.exec(new DivOp(g, scratch, scratch));
        axpy(-clr, scratch, p);                                  // p −= clr · g / (√Σ + ε)
    }

    @Override
    public Optimizer copy() {
        return new Adagrad(learningRate(), lrDecay, initialAccumulatorValue, epsilon, weightDecay).withStateOf(this);
    }
}
