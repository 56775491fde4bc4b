package io.backprop.datasets;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.backprop.web.FieldProblem;
import io.backprop.web.ProblemException;
import jakarta.annotation.PostConstruct;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.BooleanIndexing;
import org.nd4j.linalg.indexing.conditions.Conditions;
import org.springframework.stereotype.Service;
import org.springframework.web.multipart.MultipartFile;

/** Parses uploads into data sets (scaled, standardised), and lists, describes and deletes them. */
@Service
class DatasetService {

    /** How far into a file its first non-blank byte is looked for, to tell a JSON file from a CSV one. */
    private static final int SNIFFED_BYTES = 1024;

    static final Set<String> FIELDS = Set.of("file", "images", "labels", "name", "scale", "standardize", "classes",
            "targetColumns", "labelColumn", "dtype");

    private final DatasetRegistry registry;
    private final DatasetPersistence persistence;
    private final ObjectMapper objectMapper;

    DatasetService(DatasetRegistry registry, DatasetPersistence persistence, ObjectMapper objectMapper) {
        this.registry = registry;
        this.persistence = persistence;
        this.objectMapper = objectMapper;
    }

    /** Brings back the stored data sets when the service starts; their matrices are read on first use. */
    @PostConstruct
    void load() {
        persistence.load().forEach(loaded -> registry.restore(loaded.dataset(), loaded.owner()));
    }

    DatasetDescription upload(DatasetUploadForm form, Set<String> names) {
        List<FieldProblem> unknown = names.stream().filter(name -> !FIELDS.contains(name)).sorted()
                .map(name -> new FieldProblem(name, "is not a field of a data set upload; the fields are: "
                        + String.join(", ", FIELDS.stream().sorted().toList()))).toList();
        if (!unknown.isEmpty()) {
            throw ProblemException.invalid(unknown);
        }
        DataType type = "float64".equals(form.dtype()) ? DataType.DOUBLE : DataType.FLOAT;
        ParsedData parsed = parse(form, type);
        registry.checkBytes(parsed.x().length() * type.width() + parsed.y().length() * type.width());
        INDArray x = parsed.x();
        if (form.scale() != null) {
            x.divi(form.scale());
        }
        Dataset.Standardization standardization = Boolean.TRUE.equals(form.standardize()) ? standardize(x) : null;
        Dataset dataset = new Dataset(UUID.randomUUID().toString(), form.name(), x.rows(), (int) x.columns(),
                (int) parsed.y().columns(), type, parsed.classCounts(), parsed.classNames(), form.scale(), standardization,
                Instant.now(), DatasetMatrices.held(x, parsed.y()));
        persistence.save(dataset, () -> registry.admit(dataset.bytes()));
        registry.add(dataset);
        return DatasetDescription.of(dataset);
    }

    List<DatasetDescription> list() {
        return registry.all().stream().map(DatasetDescription::of).toList();
    }

    DatasetDescription describe(String id) {
        return DatasetDescription.of(registry.get(id));
    }

    void delete(String id) {
        registry.get(id);
        persistence.delete(id);
        registry.remove(id);
    }

    private ParsedData parse(DatasetUploadForm form, DataType type) {
        boolean idx = present(form.images()) || present(form.labels());
        try {
            if (idx) {
                if (!present(form.images()) || !present(form.labels()) || present(form.file())) {
                    throw new BadFileException(present(form.images()) ? "labels" : "images",
                            "an IDX upload needs both parts images and labels, and no part file");
                }
                noCsvFields(form);
                try (InputStream images = form.images().getInputStream(); InputStream labels = form.labels().getInputStream()) {
                    return IdxParser.parse(images, labels, form.classes(), type, registry::checkBytes);
                }
            }
            if (!present(form.file())) {
                throw new BadFileException("file", "is required: a CSV or JSON file (or the parts images and labels for IDX)");
            }
            try (InputStream in = new BufferedInputStream(form.file().getInputStream())) {
                if (isJson(form.file(), in)) {
                    noCsvFields(form);
                    return JsonDatasetParser.parse(in, objectMapper.getFactory(), type);
                }
                List<String> targets = form.targetColumns() == null ? null
                        : Arrays.stream(form.targetColumns().split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
                return CsvParser.parse(in, targets, form.labelColumn(), form.classes(), type);
            }
        } catch (IOException unreadable) {
            throw new UncheckedIOException(unreadable);
        }
    }

    private static void noCsvFields(DatasetUploadForm form) {
        if (form.targetColumns() != null || form.labelColumn() != null) {
            throw new BadFileException(form.targetColumns() != null ? "targetColumns" : "labelColumn", "applies to CSV files only");
        }
    }

    private static boolean isJson(MultipartFile file, InputStream in) throws IOException {
        String filename = file.getOriginalFilename() == null ? "" : file.getOriginalFilename().toLowerCase();
        if (filename.endsWith(".json") || "application/json".equals(file.getContentType())) {
            return true;
        }
        in.mark(SNIFFED_BYTES);
        int b = in.read();
        for (int read = 1; read < SNIFFED_BYTES && (b == ' ' || b == '\n' || b == '\r' || b == '\t'); read++) {
            b = in.read();
        }
        in.reset();
        return b == '{';
    }

    private static boolean present(MultipartFile part) {
        return part != null && !part.isEmpty();
    }

    /** x ← (x − mean) / std per column, in place; constant columns keep std 1. */
    private static Dataset.Standardization standardize(INDArray x) {
        INDArray mean = x.mean(true, 0);
        INDArray std = x.std(false, true, 0);
        BooleanIndexing.replaceWhere(std, 1.0, Conditions.equals(0));
        x.subiRowVector(mean).diviRowVector(std);
        return new Dataset.Standardization(mean.toDoubleVector(), std.toDoubleVector());
    }
}
