package io.backprop.training;

import io.backprop.engine.DivergenceException;
import io.backprop.engine.Evaluation;
import io.backprop.engine.TrainingPlan;
import io.backprop.engine.TrainingRun.EpochSummary;
import io.backprop.engine.TrainingRun;
import io.backprop.network.JobHandle;
import io.backprop.state.NetworkState;
import io.backprop.web.Problems;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;

/**
 * Runs one job on its thread: steps under the network's lock, validation and early stopping after
 * each epoch, cancellation checked before every step. A diverging step puts back the parameters
 * and training state of the last completed epoch.
 */
final class JobRunner implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(JobRunner.class);

    private final TrainingJob job;
    private final JobHandle network;
    private final JobData data;
    private final TrainingPlan plan;
    private final EarlyStoppingSpec earlyStopping;

    JobRunner(TrainingJob job, JobHandle network, JobData data, TrainingPlan plan, EarlyStoppingSpec earlyStopping) {
        this.job = job;
        this.network = network;
        this.data = data;
        this.plan = plan;
        this.earlyStopping = earlyStopping;
    }

    @Override
    public void run() {
        try {
            if (job.cancelRequested()) {
                job.finished(JobStatus.CANCELLED, false, null);
                return;
            }
            train();
        } catch (RuntimeException failure) {
            LOG.error("Training job {} failed", job.id(), failure);
            job.finished(JobStatus.FAILED, false, Problems.of(HttpStatus.INTERNAL_SERVER_ERROR, "internal-error", "Internal error",
                    "The job failed unexpectedly; this is a bug, not a problem with the request.", List.of()));
        } finally {
            network.release();
        }
    }

    private void train() {
        NetworkState lastGood = network.state();
        TrainingRun run = network.start(data.x(), data.y(), plan);
        job.started((long) run.stepsPerEpoch() * plan.epochs());
        Best best = new Best(earlyStopping, data.hasValidation());
        int rows = (int) data.x().rows();
        int batchRows = Math.min(plan.batchSize(), rows);
        while (!run.done()) {
            if (job.cancelRequested()) {
                job.finished(JobStatus.CANCELLED, false, null);
                return;
            }
            int stepRows = Math.min(batchRows, rows - (int) (run.steps() % run.stepsPerEpoch()) * batchRows);
            try {
                network.step(run, stepRows);
            } catch (DivergenceException diverged) {
                network.rollBack(lastGood);
                job.finished(JobStatus.FAILED, false, Problems.of(HttpStatus.UNPROCESSABLE_ENTITY, "training-diverged",
                        "Training diverged", "Training diverged at epoch " + diverged.epoch() + ", step " + diverged.step()
                                + " of the job (" + diverged.reason() + "); the network keeps the parameters of the last "
                                + "completed epoch. Lower the learning rate or scale the inputs.", List.of()));
                return;
            }
            job.stepped(stepRows);
            if (run.epochComplete()) {
                JobEpoch epoch = endEpoch(run);
                lastGood = network.state();
                if (best.offer(epoch, lastGood)) {
                    job.best(epoch.epoch());
                }
                if (best.exhausted()) {
                    finish(best, true);
                    return;
                }
            }
        }
        finish(best, false);
    }

    private JobEpoch endEpoch(TrainingRun run) {
        Evaluation validation = data.hasValidation() ? network.evaluate(data.xVal(), data.yVal()) : null;
        Double valLoss = validation == null ? null : validation.loss();
        Double valAccuracy = validation == null ? null : validation.accuracy();
        EpochSummary ended = network.endEpoch(run, valLoss, valAccuracy);
        JobEpoch epoch = new JobEpoch(ended.epoch(), ended.loss(), valLoss, valAccuracy, ended.learningRate(), ended.millis());
        job.epochEnded(epoch);
        return epoch;
    }

    private void finish(Best best, boolean early) {
        if (best.stateToRestore() != null) {
            network.restoreParameters(best.stateToRestore());
        }
        job.finished(JobStatus.SUCCEEDED, early, null);
    }
}
