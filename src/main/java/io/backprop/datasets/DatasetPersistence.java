package io.backprop.datasets;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.backprop.security.Tenancy;
import io.backprop.store.DatasetStore;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.springframework.stereotype.Component;

/** Data sets to and from the store: the description as JSON beside the matrices, which are read on first use. */
@Component
class DatasetPersistence {

    private final DatasetStore store;
    private final ObjectMapper objectMapper;
    private final Tenancy tenancy;

    DatasetPersistence(DatasetStore store, ObjectMapper objectMapper, Tenancy tenancy) {
        this.store = store;
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

    void save(Dataset dataset) {
        Document document = new Document(dataset.name(), dataset.samples(), dataset.inputs(), dataset.outputs(),
                dataset.dtype() == DataType.DOUBLE ? "float64" : "float32", dataset.classCounts(), dataset.classNames(),
                dataset.scale(), dataset.standardization());
        store.save(new DatasetStore.StoredDataset(dataset.id(), tenancy.owner(), dataset.createdAt(), json(document)), dataset.x(), dataset.y());
    }

    void delete(String id) {
        store.delete(id);
    }

    /** The stored data sets (their matrices are read when first used); an unfinished upload is dropped. */
    List<Loaded> load() {
        store.removeIncomplete();
        return store.all().stream().map(stored -> new Loaded(dataset(stored), stored.owner())).toList();
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
