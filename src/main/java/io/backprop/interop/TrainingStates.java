package io.backprop.interop;

import io.backprop.engine.optim.Adagrad;
import io.backprop.engine.optim.Adam;
import io.backprop.engine.optim.Parameter;
import io.backprop.engine.optim.Regimen;
import io.backprop.engine.optim.RmsProp;
import io.backprop.engine.optim.Sgd;
import io.backprop.optimizer.ClipSpec;
import io.backprop.optimizer.OptimizerSpec;
import io.backprop.optimizer.ScheduleSpec;
import io.backprop.optimizer.TrainingConfig;
import io.backprop.state.LayerTensors;
import io.backprop.state.ScheduleState;
import io.backprop.state.Tensor;
import io.backprop.state.TrainingState;
import io.backprop.web.FieldProblem;
import io.backprop.web.ProblemException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The training part of an imported state: its configuration, checked as a train call checks it, and its optimizer buffers. */
final class TrainingStates {

    private TrainingStates() {
    }

    /** The completed configuration; 400 naming every invalid field, under {@code prefix} when it is not empty. */
    static TrainingConfig config(OptimizerSpec optimizer, ScheduleSpec schedule, ClipSpec clip, String prefix) {
        try {
            return TrainingConfig.of(optimizer, schedule, clip);
        } catch (ProblemException invalid) {
            if (prefix.isEmpty()) {
                throw invalid;
            }
            throw ProblemException.invalid(invalid.errors().stream()
                    .map(problem -> new FieldProblem(prefix + "." + problem.field(), problem.message())).toList());
        }
    }

    /** A training state that has not trained yet: no buffers, counters at zero, the base learning rate. */
    static TrainingState fresh(TrainingConfig config) {
        Regimen regimen = config.regimen();
        return new TrainingState(config.optimizer(), config.schedule(), config.clip(), regimen.epochs(), regimen.steps(),
                regimen.optimizer().learningRate(), Map.of(),
                new ScheduleState(regimen.schedule().count(), regimen.schedule().values()));
    }

    /**
     * The optimizer buffers given by state-dict key and name, each in its parameter's exported layout,
     * in the network's layout; 400 for a key that is no parameter, a name the optimizer does not keep,
     * a wrong shape or a non-finite value.
     */
    static Map<String, Map<String, Tensor>> buffers(Map<String, Map<String, NestedArray>> given, OptimizerSpec optimizer,
                                                    List<LayerTensors> layers, String path) {
        Map<String, Tensor> parameters = new LinkedHashMap<>();
        for (int l = 0; l < layers.size(); l++) {
            parameters.put(Parameter.weightKey(l), layers.get(l).weights());
            if (layers.get(l).biases() != null) {
                parameters.put(Parameter.biasKey(l), layers.get(l).biases());
            }
        }
        Map<String, Tensor> exported = StateDicts.of(layers);
        Set<String> names = bufferNames(optimizer);
        Map<String, Map<String, Tensor>> buffers = new LinkedHashMap<>();
        if (given == null) {
            return buffers;
        }
        given.forEach((key, named) -> {
            Tensor parameter = parameters.get(key);
            if (parameter == null) {
                throw ProblemException.invalid(path + "." + key, "is no parameter of the network; its keys are "
                        + String.join(", ", parameters.keySet()));
            }
            Map<String, Tensor> tensors = new LinkedHashMap<>();
            named.forEach((name, array) -> {
                String field = path + "." + key + "." + name;
                if (!names.contains(name)) {
                    throw ProblemException.invalid(field, "is not a buffer of this optimizer; it keeps " + String.join(", ", names));
                }
                if (!Arrays.equals(array.shape(), exported.get(key).shape())) {
                    throw ProblemException.invalid(field, "has shape " + Arrays.toString(array.shape()) + ", but its parameter has "
                            + Arrays.toString(exported.get(key).shape()));
                }
                Tensor buffer = TensorShapes.reshape(array.toTensor(parameter.dtype()), parameter.shape());
                StateDicts.requireFinite(field, "a buffer", buffer);
                tensors.put(name, buffer);
            });
            buffers.put(key, tensors);
        });
        return buffers;
    }

    private static Set<String> bufferNames(OptimizerSpec optimizer) {
        if (optimizer instanceof OptimizerSpec.Sgd) {
            return Set.of(Sgd.MOMENTUM_BUFFER);
        }
        if (optimizer instanceof OptimizerSpec.Adam || optimizer instanceof OptimizerSpec.AdamW) {
            return Set.of(Adam.EXP_AVG, Adam.EXP_AVG_SQ, Adam.MAX_EXP_AVG_SQ);
        }
        if (optimizer instanceof OptimizerSpec.RmsProp) {
            return Set.of(RmsProp.SQUARE_AVG, RmsProp.GRAD_AVG, RmsProp.MOMENTUM_BUFFER);
        }
        return Set.of(Adagrad.SUM);
    }
}
