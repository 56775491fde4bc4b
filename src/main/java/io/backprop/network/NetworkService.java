package io.backprop.network;

import io.backprop.engine.DenseLayer;
import io.backprop.engine.Matrices;
import io.backprop.web.FieldProblem;
import io.backprop.web.ProblemException;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Service;

/**
 * Networks as resources: create, list, describe, delete, and read or replace their parameters.
 * Every request is checked in full before anything changes; replacing parameters holds the
 * network's write lock.
 */
@Service
class NetworkService {

    private final NetworkRegistry registry;
    private final NetworkFactory factory;

    NetworkService(NetworkRegistry registry, NetworkFactory factory) {
        this.registry = registry;
        this.factory = factory;
    }

    NetworkDescription create(CreateNetworkRequest request) {
        NetworkSession session = factory.create(request);
        registry.add(session);
        return Descriptions.of(session);
    }

    List<NetworkDescription> list() {
        return registry.all().stream().map(Descriptions::of).toList();
    }

    NetworkDescription describe(String id) {
        return Descriptions.of(registry.get(id));
    }

    void delete(String id) {
        registry.remove(id);
    }

    ParametersBody parameters(String id) {
        NetworkSession session = registry.get(id);
        return session.read(() -> Descriptions.parameters(session.network()));
    }

    ParametersBody replaceParameters(String id, ParametersBody body) {
        NetworkSession session = registry.get(id);
        List<DenseLayer> layers = session.network().layers();
        List<FieldProblem> problems = new ArrayList<>();
        if (body.layers().size() != layers.size()) {
            problems.add(new FieldProblem("layers", "has " + body.layers().size() + " entries, expected " + layers.size()
                    + " (one per layer of the network)"));
        } else {
            for (int l = 0; l < layers.size(); l++) {
                DenseLayer layer = layers.get(l);
                LayerParameters given = body.layers().get(l);
                ParameterShapes.check("layers[" + l + "]", given.weights(), given.biases(), layer.units(), layer.fanIn(),
                        layer.hasBias(), problems);
                if (layer.hasBias() && given.biases() == null) {
                    problems.add(new FieldProblem("layers[" + l + "].biases", "is required: the layer has a bias of "
                            + layer.units() + " values"));
                }
            }
        }
        if (!problems.isEmpty()) {
            throw ProblemException.invalid(problems);
        }
        return session.write(() -> {
            NetworkJobs.ensureIdle(session);
            for (int l = 0; l < layers.size(); l++) {
                DenseLayer layer = layers.get(l);
                LayerParameters given = body.layers().get(l);
                layer.weights().assign(Matrices.fromRows(given.weights(), session.network().precision()));
                if (layer.hasBias()) {
                    layer.biases().assign(Matrices.rowVector(given.biases(), session.network().precision()));
                }
            }
            session.parametersReplaced();
            return Descriptions.parameters(session.network());
        });
    }









}
