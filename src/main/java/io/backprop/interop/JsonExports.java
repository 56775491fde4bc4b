package io.backprop.interop;

import io.backprop.config.Limits;
import io.backprop.engine.Precision;
import io.backprop.optimizer.TrainingConfig;
import io.backprop.state.Counters;
import io.backprop.state.LayerTensors;
import io.backprop.state.NetworkSpec;
import io.backprop.state.NetworkState;
import io.backprop.state.ScheduleState;
import io.backprop.state.Tensor;
import io.backprop.state.TrainingState;
import io.backprop.web.ProblemException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A network's state ↔ its JSON export; reading checks everything, the {@code sha256} included, before anything is built. */
final class JsonExports {

    private JsonExports() {
    }

    static NetworkExport of(NetworkState state) {
        Map<String, Tensor> dict = StateDicts.of(state.layers());
        Map<String, NestedArray> stateDict = new LinkedHashMap<>();
        dict.forEach((key, tensor) -> stateDict.put(key, NestedArray.of(tensor)));
        TrainingState training = state.training();
        Map<String, Map<String, NestedArray>> buffers = new LinkedHashMap<>();
        training.optimizerState().forEach((key, named) -> {
            Map<String, NestedArray> arrays = new LinkedHashMap<>();
            int[] layout = dict.get(key).shape();
            named.forEach((name, buffer) -> arrays.put(name, new NestedArray(layout, buffer.values())));
            buffers.put(key, arrays);
        });
        Counters counters = state.counters();
        return new NetworkExport(NetworkExport.FORMAT, NetworkExport.VERSION, NetworkJson.of(state.spec()), stateDict,
                new NetworkExport.Training(training.optimizer(), training.schedule(), training.clip(), training.epoch(), training.step(),
                        training.learningRate(), buffers, new NetworkExport.ScheduleStateJson(training.scheduleState().count(),
                        new LinkedHashMap<>(training.scheduleState().values()))),
                new NetworkExport.CountersJson(counters.epochsTrained(), counters.stepsTrained(), counters.samplesSeen()),
                counters.lastLoss(), StateDigest.sha256(dict));
    }

    /**
     * The state a JSON export describes: 400 for anything missing or invalid and for a damaged file
     * (a wrong {@code sha256}, non-finite numbers), 422 over the limits or for another format version.
     */
    static NetworkState read(NetworkExport export, Limits limits) {
        if (!NetworkExport.FORMAT.equals(export.format())) {
            throw ProblemException.invalid("format", "must be \"" + NetworkExport.FORMAT + "\" (the JSON export of GET "
                    + "/networks/{id}/export)");
        }
        if (export.formatVersion() == null) {
            throw ProblemException.invalid("formatVersion", "is required (" + NetworkExport.VERSION + ")");
        }
        if (export.formatVersion() != NetworkExport.VERSION) {
            throw ModelFileException.unsupported("formatVersion", "is " + export.formatVersion() + "; this service reads version "
                    + NetworkExport.VERSION);
        }
        if (export.network() == null) {
            throw ProblemException.invalid("network", "is required: {name, inputs, layers, loss, dtype}");
        }
        NetworkSpec spec = export.network().toSpec("network", Precision.FLOAT32);
        SpecChecks.check(spec, "network.loss", limits);
        if (export.stateDict() == null) {
            throw ProblemException.invalid("stateDict", "is required: the parameters by state-dict key");
        }
        Map<String, Tensor> dict = new LinkedHashMap<>();
        export.stateDict().forEach((key, array) -> dict.put(key, array.toTensor(spec.dtype())));
        List<LayerTensors> layers = StateDicts.layers(spec, dict, "stateDict");
        checkDigest(export.sha256(), StateDigest.sha256(StateDicts.of(layers)));
        TrainingState training = training(export.training(), layers);
        Counters counters = counters(export.counters(), export.lastLoss());
        return new NetworkState(spec, layers, training, counters);
    }

    private static void checkDigest(String given, String actual) {
        if (given == null) {
            throw ProblemException.invalid("sha256", "is required: the SHA-256 of the state dict, as the export gives it");
        }
        if (!given.equalsIgnoreCase(actual)) {
            throw ModelFileException.damaged("sha256", "is " + given + ", but the state dict's tensors hash to " + actual
                    + ": the file is damaged or was edited");
        }
    }

    private static TrainingState training(NetworkExport.Training given, List<LayerTensors> layers) {
        if (given == null) {
            return TrainingStates.fresh(TrainingStates.config(null, null, null, "training"));
        }
        TrainingConfig config = TrainingStates.config(given.optimizer(), given.schedule(), given.clip(), "training");
        TrainingState fresh = TrainingStates.fresh(config);
        long epoch = nonNegative(given.epoch(), "training.epoch");
        long step = nonNegative(given.step(), "training.step");
        double learningRate = given.learningRate() == null ? fresh.learningRate() : given.learningRate();
        if (!Double.isFinite(learningRate) || learningRate < 0) {
            throw ProblemException.invalid("training.learningRate", "must be a finite number of at least 0");
        }
        Map<String, Map<String, Tensor>> buffers = TrainingStates.buffers(given.optimizerState(), config.optimizer(), layers,
                "training.optimizerState");
        ScheduleState schedule = fresh.scheduleState();
        if (given.scheduleState() != null) {
            Map<String, Double> values = given.scheduleState().values() == null ? schedule.values() : given.scheduleState().values();
            values.forEach((name, value) -> {
                if (value == null || Double.isNaN(value)) {
                    throw ProblemException.invalid("training.scheduleState.values." + name, "must be a number");
                }
            });
            schedule = new ScheduleState(nonNegative(given.scheduleState().count(), "training.scheduleState.count"), values);
        }
        return new TrainingState(config.optimizer(), config.schedule(), config.clip(), epoch, step, learningRate, buffers, schedule);
    }

    private static Counters counters(NetworkExport.CountersJson given, Double lastLoss) {
        if (lastLoss != null && !Double.isFinite(lastLoss)) {
            throw ProblemException.invalid("lastLoss", "must be a finite number or null");
        }
        if (given == null) {
            return new Counters(0, 0, 0, lastLoss);
        }
        return new Counters(nonNegative(given.epochsTrained(), "counters.epochsTrained"),
                nonNegative(given.stepsTrained(), "counters.stepsTrained"), nonNegative(given.samplesSeen(), "counters.samplesSeen"),
                lastLoss);
    }

    private static long nonNegative(Long value, String field) {
        if (value == null) {
            return 0;
        }
        if (value < 0) {
            throw ProblemException.invalid(field, "must be at least 0");
        }
        return value;
    }
}
