package io.backprop.datasets;

import io.backprop.config.Limits;
import io.backprop.web.ProblemException;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/** The data sets held in memory, by id, within the count and byte limits. */
@Component
public class DatasetRegistry {

    private final ConcurrentMap<String, Dataset> datasets = new ConcurrentHashMap<>();
    private final Limits limits;
    private long totalBytes;

    DatasetRegistry(Limits limits) {
        this.limits = limits;
    }

    synchronized void add(Dataset dataset) {
        if (datasets.size() >= limits.maxDatasets()) {
            throw ProblemException.limit(HttpStatus.TOO_MANY_REQUESTS, null, "The service already holds " + datasets.size()
                    + " data sets (backprop.limits.max-datasets); delete data sets you no longer need.");
        }
        checkBytes(dataset.bytes());
        datasets.put(dataset.id(), dataset);
        totalBytes += dataset.bytes();
    }

    /** Holds a data set brought back from the store, whatever the limits now say. */
    synchronized void restore(Dataset dataset) {
        datasets.put(dataset.id(), dataset);
        totalBytes += dataset.bytes();
    }

    /** Fails with 413 unless a data set of {@code bytes} fits; call before building its matrices where the size is known. */
    synchronized void checkBytes(long bytes) {
        if (bytes > limits.maxDatasetBytes().toBytes()) {
            throw ProblemException.limit(HttpStatus.PAYLOAD_TOO_LARGE, null, "The data set needs " + bytes + " bytes, more than "
                    + limits.maxDatasetBytes().toBytes() + " (backprop.limits.max-dataset-bytes).");
        }
        if (totalBytes + bytes > limits.maxTotalDatasetBytes().toBytes()) {
            throw ProblemException.limit(HttpStatus.PAYLOAD_TOO_LARGE, null, "The data sets held take " + totalBytes
                    + " bytes and this one " + bytes + " more, over " + limits.maxTotalDatasetBytes().toBytes()
                    + " (backprop.limits.max-total-dataset-bytes); delete data sets you no longer need.");
        }
    }

    public Dataset get(String id) {
        Dataset dataset = datasets.get(id);
        if (dataset == null) {
            throw new DatasetNotFoundException(id);
        }
        return dataset;
    }

    /** Bytes of all data sets' matrices together. */
    public synchronized long totalBytes() {
        return totalBytes;
    }

    synchronized void remove(String id) {
        Dataset dataset = datasets.remove(id);
        if (dataset == null) {
            throw new DatasetNotFoundException(id);
        }
        totalBytes -= dataset.bytes();
    }

    List<Dataset> all() {
        return datasets.values().stream().sorted(Comparator.comparing(Dataset::createdAt)).toList();
    }
}
