package io.backprop.engine.optim;

import io.backprop.engine.Parameter;
import java.util.List;

/**
 * An update rule, like a {@code torch.optim} optimizer: {@link #step} changes each parameter in
 * place from its gradient, in the same order on every call, so that state can be kept per parameter.
 */
public interface Optimizer {

    /** One update of every parameter from its gradient. */
    void step(List<Parameter> parameters);

    /** The learning rate the next step uses. */
    double learningRate();
}
