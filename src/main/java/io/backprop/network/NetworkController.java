package io.backprop.network;

import io.backprop.web.ProblemResponses;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** HTTP ↔ {@link NetworkService}, {@link TrainingService} and {@link InferenceService}; nothing else. */
@RestController
@RequestMapping(path = "/networks", produces = MediaType.APPLICATION_JSON_VALUE)
class NetworkController {

    private static final String ID = "The network's id, as returned by POST /networks.";

    private final NetworkService service;
    private final TrainingService training;
    private final InferenceService inference;

    NetworkController(NetworkService service, TrainingService training, InferenceService inference) {
        this.service = service;
        this.training = training;
        this.inference = inference;
    }

    @Tag(name = "networks")
    @Operation(summary = "Define a network",
            description = "Creates a multilayer perceptron from its layers. Layers without explicit weights are initialised by "
                    + "`init` (reproducible with `seed`). The loss must pair with the output activation.")
    @ApiResponse(responseCode = "201", description = "Created; Location names the new network.")
    @ProblemResponses({400, 422, 429, 500})
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<NetworkDescription> create(
            @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(examples =
                    @ExampleObject(name = "2-2-2 worked example", value = Examples.CREATE_MAZUR)))
            @Valid @RequestBody CreateNetworkRequest request) {
        NetworkDescription created = service.create(request);
        return ResponseEntity.created(URI.create("/networks/" + created.id())).body(created);
    }

    @Tag(name = "networks")
    @Operation(summary = "List networks", description = "Every network held, oldest first.")
    @ProblemResponses({500})
    @GetMapping
    List<NetworkDescription> list() {
        return service.list();
    }

    @Tag(name = "networks")
    @Operation(summary = "Describe a network", description = "Definition, optimizer and training counters, without parameters.")
    @ProblemResponses({404, 500})
    @GetMapping("/{id}")
    NetworkDescription describe(@Parameter(description = ID) @PathVariable String id) {
        return service.describe(id);
    }

    @Tag(name = "networks")
    @Operation(summary = "Delete a network", description = "Forgets the network, its optimizer state and history.")
    @ApiResponse(responseCode = "204", description = "Deleted.")
    @ProblemResponses({404, 500})
    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@Parameter(description = ID) @PathVariable String id) {
        service.delete(id);
    }

    @Tag(name = "networks")
    @Operation(summary = "Read the parameters", description = "Every layer's weights [units][fanIn] and biases.")
    @ProblemResponses({404, 500})
    @GetMapping("/{id}/parameters")
    ParametersBody parameters(@Parameter(description = ID) @PathVariable String id) {
        return service.parameters(id);
    }

    @Tag(name = "networks")
    @Operation(summary = "Replace the parameters",
            description = "Every shape is checked before anything changes; the optimizer's state starts afresh.")
    @ProblemResponses({400, 404, 500})
    @PutMapping(path = "/{id}/parameters", consumes = MediaType.APPLICATION_JSON_VALUE)
    ParametersBody replaceParameters(@Parameter(description = ID) @PathVariable String id, @Valid @RequestBody ParametersBody body) {
        return service.replaceParameters(id, body);
    }

    @Tag(name = "training")
    @Operation(summary = "Training history", description = "Every epoch trained on the network, by train calls and by jobs, "
            + "oldest first (up to backprop.limits.max-history-epochs).")
    @ProblemResponses({404, 500})
    @GetMapping("/{id}/history")
    List<EpochRecord> history(@Parameter(description = ID) @PathVariable String id) {
        return training.history(id);
    }

    @Tag(name = "inference")
    @Operation(summary = "Predict", description = "The outputs ŷ for each row; for a softmax output also the class (argmax) per row.")
    @ProblemResponses({400, 404, 413, 500})
    @PostMapping(path = "/{id}/predict", consumes = MediaType.APPLICATION_JSON_VALUE)
    PredictResponse predict(@Parameter(description = ID) @PathVariable String id, @Valid @RequestBody PredictRequest request) {
        return inference.predict(id, request);
    }

    @Tag(name = "training")
    @Operation(summary = "Train (synchronous)",
            description = "Epochs × mini-batches of forward pass, backpropagation and optimizer step, one update per mini-batch. "
                    + "If a step yields a non-finite loss or parameter, training stops, the network is left exactly as before "
                    + "the call, and the answer is 422 naming the epoch and step.")
    @ProblemResponses({400, 404, 409, 413, 422, 500})
    @PostMapping(path = "/{id}/train", consumes = MediaType.APPLICATION_JSON_VALUE)
    TrainResponse train(@Parameter(description = ID) @PathVariable String id,
                        @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(examples =
                                @ExampleObject(name = "2-2-2 worked example, 10,000 steps", value = Examples.TRAIN_MAZUR)))
                        @Valid @RequestBody TrainRequest request) {
        return training.train(id, request);
    }

    @Tag(name = "training")
    @Operation(summary = "One backpropagation step, shown in full",
            description = "Forward values z and a, per-sample node errors δ, gradients and the plain-SGD update "
                    + "p − η·∂L/∂p for every layer, as a textbook worked example prints them. Always plain SGD, whatever "
                    + "the network's optimizer. `apply: false` is a dry run.")
    @ProblemResponses({400, 404, 413, 500})
    @PostMapping(path = "/{id}/backprop", consumes = MediaType.APPLICATION_JSON_VALUE)
    BackpropResponse backprop(@Parameter(description = ID) @PathVariable String id,
                              @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(examples =
                                      @ExampleObject(name = "2-2-2 worked example", value = Examples.BACKPROP_MAZUR)))
                              @Valid @RequestBody BackpropRequest request) {
        return training.backprop(id, request);
    }

    @Tag(name = "inference")
    @Operation(summary = "Evaluate", description = "Loss on the rows and, for softmax or sigmoid outputs, accuracy.")
    @ProblemResponses({400, 404, 413, 500})
    @PostMapping(path = "/{id}/evaluate", consumes = MediaType.APPLICATION_JSON_VALUE)
    EvaluateResponse evaluate(@Parameter(description = ID) @PathVariable String id, @Valid @RequestBody EvaluateRequest request) {
        return inference.evaluate(id, request);
    }

    @Tag(name = "training")
    @Operation(summary = "Check gradients",
            description = "Backpropagation's gradients next to central finite differences, in float64 on a copy of the network.")
    @ProblemResponses({400, 404, 413, 422, 500})
    @PostMapping(path = "/{id}/gradient-check", consumes = MediaType.APPLICATION_JSON_VALUE)
    GradientCheckResponse gradientCheck(@Parameter(description = ID) @PathVariable String id,
                                        @Valid @RequestBody GradientCheckRequest request) {
        return inference.gradientCheck(id, request);
    }
}
