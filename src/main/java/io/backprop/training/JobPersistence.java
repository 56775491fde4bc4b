package io.backprop.training;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.backprop.store.JobStore;
import java.util.List;
import org.springframework.stereotype.Component;

/** Jobs to and from the store: the request as accepted and the job's progress as JSON, the checkpoint as bytes. */
@Component
class JobPersistence {

    private final JobStore store;
    private final ObjectMapper objectMapper;

    JobPersistence(JobStore store, ObjectMapper objectMapper) {
        this.store = store;
        this.objectMapper = objectMapper;
    }

    /** A job read back from the store, with the request it was accepted with, its last checkpoint (or null) and its owner (or null). */
    record Stored(TrainingJob job, TrainingJobRequest request, byte[] checkpoint, String owner) {
    }

    void submitted(TrainingJob job, TrainingJobRequest request, String owner) {
        TrainingJob.Progress progress = job.progress();
        store.insert(new JobStore.StoredJob(job.id(), owner, job.networkId(), progress.status().toString(), job.createdAt(),
                json(request), json(progress), null));
    }

    void update(TrainingJob job) {
        update(job.id(), job.progress());
    }

    void update(String id, TrainingJob.Progress progress) {
        store.update(id, progress.status().toString(), json(progress));
    }

    void checkpoint(String id, TrainingJob.Progress progress, byte[] checkpoint) {
        store.checkpoint(id, progress.status().toString(), json(progress), checkpoint);
    }

    void delete(String id) {
        store.delete(id);
    }

    List<Stored> load(java.time.Duration progressInterval) {
        return store.all().stream().map(stored -> {
            TrainingJobRequest request = read(stored.request(), TrainingJobRequest.class, stored.id());
            TrainingJob.Progress progress = read(stored.progress(), TrainingJob.Progress.class, stored.id());
            TrainingJob job = new TrainingJob(stored.id(), stored.networkId(), request.datasetId(),
                    request.epochs() == null ? 1 : request.epochs(), progressInterval, stored.createdAt());
            job.restore(progress);
            return new Stored(job, request, stored.checkpoint(), stored.owner());
        }).toList();
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
}
