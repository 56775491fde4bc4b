package io.backprop.network;

import io.backprop.config.Limits;
import io.backprop.engine.Evaluation;
import io.backprop.engine.GradientCheck;
import io.backprop.engine.Matrices;
import io.backprop.engine.Network;
import io.backprop.engine.kernels.KernelChoice;
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
        double[][] inputs = request.inputs();
        double[][] outputs = inputs.length <= KernelChoice.MAX_JAVA_PREDICTION_ROWS ? session.predict(inputs)
                : session.read(() -> session.scratch().with(inputs.length, scratch -> {
                    network.forward(Matrices.write(inputs, scratch.x()), scratch.workspace());
                    return Matrices.toRows(scratch.workspace().output());
                }));
        metrics.rows(outputs.length);
        return Descriptions.prediction(outputs, network);
    }

    EvaluateResponse evaluate(String id, EvaluateRequest request) {
        NetworkSession session = registry.get(id);
        Batch dataset = reader.checked(request, session.network());
        Evaluation evaluation = session.read(() -> session.scratch().with(BatchReader.rows(request, dataset), scratch -> {
            Batch batch = BatchReader.inline(request, dataset, scratch);
            return Evaluation.of(session.network(), batch.x(), batch.y(), scratch.workspace());
        }));
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
        Batch dataset = reader.checked(request, network);
        double epsilon = request.epsilon() == null ? DEFAULT_EPSILON : request.epsilon();
        return session.read(() -> session.scratch().with(BatchReader.rows(request, dataset), scratch -> {
            Batch batch = BatchReader.inline(request, dataset, scratch);
            return Descriptions.gradientCheck(GradientCheck.run(network, batch.x(), batch.y(), epsilon, scratch.probe()));
        }));
    }
}
