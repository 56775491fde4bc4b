package io.backprop.network;

import io.backprop.datasets.Dataset;
import io.backprop.engine.Evaluation;
import io.backprop.engine.Network;
import io.backprop.engine.TrainingPlan;
import io.backprop.engine.TrainingResult;
import io.backprop.engine.TrainingRun;
import io.backprop.engine.optim.Regimen;
import io.backprop.metrics.TrainingMetrics;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A training job's exclusive hold on one network: steps run under the network's write lock one
 * at a time, so predictions in between see the parameters of the last completed step.
 * Obtained from {@link NetworkJobs#claim}; {@link #release()} when the job ends.
 */
public final class JobHandle {

    private final NetworkSession session;
    private final String jobId;
    private final TrainingConfig config;
    private final TrainingMetrics metrics;

    JobHandle(NetworkSession session, String jobId, TrainingConfig config, TrainingMetrics metrics) {
        this.session = session;
        this.jobId = jobId;
        this.config = config;
        this.metrics = metrics;
    }

    public Network network() {
        return session.network();
    }

    /** The data set's matrices in the network's precision; fails with 400 when its shape does not fit the network. */
    public INDArray[] data(Dataset dataset) {
        Batch batch = BatchReader.fromDataset(dataset, session.network());
        return new INDArray[] {batch.x(), batch.y()};
    }

    /** A run with the job's configuration, continuing the network's optimizer state where the configuration is unchanged. */
    public TrainingRun start(INDArray x, INDArray y, TrainingPlan plan) {
        return session.write(() -> session.trainer().start(x, y, plan, session.regimenFor(config)));
    }

    /** One step of the run, under the write lock; returns its loss. */
    public double step(TrainingRun run, long rows) {
        return session.write(() -> {
            double loss = run.step();
            session.jobStep(run.regimen(), rows);
            metrics.jobStep(rows);
            return loss;
        });
    }

    /**
     * Ends the run's completed epoch, advancing the schedule on the validation loss when there is
     * one (else the epoch's training loss), and records it in the network's history.
     */
    public EpochRecord endEpoch(TrainingRun run, Double valLoss, Double valAccuracy) {
        return session.write(() -> {
            double loss = run.epochLoss();
            run.endEpoch(valLoss != null ? valLoss : loss);
            TrainingResult result = run.result();
            int last = result.epochs() - 1;
            EpochRecord record = new EpochRecord(session.counters().epochsTrained() + 1, loss, valLoss, valAccuracy,
                    result.learningRates()[last], result.epochMillis()[last], "job", jobId);
            session.jobEpoch(config, run.regimen(), loss);
            session.recordEpochs(List.of(record));
            return record;
        });
    }

    public Evaluation evaluate(INDArray x, INDArray y) {
        return session.read(() -> Evaluation.of(session.network(), x, y));
    }

    public List<INDArray> snapshot() {
        return session.read(() -> session.network().snapshot());
    }

    /** Puts back parameters (and, when given, the regimen) from an earlier snapshot. */
    public void restore(List<INDArray> parameters, Regimen regimen) {
        session.write(() -> {
            session.network().restore(parameters);
            if (regimen != null) {
                session.regimenRestored(regimen);
            }
            return null;
        });
    }

    public void release() {
        session.release(jobId);
    }
}
