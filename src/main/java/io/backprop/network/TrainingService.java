package io.backprop.network;

import io.backprop.config.Limits;
import io.backprop.engine.BackpropStep;
import io.backprop.engine.DivergenceException;
import io.backprop.engine.Network;
import io.backprop.engine.StepTrace;
import io.backprop.engine.TrainingPlan;
import io.backprop.engine.TrainingResult;
import io.backprop.engine.optim.Regimen;
import io.backprop.metrics.TrainingMetrics;
import io.backprop.optimizer.TrainingConfig;
import io.backprop.state.LayerTensors;
import io.backprop.web.ProblemException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * Training held networks: train calls (epochs × mini-batches with the network's optimizer) and
 * traced backprop steps, and the history they leave. Every request is checked in full first; a
 * call that changes the network holds its write lock, a dry run its read lock.
 */
@Service
class TrainingService {

    private final NetworkRegistry registry;
    private final BatchReader reader;
    private final Limits limits;
    private final NetworkPersistence persistence;
    private final TrainingMetrics metrics;

    TrainingService(NetworkRegistry registry, BatchReader reader, Limits limits, NetworkPersistence persistence,
                    TrainingMetrics metrics) {
        this.registry = registry;
        this.reader = reader;
        this.limits = limits;
        this.persistence = persistence;
        this.metrics = metrics;
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
        return persistence.change(session, () -> {
            NetworkJobs.ensureIdle(session);
            TrainingConfig config = session.config().with(request.optimizer(), request.schedule(), request.clip());
            Regimen regimen = session.regimenFor(config);
            long start = System.nanoTime();
            TrainingResult result = trainOrReject(session, batch, plan, regimen);
            long nanos = System.nanoTime() - start;
            session.recordEpochs(history(session.counters().epochsTrained(), result));
            session.trained(config, regimen, result.epochs(), result.steps(), result.samples(), result.lastLoss());
            metrics.call(result.samples(), result.steps());
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

    /** Trains on a copy of the regimen; a diverging call puts the parameters back, so the network is unchanged. */
    private static TrainingResult trainOrReject(NetworkSession session, Batch batch, TrainingPlan plan, Regimen regimen) {
        List<LayerTensors> before = session.parameters();
        try {
            return session.trainer().train(batch.x(), batch.y(), plan, regimen);
        } catch (DivergenceException diverged) {
            session.putParameters(before);
            throw new ProblemException(HttpStatus.UNPROCESSABLE_ENTITY, "training-diverged", "Training diverged",
                    "Training diverged at epoch " + diverged.epoch() + ", step " + diverged.step() + " of this call ("
                            + diverged.reason()
                            + "); the network is unchanged. Lower the learning rate or scale the inputs.", List.of());
        }
    }

    List<EpochRecord> history(String id) {
        return registry.get(id).history();
    }

    /** One traced step in the network's scratch buffers; the answer is written before they are given back. */
    BackpropResponse backprop(String id, BackpropRequest request) {
        NetworkSession session = registry.get(id);
        Network network = session.network();
        Batch dataset = reader.checked(request, network);
        int rows = BatchReader.rows(request, dataset);
        boolean apply = request.apply() == null || request.apply();
        if (!apply) {
            return session.read(() -> session.scratch().with(rows, scratch -> Descriptions.trace(
                    step(session, request, BatchReader.inline(request, dataset, scratch), scratch, false))));
        }
        return persistence.change(session, () -> {
            NetworkJobs.ensureIdle(session);
            return session.scratch().with(rows, scratch -> {
                StepTrace trace = step(session, request, BatchReader.inline(request, dataset, scratch), scratch, true);
                session.stepApplied(rows, trace.loss());
                metrics.call(rows, 1);
                return Descriptions.trace(trace);
            });
        });
    }

    private static StepTrace step(NetworkSession session, BackpropRequest request, Batch batch, Scratch scratch, boolean apply) {
        return BackpropStep.run(session.network(), scratch.workspace(), scratch.step(), batch.x(), batch.y(),
                learningRate(session, request), apply);
    }

    private static double learningRate(NetworkSession session, BackpropRequest request) {
        return request.learningRate() != null ? request.learningRate() : session.regimen().optimizer().learningRate();
    }
}
