package io.backprop.network;

import io.backprop.config.Limits;
import io.backprop.engine.BackpropStep;
import io.backprop.engine.DenseLayer;
import io.backprop.engine.DivergenceException;
import io.backprop.engine.Evaluation;
import io.backprop.engine.GradientCheck;
import io.backprop.engine.GradientCheckResult;
import io.backprop.engine.Matrices;
import io.backprop.engine.Network;
import io.backprop.engine.StepTrace;
import io.backprop.engine.TrainingPlan;
import io.backprop.engine.TrainingResult;
import io.backprop.engine.optim.Regimen;
import io.backprop.metrics.InferenceMetrics;
import io.backprop.metrics.TrainingMetrics;
import io.backprop.web.FieldProblem;
import io.backprop.web.ProblemException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * The use cases on held networks: every request is checked in full before anything changes,
 * then runs under the network's read lock (predict, evaluate, dry runs, checks) or write lock
 * (train, applied backprop, parameter replacement).
 */
@Service
class NetworkService {

    private static final double DEFAULT_EPSILON = 1e-6;

    private final NetworkRegistry registry;
    private final NetworkFactory factory;
    private final BatchReader reader;
    private final Limits limits;
    private final TrainingMetrics trainingMetrics;
    private final InferenceMetrics inferenceMetrics;

    NetworkService(NetworkRegistry registry, NetworkFactory factory, BatchReader reader, Limits limits,
                   TrainingMetrics trainingMetrics, InferenceMetrics inferenceMetrics) {
        this.registry = registry;
        this.factory = factory;
        this.reader = reader;
        this.limits = limits;
        this.trainingMetrics = trainingMetrics;
        this.inferenceMetrics = inferenceMetrics;
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

    PredictResponse predict(String id, PredictRequest request) {
        NetworkSession session = registry.get(id);
        Network network = session.network();
        reader.checkInputs(request.inputs(), network);
        double[][] outputs = session.read(() -> network.predict(request.inputs()));
        inferenceMetrics.rows(outputs.length);
        return Descriptions.prediction(outputs, network);
    }

    TrainResponse train(String id, TrainRequest request) {
        NetworkSession session = registry.get(id);
        Network network = session.network();
        Batch batch = reader.batch(request, network);
        int epochs = request.epochs() == null ? 1 : request.epochs();
        long rows = batch.x().rows();
        if (rows * epochs > limits.maxSampleEpochsPerCall()) {
            throw ProblemException.limit(HttpStatus.UNPROCESSABLE_ENTITY, "epochs", ParameterShapes.rows((int) rows)
                    + " × " + epochs + " epochs is more than " + limits.maxSampleEpochsPerCall()
                    + " sample-epochs per call (backprop.limits.max-sample-epochs-per-call); train in several calls.");
        }
        TrainingPlan plan = new TrainingPlan(epochs, request.batchSize() == null ? (int) rows : request.batchSize(),
                Boolean.TRUE.equals(request.shuffle()), request.seed() == null ? ThreadLocalRandom.current().nextLong() : request.seed());
        return session.write(() -> {
            NetworkJobs.ensureIdle(session);
            TrainingConfig config = session.config().with(request.optimizer(), request.schedule(), request.clip());
            Regimen regimen = session.regimenFor(config);
            long start = System.nanoTime();
            TrainingResult result = trainOrReject(session, batch, plan, regimen);
            long nanos = System.nanoTime() - start;
            session.recordEpochs(history(session.counters().epochsTrained(), result));
            session.trained(config, regimen, result.epochs(), result.steps(), result.samples(), result.lastLoss());
            trainingMetrics.call(result.samples(), result.steps());
            boolean clipped = config.clip() != null;
            return new TrainResponse(result.epochs(), result.steps(), result.samples(), result.lossHistory(), result.lastLoss(),
                    result.learningRates(), regimen.optimizer().learningRate(),
                    clipped ? result.lastGradientNorm() : null, clipped ? result.gradientNorms() : null,
                    nanos / 1_000_000, result.samples() / Math.max(nanos / 1e9, 1e-9));
        });
    }

    private static List<EpochRecord> history(long epochsBefore, TrainingResult result) {
        List<EpochRecord> epochs = new ArrayList<>(result.epochs());
        for (int e = 0; e < result.epochs(); e++) {
            epochs.add(new EpochRecord(epochsBefore + e + 1, result.lossHistory()[e], null, null, result.learningRates()[e],
                    result.epochMillis()[e], "train", null));
        }
        return epochs;
    }

    List<EpochRecord> history(String id) {
        return registry.get(id).history();
    }

    private static TrainingResult trainOrReject(NetworkSession session, Batch batch, TrainingPlan plan, Regimen regimen) {
        try {
            return session.trainer().train(batch.x(), batch.y(), plan, regimen);
        } catch (DivergenceException diverged) {
            throw new ProblemException(HttpStatus.UNPROCESSABLE_ENTITY, "training-diverged", "Training diverged",
                    "Training diverged at epoch " + diverged.epoch() + ", step " + diverged.step() + " of this call ("
                            + diverged.reason()
                            + "); the network is unchanged. Lower the learning rate or scale the inputs.", List.of());
        }
    }

    BackpropResponse backprop(String id, BackpropRequest request) {
        NetworkSession session = registry.get(id);
        Network network = session.network();
        Batch batch = reader.batch(request, network);
        boolean apply = request.apply() == null || request.apply();
        if (!apply) {
            return session.read(() -> Descriptions.trace(BackpropStep.run(network, batch.x(), batch.y(), learningRate(session, request), false)));
        }
        return session.write(() -> {
            NetworkJobs.ensureIdle(session);
            StepTrace trace = BackpropStep.run(network, batch.x(), batch.y(), learningRate(session, request), true);
            session.stepApplied(batch.x().rows(), trace.loss());
            trainingMetrics.call(batch.x().rows(), 1);
            return Descriptions.trace(trace);
        });
    }

    private static double learningRate(NetworkSession session, BackpropRequest request) {
        return request.learningRate() != null ? request.learningRate() : session.regimen().optimizer().learningRate();
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
