package io.backprop.network;

import io.backprop.engine.Activation;
import io.backprop.engine.Network;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * The held networks as models for other features: found by id or by name, described, and asked
 * for predictions under the network's read lock (so a training job's predictions see its last
 * completed step).
 */
@Component
public class Models {

    private final NetworkRegistry registry;

    Models(NetworkRegistry registry) {
        this.registry = registry;
    }

    /** The network with id {@code idOrName}, else every network of that name (none, one, or several). */
    public List<ModelInfo> resolve(String idOrName) {
        NetworkSession byId = registry.find(idOrName);
        if (byId != null) {
            return List.of(info(byId));
        }
        return registry.all().stream().filter(session -> idOrName.equals(session.name())).map(Models::info).toList();
    }

    /**
     * ŷ for {@code rows} rows of x, both flat and row-major ([rows × inputs] in, [rows × outputs] out);
     * x must hold finite values. 404 when the network has gone.
     */
    public double[] predict(String id, double[] x, int rows) {
        return registry.get(id).predict(x, rows);
    }

    /** How many networks the service holds, of every key. */
    public long count() {
        return registry.count();
    }

    /** Weights and biases of all networks together, of every key. */
    public long totalParameters() {
        return registry.totalParameters();
    }

    private static ModelInfo info(NetworkSession session) {
        Network network = session.network();
        return new ModelInfo(session.id(), session.name(), network.inputs(), network.outputs(), network.precision(),
                network.outputLayer().activation() == Activation.SOFTMAX);
    }
}
