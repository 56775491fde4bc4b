package io.backprop.training;

import io.backprop.config.JobSettings;
import jakarta.annotation.PreDestroy;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Event streams of jobs that another replica runs, made from the job's row: re-read when the row's change is announced
 * and every second besides (an announcement may be missed), each new history entry sent once as an {@code epoch}
 * event in order, {@code progress} at most once per progress interval, and {@code done} when the row shows the end.
 * One thread reads and sends for every stream, so each stream's events go out in the order the rows were read.
 */
@Component
class JobFollowers {

    private static final Logger LOG = LoggerFactory.getLogger(JobFollowers.class);
    private static final Duration POLL = Duration.ofSeconds(1);

    private final JobPersistence persistence;
    private final Duration progressInterval;
    private final ConcurrentMap<String, List<Follower>> following = new ConcurrentHashMap<>();
    private final ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "job-followers");
        thread.setDaemon(true);
        return thread;
    });

    JobFollowers(JobPersistence persistence, JobSettings settings) {
        this.persistence = persistence;
        this.progressInterval = settings.progressInterval();
        worker.scheduleWithFixedDelay(() -> following.keySet().forEach(this::refresh), POLL.toMillis(), POLL.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /** Streams the job's events from its row: the job as the row then stands, then every epoch after that, then the end. */
    void follow(TrainingJob stored, SseEmitter emitter) {
        Follower follower = new Follower(emitter);
        following.computeIfAbsent(stored.id(), any -> new CopyOnWriteArrayList<>()).add(follower);
        Runnable forget = () -> forget(stored.id(), follower);
        emitter.onCompletion(forget);
        emitter.onTimeout(forget);
        emitter.onError(failure -> forget.run());
        changed(stored.id());
    }

    /** The job's row changed: its followers read it again. */
    void changed(String id) {
        if (following.containsKey(id)) {
            try {
                worker.execute(() -> refresh(id));
            } catch (RejectedExecutionException closing) {
                LOG.debug("Job {} changed while the service stops", id);
            }
        }
    }

    private void refresh(String id) {
        List<Follower> followers = following.get(id);
        if (followers == null || followers.isEmpty()) {
            return;
        }
        Optional<TrainingJob> row;
        try {
            row = persistence.describe(id).map(JobPersistence.Stored::job);
        } catch (RuntimeException storeDown) {
            LOG.debug("Job {}: its row could not be read; its followers try again", id, storeDown);
            return;
        }
        for (Follower follower : followers) {
            if (!follower.send(row)) {
                forget(id, follower);
            }
        }
    }

    private void forget(String id, Follower follower) {
        following.computeIfPresent(id, (any, followers) -> {
            followers.remove(follower);
            return followers.isEmpty() ? null : followers;
        });
    }

    @PreDestroy
    void stop() {
        worker.shutdownNow();
        following.values().forEach(followers -> followers.forEach(follower -> follower.emitter.complete()));
        following.clear();
    }

    /**
     * One stream: the history entries it has had (those in its first progress event, then one epoch event each), and
     * when it last had a progress event.
     */
    private final class Follower {

        private final SseEmitter emitter;
        private int sent;
        private long lastProgressNanos;
        private boolean started;

        Follower(SseEmitter emitter) {
            this.emitter = emitter;
        }

        /** Sends what the row adds; false once the stream has ended (the job ended or is gone, or the client left). */
        boolean send(Optional<TrainingJob> row) {
            try {
                if (row.isEmpty()) {
                    emitter.complete();
                    return false;
                }
                JobView view = row.get().view();
                long now = System.nanoTime();
                if (!started) {
                    started = true;
                    lastProgressNanos = now;
                    emitter.send(SseEmitter.event().name("progress").data(view));
                    sent = view.history().size();
                }
                List<JobEpoch> history = view.history();
                while (sent < history.size()) {
                    emitter.send(SseEmitter.event().name("epoch").data(history.get(sent)));
                    sent++;
                }
                if (view.status().finished()) {
                    emitter.send(SseEmitter.event().name("done").data(view));
                    emitter.complete();
                    return false;
                }
                if (now - lastProgressNanos >= progressInterval.toNanos()) {
                    lastProgressNanos = now;
                    emitter.send(SseEmitter.event().name("progress").data(view));
                }
                return true;
            } catch (Exception gone) {
                emitter.completeWithError(gone);
                return false;
            }
        }
    }
}
