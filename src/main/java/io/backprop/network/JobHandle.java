package io.backprop.network;

import io.backprop.datasets.Dataset;
import io.backprop.engine.Evaluation;
import io.backprop.engine.TrainingPlan;
import io.backprop.engine.TrainingRun.EpochSummary;
import io.backprop.engine.TrainingRun;
import io.backprop.metrics.TrainingMetrics;
import io.backprop.optimizer.TrainingConfig;
import io.backprop.state.NetworkState;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A training job's exclusive hold on one network, the only way a job reaches it: steps run under
 * the network's write lock one at a time, so predictions in between see the parameters of the
 * last completed step. Obtained from {@link NetworkJobs#claim}; {@link #release()} when the job ends.
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

    /** The data set's matrices in the network's precision; fails with 400 when its shape does not fit the network. */
    public Batch data(Dataset dataset) {
        return BatchReader.fromDataset(dataset, session.network());
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
     * one (else the epoch's training loss), records it in the network's history and answers it.
     */
    public EpochSummary endEpoch(TrainingRun run, Double valLoss, Double valAccuracy) {
        return session.write(() -> {
            double loss = run.epochLoss();
            run.endEpoch(valLoss != null ? valLoss : loss);
            EpochSummary epoch = run.lastEpoch();
            session.recordEpochs(List.of(new EpochRecord(session.counters().epochsTrained() + 1, epoch.loss(), valLoss,
                    valAccuracy, epoch.learningRate(), epoch.millis(), "job", jobId)));
            session.jobEpoch(config, run.regimen(), loss);
            return epoch;
        });
    }

    public Evaluation evaluate(INDArray x, INDArray y) {
        return session.read(() -> Evaluation.of(session.network(), x, y));
    }

    /** The network's whole state now. */
    public NetworkState state() {
        return session.state();
    }

    /** Puts back the parameters and training state of an earlier {@link #state()}; the counters stay. */
    public void rollBack(NetworkState earlier) {
        session.write(() -> {
            session.rollBack(earlier);
            return null;
        });
    }

    /** Puts back only the parameters of an earlier {@link #state()}. */
    public void restoreParameters(NetworkState earlier) {
        session.write(() -> {
            session.putParameters(earlier.layers());
            return null;
        });
    }

    public void release() {
        session.release(jobId);
    }
}
