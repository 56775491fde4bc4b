package io.backprop.engine.optim;

import io.backprop.engine.kernels.Kernels;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The bookkeeping every optimizer shares: learning rate, step count, named state arrays per
 * parameter key (created lazily in the parameter's layout) and one scratch array per parameter.
 * Updates run on the kernels of the parameter being updated.
 */
abstract class BaseOptimizer implements Optimizer {

    private double learningRate;
    private long steps;
    private final Map<String, Map<String, INDArray>> states = new LinkedHashMap<>();
    private final Map<String, INDArray> scratch = new LinkedHashMap<>();
    private Kernels kernels;

    BaseOptimizer(double learningRate) {
        this.learningRate = learningRate;
    }

    /**
     * Takes copies of {@code source}'s learning rate, step count and state arrays, for {@link #copy()} on a
     * freshly constructed optimizer of the same hyperparameters; returns this one.
     */
    final Optimizer withStateOf(BaseOptimizer source) {
        this.learningRate = source.learningRate;
        restore(source.steps, source.states);
        source.scratch.forEach((key, array) -> scratch.put(key, array.ulike()));
        return this;
    }

    @Override
    public final void step(List<Parameter> parameters) {
        steps++;
        for (int i = 0; i < parameters.size(); i++) {
            Parameter parameter = parameters.get(i);
            Map<String, INDArray> state = states.get(parameter.key());
            if (state == null) {
                state = new LinkedHashMap<>();
                states.put(parameter.key(), state);
            }
            INDArray work = scratch.get(parameter.key());
            if (work == null) {
                work = parameter.value().ulike();
                scratch.put(parameter.key(), work);
            }
            kernels = parameter.kernels();
            update(parameter.value(), parameter.gradient(), state, work);
        }
    }

    @Override
    public final void stepApplied() {
        if (!plainDescent()) {
            throw new IllegalStateException("only plain descent is applied by the backward pass");
        }
        steps++;
    }

    /**
     * Updates parameter p in place from its gradient g (which may be overwritten), with its
     * {@code state} and a {@code scratch} array of p's shape.
     */
    abstract void update(INDArray p, INDArray g, Map<String, INDArray> state, INDArray scratch);

    @Override
    public double learningRate() {
        return learningRate;
    }

    @Override
    public void learningRate(double learningRate) {
        this.learningRate = learningRate;
    }

    @Override
    public long steps() {
        return steps;
    }

    @Override
    public Map<String, Map<String, INDArray>> state() {
        Map<String, Map<String, INDArray>> view = new LinkedHashMap<>();
        states.forEach((key, buffers) -> {
            if (!buffers.isEmpty()) {
                view.put(key, Collections.unmodifiableMap(buffers));
            }
        });
        return Collections.unmodifiableMap(view);
    }

    @Override
    public final void restore(long steps, Map<String, Map<String, INDArray>> state) {
        this.steps = steps;
        states.clear();
        state.forEach((key, buffers) -> {
            Map<String, INDArray> copy = new LinkedHashMap<>();
            buffers.forEach((name, array) -> copy.put(name, array.dup()));
            states.put(key, copy);
        });
    }

    /** The state array {@code name}, created as {@code initial} in p's layout the first time. */
    static INDArray stateArray(Map<String, INDArray> state, String name, INDArray p, double initial) {
        return state.computeIfAbsent(name, key -> p.ulike().assign(initial));
    }

    /** y += alpha · x, in place. */
    void axpy(double alpha, INDArray x, INDArray y) {
        kernels.axpy(alpha, x, y);
    }

    /** out = √in, element by element (out may be in itself). */
    void squareRoot(INDArray in, INDArray out) {
        kernels.sqrt(in, out);
    }

    /** g += weightDecay · p (L2 penalty in the gradient, as torch.optim does). */
    void addWeightDecay(INDArray g, INDArray p, double weightDecay) {
        if (weightDecay != 0) {
            axpy(weightDecay, p, g);
        }
    }
}
