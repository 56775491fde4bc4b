package io.backprop.training;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.http.ProblemDetail;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * One training job's state, written by its runner thread and read by requests; every change is
 * published to the job's event subscribers: {@code progress} (throttled), {@code epoch} and {@code done}.
 */
final class TrainingJob {

    private final String id;
    private final String networkId;
    private final String datasetId;
    private final int epochs;
    private final Instant createdAt;
    private final Duration progressInterval;
    private final List<SseEmitter> subscribers = new CopyOnWriteArrayList<>();
    private final List<JobEpoch> history = new ArrayList<>();
    private volatile JobStatus status = JobStatus.QUEUED;
    private volatile boolean cancelRequested;
    private volatile boolean stopRequested;
    private volatile long steps;
    private volatile long step;
    private volatile long samples;
    private volatile Integer bestEpoch;
    private volatile boolean stoppedEarly;
    private volatile ProblemDetail error;
    private volatile Instant startedAt;
    private volatile Instant finishedAt;
    private volatile Integer resumedFromEpoch;
    private volatile int restarts;
    private long lastProgressNanos;

    TrainingJob(String id, String networkId, String datasetId, int epochs, Duration progressInterval, Instant createdAt) {
        this.id = id;
        this.networkId = networkId;
        this.datasetId = datasetId;
        this.epochs = epochs;
        this.progressInterval = progressInterval;
        this.createdAt = createdAt;
    }

    /** Where a job stands, as the store keeps it. */
    record Progress(JobStatus status, long steps, long step, long samples, List<JobEpoch> history, Integer bestEpoch,
                    boolean stoppedEarly, ProblemDetail error, Instant startedAt, Instant finishedAt, Integer resumedFromEpoch,
                    int restarts, boolean cancelRequested) {

        /** This progress with one more epoch ended, and the best epoch it leaves. */
        Progress withEpoch(JobEpoch epoch, Integer best) {
            List<JobEpoch> longer = new ArrayList<>(history);
            longer.add(epoch);
            return new Progress(status, steps, step, samples, List.copyOf(longer), best, stoppedEarly, error, startedAt, finishedAt,
                    resumedFromEpoch, restarts, cancelRequested);
        }

        Progress withCancelRequested() {
            return new Progress(status, steps, step, samples, history, bestEpoch, stoppedEarly, error, startedAt, finishedAt,
                    resumedFromEpoch, restarts, true);
        }
    }

    synchronized Progress progress() {
        return new Progress(status, steps, step, samples, List.copyOf(history), bestEpoch, stoppedEarly, error, startedAt,
                finishedAt, resumedFromEpoch, restarts, cancelRequested);
    }

    /** Puts back where a stored job stood. */
    synchronized void restore(Progress progress) {
        status = progress.status();
        steps = progress.steps();
        step = progress.step();
        samples = progress.samples();
        history.clear();
        history.addAll(progress.history());
        bestEpoch = progress.bestEpoch();
        stoppedEarly = progress.stoppedEarly();
        error = progress.error();
        startedAt = progress.startedAt();
        finishedAt = progress.finishedAt();
        resumedFromEpoch = progress.resumedFromEpoch();
        restarts = progress.restarts();
        cancelRequested = progress.cancelRequested();
    }

    /**
     * A job that was running when the service stopped goes on from its last completed epoch: the steps, rows and
     * history of that epoch stand, and the restart is counted.
     */
    synchronized void resumed(long plannedSteps, long stepsDone, long samplesDone) {
        resumedFromEpoch = history.size();
        restarts++;
        steps = plannedSteps;
        step = stepsDone;
        samples = samplesDone;
        status = JobStatus.RUNNING;
    }

    String datasetId() {
        return datasetId;
    }

    int epochs() {
        return epochs;
    }

    Instant createdAt() {
        return createdAt;
    }

    String networkId() {
        return networkId;
    }

    String id() {
        return id;
    }

    JobStatus status() {
        return status;
    }

