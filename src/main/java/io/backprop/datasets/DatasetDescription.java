package io.backprop.datasets;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;

@Schema(description = "A held data set.")
record DatasetDescription(
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED) String id,
        String name,
        @Schema(description = "Rows.", requiredMode = Schema.RequiredMode.REQUIRED) long samples,
        @Schema(description = "Inputs per row.", requiredMode = Schema.RequiredMode.REQUIRED) int inputs,
        @Schema(description = "Targets per row.", requiredMode = Schema.RequiredMode.REQUIRED) int outputs,
        @Schema(description = "For labelled data (labelColumn, IDX): rows per class.") long[] classCounts,
        @Schema(description = "For a labelColumn of names rather than class numbers: the names in class order "
                + "(sorted), so class k of a prediction is classNames[k].") List<String> classNames,
        @Schema(description = "Bytes held by the matrices.", requiredMode = Schema.RequiredMode.REQUIRED) long bytes,
        @Schema(description = "float32 or float64: the type the matrices are held in.", requiredMode = Schema.RequiredMode.REQUIRED)
        String dtype,
        @Schema(description = "Every input was divided by this.") Double scale,
        @Schema(description = "With standardize: the per-input mean and standard deviation (population) used, after scaling.")
        Dataset.Standardization standardization,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED) Instant createdAt) {

    static DatasetDescription of(Dataset dataset) {
        return new DatasetDescription(dataset.id(), dataset.name(), dataset.samples(), dataset.inputs(), dataset.outputs(),
                dataset.classCounts(), dataset.classNames(), dataset.bytes(),
                dataset.dtype() == org.nd4j.linalg.api.buffer.DataType.DOUBLE ? "float64" : "float32", dataset.scale(), dataset.standardization(), dataset.createdAt());
    }
}
