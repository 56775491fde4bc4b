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
    private final Instant createdAt = Instant.now();
    private final Duration progressInterval;
    private final List<SseEmitter> subscribers = new CopyOnWriteArrayList<>();
    private final List<JobEpoch> history = new ArrayList<>();
    private volatile JobStatus status = JobStatus.QUEUED;
    private volatile boolean cancelRequested;
    private volatile long steps;
    private volatile long step;
    private volatile long samples;
    private volatile Integer bestEpoch;
    private volatile boolean stoppedEarly;
    private volatile ProblemDetail error;
    private volatile Instant startedAt;
    private volatile Instant finishedAt;
    private long runningSinceNanos;
    private long lastProgressNanos;

    TrainingJob(String id, String networkId, String datasetId, int epochs, Duration progressInterval) {
        this.id = id;
        this.networkId = networkId;
        this.datasetId = datasetId;
        this.epochs = epochs;
        this.progressInterval = progressInterval;
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

    synchronized void started(long plannedSteps) {
        steps = plannedSteps;
        status = JobStatus.RUNNING;
        startedAt = Instant.now();
        runningSinceNanos = System.nanoTime();
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

    void finished(JobStatus outcome, boolean early, ProblemDetail problem) {
        synchronized (this) {
            status = outcome;
            stoppedEarly = early;
            error = problem;
            finishedAt = Instant.now();
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

    synchronized JobView view() {
        double progress = steps == 0 ? (status == JobStatus.SUCCEEDED ? 1 : 0) : Math.min(1.0, (double) step / steps);
        Double samplesPerSecond = null;
        Double eta = null;
        if (startedAt != null && step > 0) {
            double seconds = ((finishedAt == null ? System.nanoTime() : runningSinceNanos
                    + Duration.between(startedAt, finishedAt).toNanos()) - runningSinceNanos) / 1e9;
            samplesPerSecond = samples / Math.max(seconds, 1e-9);
            eta = status.finished() ? 0.0 : seconds / step * (steps - step);
        }
        return new JobView(id, networkId, datasetId, status, status == JobStatus.SUCCEEDED ? 1.0 : progress, history.size(), epochs,
                step, steps, samplesPerSecond, eta, List.copyOf(history), bestEpoch, stoppedEarly, error, createdAt, startedAt,
                finishedAt);
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
