package io.backprop.network;

import io.backprop.config.Limits;
import io.backprop.datasets.Dataset;
import io.backprop.datasets.DatasetRegistry;
import io.backprop.engine.Loss;
import io.backprop.engine.Matrices;
import io.backprop.engine.Network;
import io.backprop.web.FieldProblem;
import io.backprop.web.ProblemException;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Checks request rows against a network (row count limit, row lengths, finite values, targets the
 * loss accepts) and turns them into matrices. Every problem found is reported, up to a cap.
 */
@Component
class BatchReader {

    private static final int MAX_REPORTED = 20;

    private final Limits limits;
    private final DatasetRegistry datasets;

    BatchReader(Limits limits, DatasetRegistry datasets) {
        this.limits = limits;
        this.datasets = datasets;
    }

    /** Checks rows to predict: as many as the limit allows, each as long as the network's input, finite. */
    void checkInputs(double[][] inputs, Network network) {
        List<FieldProblem> problems = new ArrayList<>();
        checkRows("inputs", inputs, network.inputs(), "the network's inputs", problems);
        throwIfAny(problems);
    }

    Batch batch(LabelledBatch request, Network network) {
        Batch dataset = checked(request, network);
        return dataset != null ? dataset : new Batch(Matrices.fromRows(request.inputs(), network.precision()),
                Matrices.fromRows(request.targets(), network.precision()));
    }

    /**
     * Checks the request in full: the data set's matrices when it names one, else null (its inline rows
     * are valid, for {@link #inline}).
     */
    Batch checked(LabelledBatch request, Network network) {
        if (request.datasetId() != null) {
            if (request.inputs() != null || request.targets() != null) {
                throw ProblemException.invalid("datasetId", "give either datasetId or inputs and targets, not both");
            }
            return fromDataset(datasets.get(request.datasetId()), network);
        }
        List<FieldProblem> problems = new ArrayList<>();
        checkRows("inputs", request.inputs(), network.inputs(), "the network's inputs", problems);
        checkRows("targets", request.targets(), network.outputs(), "the output layer's units", problems);
        if (request.inputs() != null && request.targets() != null && request.inputs().length != request.targets().length) {
            problems.add(new FieldProblem("targets", "has " + ParameterShapes.rows(request.targets().length) + ", expected "
                    + request.inputs().length + " (one per row of inputs)"));
        }
        if (problems.isEmpty()) {
            checkTargetRange(request.targets(), network.loss(), problems);
        }
        throwIfAny(problems);
        return null;
    }

    /** The checked batch in the scratch's rows: the data set's, or the request's rows written into the scratch. */
    static Batch inline(LabelledBatch request, Batch dataset, Scratch scratch) {
        return dataset != null ? dataset : new Batch(Matrices.write(request.inputs(), scratch.x()),
                Matrices.write(request.targets(), scratch.y()));
    }

    /** The rows of a checked batch. */
    static int rows(LabelledBatch request, Batch dataset) {
        return dataset != null ? (int) dataset.x().rows() : request.inputs().length;
    }

    /** The data set's matrices, in the network's precision. */
    static Batch fromDataset(Dataset dataset, Network network) {
        List<FieldProblem> problems = new ArrayList<>();
        if (dataset.inputs() != network.inputs()) {
            problems.add(new FieldProblem("datasetId", "the data set has " + dataset.inputs() + " inputs, the network "
                    + network.inputs()));
        }
        if (dataset.outputs() != network.outputs()) {
            problems.add(new FieldProblem("datasetId", "the data set has " + dataset.outputs() + " targets per row, the network's "
                    + "output layer " + network.outputs() + " units"));
        }
        throwIfAny(problems);
        var type = network.precision().dataType();
        return new Batch(dataset.x().dataType() == type ? dataset.x() : dataset.x().castTo(type),
                dataset.y().dataType() == type ? dataset.y() : dataset.y().castTo(type));
    }

    private void checkRows(String field, double[][] rows, int width, String widthMeaning, List<FieldProblem> problems) {
        if (rows == null || rows.length == 0) {
            problems.add(new FieldProblem(field, "is required: an array of rows, each of " + width + " numbers"));
            return;
        }
        if (rows.length > limits.maxRowsPerRequest()) {
            throw ProblemException.limit(HttpStatus.PAYLOAD_TOO_LARGE, field, field + " has " + rows.length + " rows, more than "
                    + limits.maxRowsPerRequest() + " (backprop.limits.max-rows-per-request); split the work into several requests.");
        }
        for (int i = 0; i < rows.length && problems.size() < MAX_REPORTED; i++) {
            String path = field + "[" + i + "]";
            if (rows[i] == null || rows[i].length != width) {
                problems.add(new FieldProblem(path, "has " + ParameterShapes.values(rows[i] == null ? 0 : rows[i].length)
                        + ", expected " + width + " (" + widthMeaning + ")"));
                continue;
            }
            for (int k = 0; k < width; k++) {
                if (!Double.isFinite(rows[i][k])) {
                    problems.add(new FieldProblem(path + "[" + k + "]", "must be a finite number, not " + rows[i][k]));
                }
            }
        }
    }

    private static void checkTargetRange(double[][] targets, Loss loss, List<FieldProblem> problems) {
        if (loss == Loss.MSE) {
            return;
        }
        double high = loss == Loss.BINARY_CROSS_ENTROPY ? 1.0 : Double.MAX_VALUE;
        String meaning = loss == Loss.BINARY_CROSS_ENTROPY ? "between 0 and 1 for binary_cross_entropy"
                : "at least 0 for cross_entropy (one-hot rows or probabilities)";
        for (int i = 0; i < targets.length && problems.size() < MAX_REPORTED; i++) {
            for (int k = 0; k < targets[i].length; k++) {
                if (targets[i][k] < 0 || targets[i][k] > high) {
                    problems.add(new FieldProblem("targets[" + i + "][" + k + "]", "is " + targets[i][k] + "; must be " + meaning));
                }
            }
        }
    }

    private static void throwIfAny(List<FieldProblem> problems) {
        if (!problems.isEmpty()) {
            throw ProblemException.invalid(problems);
        }
    }
}
