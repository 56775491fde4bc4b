package io.backprop.datasets;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.backprop.replicas.Replicas;
import io.backprop.replicas.Topic;
import io.backprop.security.Tenancy;
import io.backprop.store.DatasetStore;
import io.backprop.store.StoreTransactions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.springframework.stereotype.Component;

/**
 * Data sets to and from the store: the description as JSON beside the matrices, which are read on first use. A
 * deletion is announced to the other replicas.
 */
@Component
class DatasetPersistence {

    /** On a shared store, how old an unfinished upload must be before a starting replica takes it for abandoned. */
    private static final Duration ABANDONED_UPLOAD = Duration.ofHours(1);

    private final DatasetStore store;
    private final StoreTransactions transactions;
    private final Replicas replicas;
    private final ObjectMapper objectMapper;
    private final Tenancy tenancy;

    DatasetPersistence(DatasetStore store, StoreTransactions transactions, Replicas replicas, ObjectMapper objectMapper,
                       Tenancy tenancy) {
        this.store = store;
        this.transactions = transactions;
        this.replicas = replicas;
        this.objectMapper = objectMapper;
        this.tenancy = tenancy;
    }

    /** A data set brought back from the store, with the key that owns it (null in local mode). */
    record Loaded(Dataset dataset, String owner) {
    }

    /** What the store keeps of a data set besides its matrices. */
    record Document(String name, long samples, int inputs, int outputs, String dtype, long[] classCounts, List<String> classNames,
                    Double scale, Dataset.Standardization standardization) {
    }

    /** Stores the data set; {@code admit} runs in the transaction that completes it and may refuse it by throwing. */
    void save(Dataset dataset, Runnable admit) {
        Document document = new Document(dataset.name(), dataset.samples(), dataset.inputs(), dataset.outputs(),
                dataset.dtype() == DataType.DOUBLE ? "float64" : "float32", dataset.classCounts(), dataset.classNames(),
                dataset.scale(), dataset.standardization());
        store.save(new DatasetStore.StoredDataset(dataset.id(), tenancy.owner(), dataset.createdAt(), dataset.bytes(), json(document)),
                dataset.x(), dataset.y(), admit);
    }

    void delete(String id) {
        transactions.run(() -> {
            store.delete(id);
            replicas.announce(Topic.DATASETS, id + ":deleted");
        });
    }

    /** The complete data sets in the store and their bytes: all of them when {@code owner} is null, else the owner's. */
    DatasetStore.Totals totals(String owner) {
        return store.totals(owner);
    }

    /** The ids of every stored data set, oldest first. */
    List<String> ids() {
        return store.ids();
    }

    /** The stored data set {@code id} (its matrices are read when first used), if there is one. */
    Optional<Loaded> find(String id) {
        return store.find(id).map(stored -> new Loaded(dataset(stored), stored.owner()));
    }

    /** The stored data sets (their matrices are read when first used); an abandoned upload is dropped. */
    List<Loaded> load() {
        store.removeIncomplete(replicas.shared() ? Instant.now().minus(ABANDONED_UPLOAD) : Instant.now());
        return store.all().stream().map(stored -> {
            Dataset dataset = dataset(stored);
            if (stored.bytes() == 0) {
                store.countBytes(stored.id(), dataset.bytes());
            }
            return new Loaded(dataset, stored.owner());
        }).toList();
    }

    private Dataset dataset(DatasetStore.StoredDataset stored) {
        Document document = read(stored);
        DataType type = "float64".equals(document.dtype()) ? DataType.DOUBLE : DataType.FLOAT;
        DatasetMatrices matrices = DatasetMatrices.stored(() -> new INDArray[] {
                store.matrix(stored.id(), DatasetStore.INPUTS, type, document.samples(), document.inputs()),
                store.matrix(stored.id(), DatasetStore.TARGETS, type, document.samples(), document.outputs())});
        return new Dataset(stored.id(), document.name(), document.samples(), document.inputs(), document.outputs(), type,
                document.classCounts(), document.classNames(), document.scale(), document.standardization(), stored.createdAt(),
                matrices);
    }

    private Document read(DatasetStore.StoredDataset stored) {
        try {
            return objectMapper.readValue(stored.description(), Document.class);
        } catch (JsonProcessingException damaged) {
            throw new IllegalStateException("The stored description of data set " + stored.id() + " cannot be read: "
                    + damaged.getOriginalMessage(), damaged);
        }
    }

    private String json(Document document) {
        try {
            return objectMapper.writeValueAsString(document);
        } catch (JsonProcessingException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
