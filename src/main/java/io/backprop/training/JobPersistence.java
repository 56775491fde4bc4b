package io.backprop.training;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.backprop.config.JobSettings;
import io.backprop.replicas.Replicas;
import io.backprop.replicas.Topic;
import io.backprop.store.JobStore;
import io.backprop.store.StoreTransactions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.springframework.stereotype.Component;

/**
 * Jobs to and from the store: the request as accepted and the job's progress as JSON, the checkpoint as bytes. Every
 * change of a job's row is announced to the replicas, which follow the job from its row.
 */
@Component
class JobPersistence {

    private final JobStore store;
    private final StoreTransactions transactions;
    private final Replicas replicas;
    private final ObjectMapper objectMapper;
    private final Duration progressInterval;

    JobPersistence(JobStore store, StoreTransactions transactions, Replicas replicas, ObjectMapper objectMapper,
                   JobSettings settings) {
        this.store = store;
        this.transactions = transactions;
        this.replicas = replicas;
        this.objectMapper = objectMapper;
        this.progressInterval = settings.progressInterval();
    }

    /**
     * A job read back from the store, with the request it was accepted with, its last checkpoint (or null, also when
     * read in a list) and its owner (or null).
     */
    record Stored(TrainingJob job, TrainingJobRequest request, byte[] checkpoint, String owner) {
    }

    /** Stores a new job; call inside the transaction that checked it may be queued. */
    void submitted(TrainingJob job, TrainingJobRequest request, String owner) {
        TrainingJob.Progress progress = job.progress();
        store.insert(new JobStore.StoredJob(job.id(), owner, job.networkId(), progress.status().toString(), job.createdAt(),
                json(request), json(progress), null));
        replicas.announce(Topic.JOBS, job.id());
    }

    void update(TrainingJob job) {
        update(job.id(), job.progress());
    }

    void update(String id, TrainingJob.Progress progress) {
        transactions.run(() -> {
            store.update(id, progress.status().toString(), json(progress), progress.status().finished() ? progress.finishedAt() : null);
            replicas.announce(Topic.JOBS, id);
        });
    }

    /**
     * Stores the job's checkpoint, in the transaction that stores its network; {@link HoldLostException} (and nothing
     * stored) when this replica no longer holds the job, so that a replica that lost a job cannot overwrite the
     * progress of the one that took it on.
     */
    void checkpoint(String id, TrainingJob.Progress progress, byte[] checkpoint) {
        transactions.run(() -> {
            ensureHeld(id);
            store.checkpoint(id, progress.status().toString(), json(progress), checkpoint);
            replicas.announce(Topic.JOBS, id);
        });
    }

    /** Stores where a job this replica runs ended; {@link HoldLostException} (and nothing stored) when it no longer holds it. */
    void ended(String id, TrainingJob.Progress progress) {
        transactions.run(() -> {
            ensureHeld(id);
            update(id, progress);
        });
    }

    private void ensureHeld(String id) {
        if (!replicas.holdsJob(id)) {
            throw new HoldLostException(id);
        }
    }

    /** Records that the job's cancellation was asked for and tells the replica running it; false when it has ended. */
    boolean requestCancel(String id) {
        return transactions.inTransaction(() -> {
            boolean active = store.requestCancel(id);
            if (active) {
                replicas.announce(Topic.JOBS, id + ":cancel");
            }
            return active;
        });
    }

    Optional<Stored> find(String id) {
        return store.find(id).map(this::stored);
    }

    /** The job without its checkpoint. */
    Optional<Stored> describe(String id) {
        return store.describe(id).map(this::stored);
    }

    /** Every stored job without its checkpoint, oldest first. */
    List<Stored> list() {
        return store.list().stream().map(this::stored).toList();
    }

    private Stored stored(JobStore.StoredJob stored) {
        TrainingJobRequest request = read(stored.request(), TrainingJobRequest.class, stored.id());
        TrainingJob.Progress progress = read(stored.progress(), TrainingJob.Progress.class, stored.id());
        TrainingJob job = new TrainingJob(stored.id(), stored.networkId(), request.datasetId(),
                request.epochs() == null ? 1 : request.epochs(), progressInterval, stored.createdAt());
        job.restore(stored.cancelRequested() ? progress.withCancelRequested() : progress);
        return new Stored(job, request, stored.checkpoint(), stored.owner());
    }

    private <T> T read(String json, Class<T> type, String id) {
        try {
            return objectMapper.readValue(json, type);
        } catch (JsonProcessingException damaged) {
            throw new IllegalStateException("The stored job " + id + " cannot be read: " + damaged.getOriginalMessage(), damaged);
        }
    }

    private String json(Object value) {
        try {
            return objectMapper.writeValueAsString(value);
        } catch (JsonProcessingException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    /** Deletes the jobs that finished before {@code horizon}. */
    void purge(Instant horizon) {
        store.deleteFinishedBefore(horizon);
    }

    long count(JobStatus status) {
        return store.count(status.toString());
    }

    long countActive(String owner) {
        return store.countActive(owner);
    }

    long countQueued() {
        return store.count(JobStatus.QUEUED.toString());
    }

    Optional<String> activeFor(String networkId) {
        return store.activeFor(networkId);
    }

    Optional<String> takeWaiting(Predicate<String> take) {
        return store.takeWaiting(replicas.skipLocked(), take);
    }

    List<String> cancelRequested() {
        return store.cancelRequested();
    }
}
