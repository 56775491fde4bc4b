package io.backprop.training;

import io.backprop.engine.DivergenceException;
import io.backprop.engine.Evaluation;
import io.backprop.engine.TrainingPlan;
import io.backprop.engine.TrainingRun;
import io.backprop.engine.optim.Regimen;
import io.backprop.network.EpochRecord;
import io.backprop.network.JobHandle;
import io.backprop.web.Problems;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;

/**
 * Runs one job on its thread: steps under the network's lock, validation and early stopping after
 * each epoch, cancellation checked before every step. A diverging step puts back the parameters
 * and optimizer state of the last completed epoch.
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
        TrainingRun run = network.start(data.x(), data.y(), plan);
        job.started((long) run.stepsPerEpoch() * plan.epochs());
        List<INDArray> lastGood = network.snapshot();
        Regimen lastGoodRegimen = run.regimen().copy();
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
                network.restore(lastGood, lastGoodRegimen);
                job.finished(JobStatus.FAILED, false, Problems.of(HttpStatus.UNPROCESSABLE_ENTITY, "training-diverged",
                        "Training diverged", "Training diverged at epoch " + diverged.epoch() + ", step " + diverged.step()
                                + " of the job (" + diverged.reason() + "); the network keeps the parameters of the last "
                                + "completed epoch. Lower the learning rate or scale the inputs.", List.of()));
                return;
            }
            job.stepped(stepRows);
            if (run.epochComplete()) {
                JobEpoch epoch = endEpoch(run);
                lastGood = network.snapshot();
                lastGoodRegimen = run.regimen().copy();
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
        EpochRecord record = network.endEpoch(run, validation == null ? null : validation.loss(),
                validation == null ? null : validation.accuracy());
        JobEpoch epoch = new JobEpoch(run.epochsDone(), record.loss(), record.valLoss(), record.valAccuracy(),
                record.learningRate(), record.durationMs());
        job.epochEnded(epoch);
        return epoch;
    }

    private void finish(Best best, boolean early) {
        if (best.parametersToRestore() != null) {
            network.restore(best.parametersToRestore(), null);
        }
        job.finished(JobStatus.SUCCEEDED, early, null);
    }
}
