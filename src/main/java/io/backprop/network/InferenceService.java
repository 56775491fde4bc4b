package io.backprop.network;

import io.backprop.config.Limits;
import io.backprop.engine.Evaluation;
import io.backprop.engine.GradientCheck;
import io.backprop.engine.GradientCheckResult;
import io.backprop.engine.Network;
import io.backprop.metrics.InferenceMetrics;
import io.backprop.web.ProblemException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * Read-only computations on held networks: predictions, evaluation against targets and gradient
 * checks, each under the network's read lock after its request is checked.
 */
@Service
class InferenceService {

    private static final double DEFAULT_EPSILON = 1e-6;

    private final NetworkRegistry registry;
    private final BatchReader reader;
    private final Limits limits;
    private final InferenceMetrics metrics;

    InferenceService(NetworkRegistry registry, BatchReader reader, Limits limits, InferenceMetrics metrics) {
        this.registry = registry;
        this.reader = reader;
        this.limits = limits;
        this.metrics = metrics;
    }

    PredictResponse predict(String id, PredictRequest request) {
        NetworkSession session = registry.get(id);
        Network network = session.network();
        reader.checkInputs(request.inputs(), network);
        double[][] outputs = session.predict(request.inputs());
        metrics.rows(outputs.length);
        return Descriptions.prediction(outputs, network);
    }

    EvaluateResponse evaluate(String id, EvaluateRequest request) {
        NetworkSession session = registry.get(id);
        Batch batch = reader.batch(request, session.network());
        Evaluation evaluation = session.read(() -> Evaluation.of(session.network(), batch.x(), batch.y()));
        return new EvaluateResponse(evaluation.loss(), evaluation.samples(), evaluation.accuracy(), evaluation.confusionMatrix());
    }

    GradientCheckResponse gradientCheck(String id, GradientCheckRequest request) {
        NetworkSession session = registry.get(id);
        Network network = session.network();
        if (network.parameterCount() > limits.maxGradientCheckParameters()) {
            throw ProblemException.limit(HttpStatus.UNPROCESSABLE_ENTITY, null, "The network has " + network.parameterCount()
                    + " parameters; a gradient check perturbs at most " + limits.maxGradientCheckParameters()
                    + " (backprop.limits.max-gradient-check-parameters). Check a smaller network of the same shape.");
        }
        Batch batch = reader.batch(request, network);
        double epsilon = request.epsilon() == null ? DEFAULT_EPSILON : request.epsilon();
        GradientCheckResult result = session.read(() -> GradientCheck.run(network, batch.x(), batch.y(), epsilon));
        return Descriptions.gradientCheck(result);
    }
}
