package io.backprop.datasets;

import io.backprop.config.Limits;
import io.backprop.replicas.Replicas;
import io.backprop.replicas.Topic;
import io.backprop.security.QuotaGuard;
import io.backprop.security.Tenancy;
import io.backprop.web.ProblemException;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.stream.Stream;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * The data sets held in memory, by id: a cache of the store. On a store other replicas share, a data set another
 * replica stored is loaded on first use and dropped when its deletion is announced. The count and byte limits and the
 * owning key's {@code maxDatasetBytes} are counted in the store, so they hold across replicas. Each data set belongs
 * to the key that uploaded it; every lookup and list sees only what the calling key may see ({@link Tenancy}):
 * another key's data set is not found.
 */
@Component
public class DatasetRegistry {

    private final ConcurrentMap<String, Held> datasets = new ConcurrentHashMap<>();
    private final Limits limits;
    private final Tenancy tenancy;
    private final QuotaGuard quotas;
    private final DatasetPersistence persistence;
    private final Replicas replicas;

    /** A data set held, with the key that owns it (null: none). */
    private record Held(Dataset dataset, String owner) {
    }

    DatasetRegistry(Limits limits, Tenancy tenancy, QuotaGuard quotas, DatasetPersistence persistence, Replicas replicas) {
        this.limits = limits;
        this.tenancy = tenancy;
        this.quotas = quotas;
        this.persistence = persistence;
        this.replicas = replicas;
        if (replicas.shared()) {
            replicas.listen(Topic.DATASETS, this::deletedElsewhere);
            replicas.onMissed(datasets::clear);
        }
    }

    /**
     * Fails unless one data set of {@code bytes} more fits the limits and the calling key's quota (see
     * {@link #checkBytes}); inside the transaction that completes it, so that the store's count includes every
     * replica's uploads.
     */
    void admit(long bytes) {
        replicas.lockLimits();
        long held = persistence.totals(null).datasets();
        if (held >= limits.maxDatasets()) {
            throw ProblemException.limit(HttpStatus.TOO_MANY_REQUESTS, null, "The service already holds " + held
                    + " data sets (backprop.limits.max-datasets); delete data sets you no longer need.");
        }
        checkBytes(bytes);
    }

    /** Holds a data set just stored, for the calling key. */
    void add(Dataset dataset) {
        datasets.put(dataset.id(), new Held(dataset, tenancy.owner()));
    }

    /** Holds a data set brought back from the store with its owner (null: none), whatever the limits now say. */
    void restore(Dataset dataset, String owner) {
        datasets.put(dataset.id(), new Held(dataset, owner));
    }

    /**
     * Fails with 413 unless a data set of {@code bytes} fits the service's limits, and with 429 unless it fits the
     * calling key's quota; call before building its matrices where the size is known.
     */
    void checkBytes(long bytes) {
        String owner = tenancy.owner();
        if (owner != null) {
            quotas.datasetBytes(persistence.totals(owner).bytes(), bytes);
        }
        if (bytes > limits.maxDatasetBytes().toBytes()) {
            throw ProblemException.limit(HttpStatus.PAYLOAD_TOO_LARGE, null, "The data set needs " + bytes + " bytes, more than "
                    + limits.maxDatasetBytes().toBytes() + " (backprop.limits.max-dataset-bytes).");
        }
        long totalBytes = persistence.totals(null).bytes();
        if (totalBytes + bytes > limits.maxTotalDatasetBytes().toBytes()) {
            throw ProblemException.limit(HttpStatus.PAYLOAD_TOO_LARGE, null, "The data sets held take " + totalBytes
                    + " bytes and this one " + bytes + " more, over " + limits.maxTotalDatasetBytes().toBytes()
                    + " (backprop.limits.max-total-dataset-bytes); delete data sets you no longer need.");
        }
    }

    public Dataset get(String id) {
        Held held = cached(id);
        if (held == null || !tenancy.sees(held.owner())) {
            throw new DatasetNotFoundException(id);
        }
        return held.dataset();
    }

    /** Bytes of all data sets' matrices together, of every key. */
    public long totalBytes() {
        return persistence.totals(null).bytes();
    }

    void remove(String id) {
        datasets.remove(id);
    }

    /** Every data set the caller may see, oldest first. */
    List<Dataset> all() {
        Stream<Held> held = replicas.shared() ? persistence.ids().stream().map(this::cached).filter(Objects::nonNull)
                : datasets.values().stream();
        return held.filter(dataset -> tenancy.sees(dataset.owner())).map(Held::dataset)
                .sorted(Comparator.comparing(Dataset::createdAt).thenComparing(Dataset::id)).toList();
    }

    /** The held data set, loaded from a shared store when this replica has none; null when there is no such data set. */
    private Held cached(String id) {
        Held held = datasets.get(id);
        if (held != null || !replicas.shared()) {
            return held;
        }
        return persistence.find(id).map(loaded -> datasets.computeIfAbsent(id, key -> new Held(loaded.dataset(), loaded.owner())))
                .orElse(null);
    }

    /** An announcement of another replica's deletion ({@code id:deleted}). */
    private void deletedElsewhere(String payload) {
        int colon = payload.lastIndexOf(':');
        if (colon > 0) {
            datasets.remove(payload.substring(0, colon));
        }
    }
}
