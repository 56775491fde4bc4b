package io.backprop.engine.optim;

import io.backprop.engine.Parameter;
import java.util.List;
import java.util.Map;

/**
 * An update rule, like a {@code torch.optim} optimizer: {@link #step} changes each parameter in
 * place from its gradient (which it may overwrite), always in the same order, so that state is
 * kept per parameter in the parameter's own layout.
 */
public interface Optimizer {

    /** One update of every parameter from its gradient. */
    void step(List<Parameter> parameters);

    /** The learning rate the next step uses. */
    double learningRate();

    /** Sets the learning rate of the following steps (a schedule's decision). */
    void learningRate(double learningRate);

    /** Steps taken so far. */
    long steps();

    /** The named state arrays of parameter {@code index} (momentum buffers, moments); empty before they exist. */
    Map<String, org.nd4j.linalg.api.ndarray.INDArray> state(int index);

    /** An independent deep copy, state included. */
    Optimizer copy();
}
