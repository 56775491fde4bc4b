package io.backprop.inference;

import io.backprop.metrics.InferenceMetrics;
import io.backprop.network.ModelInfo;
import io.backprop.network.Models;
import io.backprop.web.ProblemException;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * The protocol's model operations: a model named by a network's id, or by its name when exactly
 * one network has it; its metadata; and inference through {@link Models}, which predicts under
 * the network's read lock.
 */
@Service
class OpenInferenceService {

    static final String PLATFORM = "backprop_mlp";

    private final Models models;
    private final InferRequestReader reader;
    private final InferResponseWriter writer;
    private final InferenceMetrics metrics;

    OpenInferenceService(Models models, InferRequestReader reader, InferResponseWriter writer, InferenceMetrics metrics) {
        this.models = models;
        this.reader = reader;
        this.writer = writer;
        this.metrics = metrics;
    }

    /** The model {@code name} stands for; 404 when none or several networks do. */
    ModelInfo model(String name) {
        List<ModelInfo> found = models.resolve(name);
        if (found.size() == 1) {
            return found.get(0);
        }
        String detail = found.isEmpty()
                ? "No model is called '" + name + "': give a network's id, or the name of exactly one network (GET /networks lists them)."
                : found.size() + " networks are named '" + name + "'; give the id of the one you mean (GET /networks lists them).";
        throw new ProblemException(HttpStatus.NOT_FOUND, "model-not-found", "Model not found", detail, List.of());
    }

    Metadata.Model metadata(String name) {
        ModelInfo model = model(name);
        String datatype = Datatype.of(model.dtype()).name();
        List<Metadata.Tensor> outputs = new ArrayList<>();
        outputs.add(new Metadata.Tensor(OutputNames.OUTPUT, datatype, List.of(-1L, (long) model.outputs())));
        if (model.softmax()) {
            outputs.add(new Metadata.Tensor(OutputNames.CLASSES, Datatype.INT64.name(), List.of(-1L)));
        }
        return new Metadata.Model(name, List.of(ModelVersions.ONLY), PLATFORM,
                List.of(new Metadata.Tensor(InferRequestReader.INPUT, datatype, List.of(-1L, (long) model.inputs()))), outputs);
    }

    Metadata.ModelReady ready(String name) {
        model(name);
        return new Metadata.ModelReady(name, true);
    }

    /** Answers an inference request body (see {@link InferRequestReader#read}) for the model called {@code name}. */
    InferAnswer infer(String name, byte[] body, Integer headerLength) {
        ModelInfo model = model(name);
        InferRequest request = reader.read(body, headerLength, model);
        double[] y = models.predict(model.id(), request.x(), request.rows());
        metrics.rows(request.rows());
        return writer.write(name, model, request, y);
    }
}