    Instant finishedAt() {
        return finishedAt;
    }

    boolean cancelRequested() {
        return cancelRequested;
    }

    void requestCancel() {
        cancelRequested = true;
    }

    /** Whether the service is stopping: the job ends where it stands, and the store keeps it running from its checkpoint. */
    boolean stopRequested() {
        return stopRequested;
    }

    void requestStop() {
        stopRequested = true;
    }

    synchronized void started(long plannedSteps) {
        steps = plannedSteps;
        status = JobStatus.RUNNING;
        startedAt = Instant.now();
    }

    /** After each step; publishes a progress event at most once per interval. */
    void stepped(long rows) {
        step++;
        samples += rows;
        long now = System.nanoTime();
        if (now - lastProgressNanos >= progressInterval.toNanos()) {
            lastProgressNanos = now;
            publish("progress", view());
        }
    }

    void epochEnded(JobEpoch epoch) {
        synchronized (this) {
            history.add(epoch);
        }
        publish("epoch", epoch);
    }

    void best(int epoch) {
        bestEpoch = epoch;
    }

    /** Where the job will stand once it ends so: store it, then call {@link #finished(Progress)} with it. */
    synchronized Progress ending(JobStatus outcome, boolean early, ProblemDetail problem) {
        return new Progress(outcome, steps, step, samples, List.copyOf(history), bestEpoch, early, problem, startedAt, Instant.now(),
                resumedFromEpoch, restarts, cancelRequested);
    }

    /** Ends the job as {@link #ending} gave, and tells the subscribers. */
    void finished(Progress ending) {
        synchronized (this) {
            status = ending.status();
            stoppedEarly = ending.stoppedEarly();
            error = ending.error();
            finishedAt = ending.finishedAt();
        }
        JobView last = view();
        publish("done", last);
        subscribers.forEach(SseEmitter::complete);
        subscribers.clear();
    }

    /** Registers a subscriber: it gets the current progress now, then every event, and {@code done} last. */
    void subscribe(SseEmitter emitter) {
        JobView now = view();
        if (now.status().finished()) {
            send(emitter, "done", now);
            emitter.complete();
            return;
        }
        subscribers.add(emitter);
        emitter.onCompletion(() -> subscribers.remove(emitter));
        emitter.onTimeout(() -> subscribers.remove(emitter));
        emitter.onError(failure -> subscribers.remove(emitter));
        send(emitter, "progress", now);
        if (status.finished() && subscribers.remove(emitter)) {
            send(emitter, "done", view());
            emitter.complete();
        }
    }

    /**
     * The job as it stands. Speed and time left are measured from when it first started to when it finished (or now),
     * so they are the same whichever replica reads the job, live or from its row.
     */
    synchronized JobView view() {
        double progress = steps == 0 ? (status == JobStatus.SUCCEEDED ? 1 : 0) : Math.min(1.0, (double) step / steps);
        Double samplesPerSecond = null;
        Double eta = null;
        if (startedAt != null && step > 0) {
            double seconds = Math.max(Duration.between(startedAt, finishedAt == null ? Instant.now() : finishedAt).toNanos() / 1e9, 1e-6);
            samplesPerSecond = samples / seconds;
            eta = status.finished() ? 0.0 : seconds / step * Math.max(steps - step, 0);
        }
        return new JobView(id, networkId, datasetId, status, status == JobStatus.SUCCEEDED ? 1.0 : progress, history.size(), epochs,
                step, steps, samplesPerSecond, eta, List.copyOf(history), bestEpoch, stoppedEarly, error, resumedFromEpoch, restarts,
                createdAt, startedAt, finishedAt);
    }

    private void publish(String name, Object data) {
        for (SseEmitter emitter : subscribers) {
            send(emitter, name, data);
        }
    }

    private void send(SseEmitter emitter, String name, Object data) {
        try {
            emitter.send(SseEmitter.event().name(name).data(data));
        } catch (Exception gone) {
            subscribers.remove(emitter);
        }
    }
}
