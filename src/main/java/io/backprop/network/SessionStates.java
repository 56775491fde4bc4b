package io.backprop.network;

import io.backprop.engine.DenseLayer;
import io.backprop.engine.Network;
import io.backprop.engine.optim.Regimen;
import io.backprop.optimizer.TrainingConfig;
import io.backprop.state.Counters;
import io.backprop.state.LayerShape;
import io.backprop.state.LayerTensors;
import io.backprop.state.NetworkSpec;
import io.backprop.state.NetworkState;
import io.backprop.state.ScheduleState;
import io.backprop.state.Tensor;
import io.backprop.state.TrainingState;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Between a held network's live objects (engine network, regimen) and its {@link NetworkState} value. */
final class SessionStates {

    private SessionStates() {
    }

    static NetworkState capture(String name, Network network, TrainingConfig config, Regimen regimen, Counters counters) {
        return new NetworkState(spec(name, network), parameters(network), training(config, regimen), counters);
    }

    static NetworkSpec spec(String name, Network network) {
        return new NetworkSpec(name, network.inputs(),
                network.layers().stream().map(l -> new LayerShape(l.units(), l.activation(), l.hasBias())).toList(),
                network.loss(), network.precision());
    }

    static List<LayerTensors> parameters(Network network) {
        return network.layers().stream()
                .map(l -> new LayerTensors(Tensor.of(l.weights()), l.hasBias() ? Tensor.of(l.biases()) : null)).toList();
    }

    private static TrainingState training(TrainingConfig config, Regimen regimen) {
        Map<String, Map<String, Tensor>> buffers = new LinkedHashMap<>();
        regimen.optimizer().state().forEach((key, named) -> {
            Map<String, Tensor> copies = new LinkedHashMap<>();
            named.forEach((buffer, array) -> copies.put(buffer, Tensor.of(array)));
            buffers.put(key, copies);
        });
        return new TrainingState(config.optimizer(), config.schedule(), config.clip(), regimen.epochs(), regimen.steps(),
                regimen.optimizer().learningRate(), buffers,
                new ScheduleState(regimen.schedule().count(), regimen.schedule().values()));
    }

    static TrainingConfig config(TrainingState training) {
        return new TrainingConfig(training.optimizer(), training.schedule(), training.clip());
    }

    /** A regimen in the state {@code training} describes: its optimizer's buffers, rate and steps, its schedule's counters. */
    static Regimen regimen(TrainingState training) {
        Regimen fresh = config(training).regimen();
        Map<String, Map<String, INDArray>> buffers = new LinkedHashMap<>();
        training.optimizerState().forEach((key, named) -> {
            Map<String, INDArray> arrays = new LinkedHashMap<>();
            named.forEach((buffer, tensor) -> arrays.put(buffer, tensor.toArray()));
            buffers.put(key, arrays);
        });
        fresh.optimizer().restore(training.step(), buffers);
        fresh.optimizer().learningRate(training.learningRate());
        fresh.schedule().restore(training.scheduleState().count(), training.scheduleState().values());
        return new Regimen(fresh.optimizer(), fresh.schedule(), training.schedule().unit(),
                training.clip() == null ? null : training.clip().create(), training.epoch());
    }

    /** A new engine network holding {@code state}'s parameters. */
    static Network network(NetworkState state) {
        NetworkSpec spec = state.spec();
        List<DenseLayer> layers = new ArrayList<>();
        for (int l = 0; l < spec.layers().size(); l++) {
            LayerTensors tensors = state.layers().get(l);
            layers.add(new DenseLayer(tensors.weights().toArray(), tensors.biases() == null ? null : tensors.biases().toArray(),
                    spec.layers().get(l).activation()));
        }
        return new Network(spec.inputs(), layers, spec.loss(), spec.dtype());
    }

    /** Fails with {@link IllegalArgumentException} unless {@code state} describes a network of {@code network}'s shape. */
    static void requireSameShape(NetworkState state, Network network) {
        NetworkSpec mine = spec(state.spec().name(), network);
        if (!mine.equals(state.spec())) {
            throw new IllegalArgumentException("the state is of a network " + state.spec() + ", not " + mine);
        }
    }

    /** Assigns parameters of this network's shape into its arrays, in place. */
    static void writeParameters(List<LayerTensors> parameters, Network network) {
        for (int l = 0; l < parameters.size(); l++) {
            DenseLayer layer = network.layers().get(l);
            layer.weights().assign(parameters.get(l).weights().toArray());
            if (layer.hasBias()) {
                layer.biases().assign(parameters.get(l).biases().toArray());
            }
        }
    }
}
