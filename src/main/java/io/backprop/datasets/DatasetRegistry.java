package io.backprop.datasets;

import io.backprop.config.Limits;
import io.backprop.security.QuotaGuard;
import io.backprop.security.Tenancy;
import io.backprop.web.ProblemException;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * The data sets held in memory, by id, within the count and byte limits and the owning key's
 * {@code maxDatasetBytes}. Each belongs to the key that uploaded it; every lookup and list sees only
 * what the calling key may see ({@link Tenancy}): another key's data set is not found.
 */
@Component
public class DatasetRegistry {

    private final ConcurrentMap<String, Dataset> datasets = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, String> owners = new ConcurrentHashMap<>();
    private final Limits limits;
    private final Tenancy tenancy;
    private final QuotaGuard quotas;
    private long totalBytes;

    DatasetRegistry(Limits limits, Tenancy tenancy, QuotaGuard quotas) {
        this.limits = limits;
        this.tenancy = tenancy;
        this.quotas = quotas;
    }

    synchronized void add(Dataset dataset) {
        if (datasets.size() >= limits.maxDatasets()) {
            throw ProblemException.limit(HttpStatus.TOO_MANY_REQUESTS, null, "The service already holds " + datasets.size()
                    + " data sets (backprop.limits.max-datasets); delete data sets you no longer need.");
        }
        checkBytes(dataset.bytes());
        String owner = tenancy.owner();
        datasets.put(dataset.id(), dataset);
        if (owner != null) {
            owners.put(dataset.id(), owner);
        }
        totalBytes += dataset.bytes();
    }

    /** Holds a data set brought back from the store with its owner (null: none), whatever the limits now say. */
    synchronized void restore(Dataset dataset, String owner) {
        datasets.put(dataset.id(), dataset);
        if (owner != null) {
            owners.put(dataset.id(), owner);
        }
        totalBytes += dataset.bytes();
    }

    /**
     * Fails with 413 unless a data set of {@code bytes} fits the service's limits, and with 429 unless it fits the
     * calling key's quota; call before building its matrices where the size is known.
     */
    synchronized void checkBytes(long bytes) {
        String owner = tenancy.owner();
        if (owner != null) {
            quotas.datasetBytes(datasets.values().stream().filter(held -> owner.equals(owners.get(held.id())))
                    .mapToLong(Dataset::bytes).sum(), bytes);
        }
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
        if (dataset == null || !tenancy.sees(owners.get(id))) {
            throw new DatasetNotFoundException(id);
        }
        return dataset;
    }

    /** Bytes of all data sets' matrices together. */
    public synchronized long totalBytes() {
        return totalBytes;
    }

    synchronized void remove(String id) {
        Dataset dataset = get(id);
        datasets.remove(id);
        owners.remove(id);
        totalBytes -= dataset.bytes();
    }

    /** Every data set the caller may see, oldest first. */
    List<Dataset> all() {
        return datasets.values().stream().filter(dataset -> tenancy.sees(owners.get(dataset.id())))
                .sorted(Comparator.comparing(Dataset::createdAt).thenComparing(Dataset::id)).toList();
    }
}
