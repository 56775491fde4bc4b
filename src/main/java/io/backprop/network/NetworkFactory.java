package io.backprop.network;

import io.backprop.config.Limits;
import io.backprop.engine.Activation;
import io.backprop.engine.DenseLayer;
import io.backprop.engine.InitScheme;
import io.backprop.engine.InitSettings;
import io.backprop.engine.Initializer;
import io.backprop.engine.Loss;
import io.backprop.engine.Matrices;
import io.backprop.engine.Network;
import io.backprop.engine.Precision;
import io.backprop.security.Tenancy;
import io.backprop.optimizer.TrainingConfig;
import io.backprop.state.Counters;
import io.backprop.web.FieldProblem;
import io.backprop.web.ProblemException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Turns a create request into a held network: checks what annotations cannot (shapes, the loss
 * pairing, init settings, size limits), reserves room, then initialises or copies the parameters.
 */
@Component
class NetworkFactory {

    private final Limits limits;
    private final NetworkRegistry registry;
    private final Tenancy tenancy;
    private final SecureRandom seeds = new SecureRandom();

    NetworkFactory(Limits limits, NetworkRegistry registry, Tenancy tenancy) {
        this.limits = limits;
        this.registry = registry;
        this.tenancy = tenancy;
    }

    NetworkSession create(CreateNetworkRequest request) {
        List<LayerSpec> specs = request.layers();
        if (specs.size() > limits.maxLayers()) {
            throw ProblemException.limit(HttpStatus.UNPROCESSABLE_ENTITY, "layers", "layers has " + specs.size()
                    + " layers, more than " + limits.maxLayers() + " (backprop.limits.max-layers)");
        }
        long parameters = parameterCount(request);
        if (parameters > limits.maxParametersPerNetwork()) {
            throw ProblemException.limit(HttpStatus.UNPROCESSABLE_ENTITY, "layers", "The network would have " + parameters
                    + " parameters, more than " + limits.maxParametersPerNetwork() + " (backprop.limits.max-parameters-per-network)");
        }
        Loss loss = request.loss() == null ? Loss.MSE : request.loss();
        Precision precision = request.dtype() == null ? Precision.FLOAT32 : request.dtype();
        InitSettings init = initSettings(request.init());
        check(request, loss);
        TrainingConfig config = TrainingConfig.of(request.optimizer(), request.schedule(), request.clip());
        registry.ensureRoom(parameters);

        Initializer initializer = new Initializer(init);
        List<DenseLayer> layers = new ArrayList<>();
        int fanIn = request.inputs();
        for (int l = 0; l < specs.size(); l++) {
            LayerSpec spec = specs.get(l);
            var weights = spec.weights() != null ? Matrices.fromRows(spec.weights(), precision)
                    : initializer.weights(l, spec.units(), fanIn, precision);
            var biases = !spec.hasBias() ? null : spec.biases() != null ? Matrices.rowVector(spec.biases(), precision)
                    : initializer.biases(spec.units(), precision);
            layers.add(new DenseLayer(weights, biases, spec.activation()));
            fanIn = spec.units();
        }
        Network network = new Network(request.inputs(), layers, loss, precision);
        boolean uniform = init.scheme() == InitScheme.UNIFORM;
        InitSpec initUsed = new InitSpec(init.scheme(), init.seed(), uniform ? init.low() : null, uniform ? init.high() : null,
                init.scheme() == InitScheme.NORMAL ? init.std() : null);
        Instant now = Instant.now();
        return new NetworkSession(UUID.randomUUID().toString(), tenancy.owner(), request.name(), network, initUsed, config, config.regimen(),
                Counters.NONE, now, now, limits.maxHistoryEpochs());
    }

    private static long parameterCount(CreateNetworkRequest request) {
        long count = 0;
        long fanIn = request.inputs();
        for (LayerSpec spec : request.layers()) {
            count += spec.units() * fanIn + (spec.hasBias() ? spec.units() : 0);
            fanIn = spec.units();
        }
        return count;
    }

    private static void check(CreateNetworkRequest request, Loss loss) {
        List<FieldProblem> problems = new ArrayList<>();
        int fanIn = request.inputs();
        for (int l = 0; l < request.layers().size(); l++) {
            LayerSpec spec = request.layers().get(l);
            ParameterShapes.check("layers[" + l + "]", spec.weights(), spec.biases(), spec.units(), fanIn, spec.hasBias(), problems);
            fanIn = spec.units();
        }
        int last = request.layers().size() - 1;
        Activation output = request.layers().get(last).activation();
        if (!loss.pairsWith(output)) {
            String needed = loss == Loss.CROSS_ENTROPY ? "softmax" : "sigmoid";
            problems.add(new FieldProblem("loss", loss + " needs a " + needed + " output layer, but layers[" + last
                    + "].activation is " + output + "; change the output activation to " + needed + " or use mse"));
        }
        if (!problems.isEmpty()) {
            throw ProblemException.invalid(problems);
        }
    }

    private InitSettings initSettings(InitSpec spec) {
        InitScheme scheme = spec == null || spec.scheme() == null ? InitScheme.XAVIER_UNIFORM : spec.scheme();
        long seed = spec == null || spec.seed() == null ? seeds.nextLong() : spec.seed();
        double low = spec == null || spec.low() == null ? InitSettings.DEFAULT_LOW : spec.low();
        double high = spec == null || spec.high() == null ? InitSettings.DEFAULT_HIGH : spec.high();
        double std = spec == null || spec.std() == null ? InitSettings.DEFAULT_STD : spec.std();
        List<FieldProblem> problems = new ArrayList<>();
        if (spec != null && scheme != InitScheme.UNIFORM && (spec.low() != null || spec.high() != null)) {
            problems.add(new FieldProblem(spec.low() != null ? "init.low" : "init.high", "applies only to scheme uniform, not " + scheme));
        }
        if (spec != null && scheme != InitScheme.NORMAL && spec.std() != null) {
            problems.add(new FieldProblem("init.std", "applies only to scheme normal, not " + scheme));
        }
        if (scheme == InitScheme.UNIFORM && !(low < high)) {
            problems.add(new FieldProblem("init.high", "must be greater than init.low (" + low + ")"));
        }
        if (!problems.isEmpty()) {
            throw ProblemException.invalid(problems);
        }
        return new InitSettings(scheme, seed, low, high, std);
    }
}
