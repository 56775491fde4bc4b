package io.backprop.training;

import io.backprop.engine.DivergenceException;
import io.backprop.engine.Evaluation;
import io.backprop.engine.TrainingPlan;
import io.backprop.engine.TrainingRun.EpochSummary;
import io.backprop.engine.TrainingRun;
import io.backprop.network.JobHandle;
import io.backprop.state.NetworkState;
import io.backprop.store.StoreUnavailableException;
import io.backprop.web.ProblemException;
import io.backprop.web.Problems;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/**
 * Runs one job on its thread: steps under the network's lock, validation and early stopping after
 * each epoch, cancellation checked before every step. Every completed epoch is a checkpoint: the
 * network's state and the job's progress stored in one transaction, from which a job that was
 * running when the service stopped goes on. A diverging step puts back the parameters and training
 * state of the last completed epoch. The job shows its end once its row holds it and the network is free for the next
 * job. A replica that no longer holds the job (on a shared store) stores nothing more of it and stops where it stands.
 */
final class JobRunner implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(JobRunner.class);

    private final TrainingJob job;
    private final JobHandle network;
    private final JobData data;
    private final TrainingPlan plan;
    private final Best best;
    private final Resume resume;
    private final JobPersistence persistence;
    private TrainingJob.Progress ending;
    private NetworkState lastGood;

    /** Where a job goes on from: the epochs its checkpoint completed, and whether it was running when the service stopped. */
    record Resume(int epochsDone, boolean wasRunning) {
        static final Resume NONE = new Resume(0, false);
    }

    JobRunner(TrainingJob job, JobHandle network, JobData data, TrainingPlan plan, Best best, Resume resume,
              JobPersistence persistence) {
        this.job = job;
        this.network = network;
        this.data = data;
        this.plan = plan;
        this.best = best;
        this.resume = resume;
        this.persistence = persistence;
    }

    @Override
    public void run() {
        try {
            if (job.stopRequested()) {
                return;
            }
            if (job.cancelRequested()) {
                end(JobStatus.CANCELLED, false, null, null);
                return;
            }
            train();
        } catch (HoldLostException lost) {
            LOG.warn("Training job {}: this replica lost its hold on it; it stops here, for the replica that holds it now", job.id());
            if (lastGood != null) {
                network.putBack(lastGood);
            }
        } catch (StoreUnavailableException refused) {
            LOG.error("Training job {} stopped: the store did not take its checkpoint", job.id(), refused);
            fail(Problems.of(refused));
        } catch (ProblemException refused) {
            LOG.warn("Training job {} stopped: {}", job.id(), refused.getMessage());
            fail(Problems.of(refused));
        } catch (RuntimeException failure) {
            LOG.error("Training job {} failed", job.id(), failure);
            fail(Problems.of(HttpStatus.INTERNAL_SERVER_ERROR, "internal-error", "Internal error",
                    "The job failed unexpectedly; this is a bug, not a problem with the request.", List.of()));
        } finally {
            network.release();
            if (ending != null) {
                job.finished(ending);
            }
        }
    }

    /** Ends the job as failed, in the store too when it takes the row (else the row keeps the last checkpoint). */
    private void fail(ProblemDetail problem) {
        ending = job.ending(JobStatus.FAILED, false, problem);
        try {
            persistence.ended(job.id(), ending);
        } catch (StoreUnavailableException | HoldLostException refused) {
            LOG.warn("Training job {}: the store did not take its failure; it keeps its last checkpoint", job.id(), refused);
        }
    }

    private void train() {
        lastGood = network.state();
        TrainingRun run = network.start(data.x(), data.y(), plan, resume.epochsDone());
        long planned = (long) run.stepsPerEpoch() * plan.epochs();
        synchronized (job) {
            if (resume.wasRunning()) {
                job.resumed(planned, run.steps(), data.x().rows() * resume.epochsDone());
            } else {
                job.started(planned);
            }
            quietly(() -> persistence.update(job));
        }
        int rows = (int) data.x().rows();
        int batchRows = Math.min(plan.batchSize(), rows);
        while (!run.done()) {
            if (job.stopRequested()) {
                network.putBack(lastGood);
                return;
            }
            if (job.cancelRequested()) {
                end(JobStatus.CANCELLED, false, null, null);
                return;
            }
            int stepRows = Math.min(batchRows, rows - (int) (run.steps() % run.stepsPerEpoch()) * batchRows);
            try {
                network.step(run, stepRows);
            } catch (DivergenceException diverged) {
                TrainingJob.Progress failed = job.ending(JobStatus.FAILED, false, Problems.of(HttpStatus.UNPROCESSABLE_ENTITY,
                        "training-diverged", "Training diverged", "Training diverged at epoch " + diverged.epoch() + ", step "
                                + diverged.step() + " of the job (" + diverged.reason() + "); the network keeps the parameters of "
                                + "the last completed epoch. Lower the learning rate or scale the inputs.", List.of()));
                network.rollBack(lastGood, () -> persistence.ended(job.id(), failed));
                ending = failed;
                return;
            }
            job.stepped(stepRows);
            if (run.epochComplete()) {
                lastGood = endEpoch(run);
                if (best.exhausted()) {
                    end(JobStatus.SUCCEEDED, true, null, best.stateToRestore());
                    return;
                }
            }
        }
        end(JobStatus.SUCCEEDED, false, null, best.stateToRestore());
    }

    /** Validates, ends the epoch and stores the checkpoint with the network; answers the state stored. */
    private NetworkState endEpoch(TrainingRun run) {
        Evaluation validation = data.hasValidation() ? network.evaluate(data.xVal(), data.yVal()) : null;
        Double valLoss = validation == null ? null : validation.loss();
        Double valAccuracy = validation == null ? null : validation.accuracy();
        JobEpoch[] ended = new JobEpoch[1];
        boolean[] improved = new boolean[1];
        NetworkState[] stored = new NetworkState[1];
        network.endEpoch(run, valLoss, valAccuracy, (EpochSummary summary, NetworkState state) -> {
            JobEpoch epoch = new JobEpoch(summary.epoch(), summary.loss(), valLoss, valAccuracy, summary.learningRate(), summary.millis());
            improved[0] = best.offer(epoch, state);
            TrainingJob.Progress progress = job.progress();
            persistence.checkpoint(job.id(), progress.withEpoch(epoch, improved[0] ? epoch.epoch() : progress.bestEpoch()),
                    best.checkpoint());
            ended[0] = epoch;
            stored[0] = state;
        });
        job.epochEnded(ended[0]);
        if (improved[0]) {
            job.best(ended[0].epoch());
        }
        return stored[0];
    }

    /** Ends the job, with the best epoch's parameters put back when given, stored with the network in one transaction. */
    private void end(JobStatus outcome, boolean early, ProblemDetail problem, NetworkState bestState) {
        TrainingJob.Progress last = job.ending(outcome, early, problem);
        network.finish(bestState, () -> persistence.ended(job.id(), last));
        ending = last;
    }

    private void quietly(Runnable write) {
        try {
            write.run();
        } catch (StoreUnavailableException refused) {
            LOG.warn("Training job {}: the store did not take its progress; it keeps its last checkpoint", job.id(), refused);
        }
    }
}
