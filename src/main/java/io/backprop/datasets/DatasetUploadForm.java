package io.backprop.datasets;

import io.backprop.web.Finite;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import org.springframework.web.multipart.MultipartFile;

@Schema(description = """
        A data set upload (multipart/form-data). CSV: part `file` with a header row, and `targetColumns` or \
        `labelColumn`. JSON: part `file` holding { "inputs": [[…]], "targets": [[…]] }. IDX (MNIST family, plain or \
        .gz): parts `images` and `labels`.""")
record DatasetUploadForm(
        @Schema(description = "A CSV file (header row required) or a JSON file.") MultipartFile file,
        @Schema(description = "IDX images file (e.g. train-images-idx3-ubyte.gz); each image becomes one row, flattened row-major.")
        MultipartFile images,
        @Schema(description = "IDX labels file (e.g. train-labels-idx1-ubyte.gz); one-hot encoded over `classes`.")
        MultipartFile labels,
        @Schema(description = "A name for people.", example = "fashion-mnist-train") @Size(max = 200) String name,
        @Schema(description = "Divide every input by this, e.g. 255 for pixels.", example = "255") @Finite @Positive Double scale,
        @Schema(description = "Standardise every input column to mean 0 and standard deviation 1 (after scale); the statistics "
                + "are kept with the data set.", defaultValue = "false") Boolean standardize,
        @Schema(description = "Number of classes of labels (default: largest label + 1, or the number of class names).", example = "10") @Positive Integer classes,
        @Schema(description = "CSV: comma-separated names of the target columns; all others are inputs.", example = "y1,y2")
        String targetColumns,
        @Schema(description = "CSV: the column of class labels, one-hot encoded: class numbers (whole numbers from 0), or class "
                + "names, numbered in sorted order and listed as the data set's classNames.", example = "label")
        String labelColumn,
        @Schema(description = "Type the matrices are held in.", allowableValues = {"float32", "float64"}, defaultValue = "float32")
        @Pattern(regexp = "float32|float64", message = "must be float32 or float64") String dtype) {
}
