package io.backprop.network;

import io.backprop.engine.Matrices;
import io.backprop.engine.optim.Parameter;
import io.backprop.engine.optim.Regimen;
import io.backprop.optimizer.TrainingConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.springframework.stereotype.Service;

/** Reads and replaces a network's training configuration (optimizer, schedule, clipping) and shows its state. */
@Service
class OptimizerService {

    private final NetworkRegistry registry;
    private final NetworkPersistence persistence;

    OptimizerService(NetworkRegistry registry, NetworkPersistence persistence) {
        this.registry = registry;
        this.persistence = persistence;
    }

    OptimizerStateResponse describe(String id) {
        NetworkSession session = registry.get(id);
        return session.read(() -> state(session));
    }

    OptimizerStateResponse replace(String id, OptimizerConfigBody body) {
        NetworkSession session = registry.get(id);
        TrainingConfig next = TrainingConfig.of(body.optimizer(), body.schedule(), body.clip());
        return persistence.change(session, () -> {
            NetworkJobs.ensureIdle(session);
            session.reconfigured(next);
            return state(session);
        });
    }

    private static OptimizerStateResponse state(NetworkSession session) {
        TrainingConfig config = session.config();
        Regimen regimen = session.regimen();
        Map<String, Map<String, INDArray>> buffers = regimen.optimizer().state();
        List<OptimizerStateResponse.LayerState> layers = new ArrayList<>();
        for (int l = 0; l < session.network().layers().size(); l++) {
            Map<String, double[][]> weights = new LinkedHashMap<>();
            buffers.getOrDefault(Parameter.weightKey(l), Map.of()).forEach((name, array) -> weights.put(name, Matrices.toRows(array)));
            Map<String, double[]> biases = null;
            if (session.network().layers().get(l).hasBias()) {
                biases = new LinkedHashMap<>();
                for (var entry : buffers.getOrDefault(Parameter.biasKey(l), Map.of()).entrySet()) {
                    biases.put(entry.getKey(), Matrices.toVector(entry.getValue()));
                }
            }
            layers.add(new OptimizerStateResponse.LayerState(weights, biases));
        }
        return new OptimizerStateResponse(config.optimizer(), config.schedule(), config.clip(), regimen.optimizer().learningRate(),
                regimen.epochs(), regimen.steps(), layers);
    }
}
