package io.backprop.engine.optim;

import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Stochastic gradient descent as {@code torch.optim.SGD}: g += wd·p; with momentum μ,
 * b = μ·b + (1 − dampening)·g (b = g on the first step) and g = nesterov ? g + μ·b : b; then p −= lr·g.
 * With μ = 0 there is no momentum buffer at all.
 */
public final class Sgd extends BaseOptimizer {

    public static final String MOMENTUM_BUFFER = "momentumBuffer";

    private final double momentum;
    private final double dampening;
    private final boolean nesterov;
    private final double weightDecay;

    public Sgd(double learningRate, double momentum, double dampening, boolean nesterov, double weightDecay) {
        super(learningRate);
        this.momentum = momentum;
        this.dampening = dampening;
        this.nesterov = nesterov;
        this.weightDecay = weightDecay;
    }

    /** Plain SGD: p −= lr·g. */
    public Sgd(double learningRate) {
        this(learningRate, 0, 0, false, 0);
    }

    @Override
    void update(INDArray p, INDArray g, Map<String, INDArray> state, INDArray scratch) {
        addWeightDecay(g, p, weightDecay);
        if (momentum != 0) {
            INDArray b = state.get(MOMENTUM_BUFFER);
            if (b == null) {
                state.put(MOMENTUM_BUFFER, g.dup());           // b = g on the first step
                b = state.get(MOMENTUM_BUFFER);
            } else {
                axpy(1 - dampening, g, b.muli(momentum));     // b = μ·b + (1 − dampening)·g
            }
            if (nesterov) {
                axpy(momentum, b, g);                         // g = g + μ·b
            } else {
                g = b;
            }
        }
        axpy(-learningRate(), g, p);                          // p −= lr·g
    }

    @Override
    public boolean plainDescent() {
        return momentum == 0 && weightDecay == 0;
    }

    @Override
    public Optimizer copy() {
        return new Sgd(learningRate(), momentum, dampening, nesterov, weightDecay).withStateOf(this);
    }
}
