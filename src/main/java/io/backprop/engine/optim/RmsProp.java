package io.backprop.engine.optim;

import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.DivOp;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.MulOp;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.SubOp;
import org.nd4j.linalg.factory.Nd4j;

/**
 * RMSprop as {@code torch.optim.RMSprop}: s = αs + (1 − α)g²; centered: ḡ = αḡ + (1 − α)g and
 * the denominator is √(s − ḡ²) + ε, else √s + ε; with momentum μ, b = μb + g/denominator and
 * p −= lr·b, else p −= lr·g/denominator.
 */
public final class RmsProp extends BaseOptimizer {

    public static final String SQUARE_AVG = "squareAvg";
    public static final String GRAD_AVG = "gradAvg";
    public static final String MOMENTUM_BUFFER = "momentumBuffer";

    private final double alpha;
    private final double epsilon;
    private final double weightDecay;
    private final double momentum;
    private final boolean centered;

    public RmsProp(double learningRate, double alpha, double epsilon, double weightDecay, double momentum, boolean centered) {
        super(learningRate);
        this.alpha = alpha;
        this.epsilon = epsilon;
        this.weightDecay = weightDecay;
        this.momentum = momentum;
        this.centered = centered;
    }

    @Override
    void update(INDArray p, INDArray g, Map<String, INDArray> state, INDArray scratch) {
        addWeightDecay(g, p, weightDecay);
        INDArray s = stateArray(state, SQUARE_AVG, p, 0);
        Nd4j.exec(new MulOp(g, g, scratch));
        axpy(1 - alpha, scratch, s.muli(alpha));                 // s = αs + (1 − α)g²
        if (centered) {
            INDArray gBar = stateArray(state, GRAD_AVG, p, 0);
            axpy(1 - alpha, g, gBar.muli(alpha));                // ḡ = αḡ + (1 − α)g
            Nd4j.exec(new MulOp(gBar, gBar, scratch));
            Nd4j.exec(new SubOp(s, scratch, scratch));           // s − ḡ²
            squareRoot(scratch, scratch);
        } else {
            squareRoot(s, scratch);
        }
        scratch.addi(epsilon);                                   // denominator
        Nd4j.exec(new DivOp(g, scratch, scratch));               // g / denominator
        if (momentum > 0) {
            INDArray b = stateArray(state, MOMENTUM_BUFFER, p, 0);
            b.muli(momentum).addi(scratch);                      // b = μb + g/denominator
            axpy(-learningRate(), b, p);
        } else {
            axpy(-learningRate(), scratch, p);
        }
    }

    @Override
    public Optimizer copy() {
        return new RmsProp(learningRate(), alpha, epsilon, weightDecay, momentum, centered).withStateOf(this);
    }
}
