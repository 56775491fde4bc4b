package io.backprop.engine.optim;

import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * An update rule, like a {@code torch.optim} optimizer: {@link #step} changes each parameter in
 * place from its gradient (which it may overwrite), keeping state per parameter key in the
 * parameter's own layout.
 */
public interface Optimizer {

    /** One update of every parameter from its gradient. */
    void step(List<Parameter> parameters);

    /**
     * Whether every update is p −= lr·g and nothing else (no state, no decay), so that the backward pass
     * may apply it while it computes g; {@link #stepApplied()} then counts the step.
     */
    default boolean plainDescent() {
        return false;
    }

    /** Counts a step of {@link #plainDescent() plain descent} that the backward pass applied. */
    void stepApplied();

    /** The learning rate the next step uses. */
    double learningRate();

    /** Sets the learning rate of the following steps (a schedule's decision). */
    void learningRate(double learningRate);

    /** Steps taken so far. */
    long steps();

    /**
     * The named state arrays (momentum buffers, moments) by parameter key, as live read-only views;
     * a parameter appears once it has a state array.
     */
    Map<String, Map<String, INDArray>> state();

    /** Takes {@code steps} as the steps taken and copies of {@code state}'s arrays as the state, dropping any other. */
    void restore(long steps, Map<String, Map<String, INDArray>> state);

    /** An independent deep copy, state included. */
    Optimizer copy();
}
