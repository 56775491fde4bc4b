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
import java.util.function.BiConsumer;
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
    private final NetworkPersistence persistence;
    private final TrainingMetrics metrics;

    JobHandle(NetworkSession session, String jobId, TrainingConfig config, NetworkPersistence persistence, TrainingMetrics metrics) {
        this.session = session;
        this.jobId = jobId;
        this.config = config;
        this.persistence = persistence;
        this.metrics = metrics;
    }

    /** The data set's matrices in the network's precision; fails with 400 when its shape does not fit the network. */
    public Batch data(Dataset dataset) {
        return BatchReader.fromDataset(dataset, session.network());
    }

    /**
     * A run with the job's configuration, continuing the network's optimizer state where the configuration is unchanged,
     * that goes on after the plan's first {@code epochsDone} epochs (0 for a new job; a resumed job's checkpoint).
     */
    public TrainingRun start(INDArray x, INDArray y, TrainingPlan plan, int epochsDone) {
        return session.write(() -> {
            TrainingRun run = session.trainer().start(x, y, plan, session.regimenFor(config));
            run.resumeAfter(epochsDone);
            return run;
        });
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
     * The network is stored with the epoch, and {@code checkpoint} (given the epoch and the state stored) writes the
     * job's checkpoint in the same transaction; when the store does not take them the epoch is undone and 503 thrown.
     */
    public EpochSummary endEpoch(TrainingRun run, Double valLoss, Double valAccuracy,
                                 BiConsumer<EpochSummary, NetworkState> checkpoint) {
        EpochSummary[] ended = new EpochSummary[1];
        return persistence.change(session, () -> {
            double loss = run.epochLoss();
            run.endEpoch(valLoss != null ? valLoss : loss);
            EpochSummary epoch = run.lastEpoch();
            session.recordEpochs(List.of(new EpochRecord(session.counters().epochsTrained() + 1, epoch.loss(), valLoss,
                    valAccuracy, epoch.learningRate(), epoch.millis(), "job", jobId)));
            session.jobEpoch(config, run.regimen(), loss);
            ended[0] = epoch;
            return epoch;
        }, state -> checkpoint.accept(ended[0], state));
    }

    public Evaluation evaluate(INDArray x, INDArray y) {
        return session.read(() -> Evaluation.of(session.network(), x, y));
    }

    /** The network's whole state now. */
    public NetworkState state() {
        return session.state();
    }

    /**
     * Puts back the parameters and training state of an earlier {@link #state()}; the counters stay. Stored with
     * {@code alsoStored} (the job's last row) in one transaction.
     */
    public void rollBack(NetworkState earlier, Runnable alsoStored) {
        persistence.change(session, () -> {
            session.rollBack(earlier);
            return null;
        }, state -> alsoStored.run());
    }

    /**
     * Ends the job's hold on the network as it stands, or with the parameters of {@code best} put back when it is not
     * null; stored with {@code alsoStored} (the job's last row) in one transaction.
     */
    public void finish(NetworkState best, Runnable alsoStored) {
        persistence.change(session, () -> {
            if (best != null) {
                session.putParameters(best.layers());
            }
            return null;
        }, state -> alsoStored.run());
    }

    /**
     * Puts back an earlier {@link #state()} in memory only, counters included: the job stops without storing, and the
     * network held here is again the one in the store.
     */
    public void putBack(NetworkState stored) {
        session.restore(stored);
    }

    public void release() {
        session.release(jobId);
    }
}
