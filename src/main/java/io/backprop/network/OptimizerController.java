package io.backprop.network;

import io.backprop.web.ProblemResponses;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** HTTP ↔ {@link OptimizerService}; nothing else. */
@Tag(name = "training")
@RestController
@RequestMapping(path = "/networks/{id}/optimizer", produces = MediaType.APPLICATION_JSON_VALUE)
class OptimizerController {

    private static final String ID = "The network's id, as returned by POST /networks.";

    private final OptimizerService service;

    OptimizerController(OptimizerService service) {
        this.service = service;
    }

    @Operation(summary = "Read the training configuration and optimizer state",
            description = "Optimizer, schedule and clipping; the learning rate the next step will use; epoch and step counters; "
                    + "and the optimizer's state arrays (momentum buffers, moments) in the weights' layout.")
    @ProblemResponses({404, 500})
    @GetMapping
    OptimizerStateResponse describe(@Parameter(description = ID) @PathVariable String id) {
        return service.describe(id);
    }

    @Operation(summary = "Replace the training configuration",
            description = "The body replaces optimizer, schedule (omitted: constant) and clip (omitted: none). An optimizer equal "
                    + "to the current one keeps its state; a different one starts with fresh state and resets the schedule. "
                    + "A different schedule starts its counters afresh from the optimizer's base learningRate.")
    @ProblemResponses({400, 404, 500})
    @PutMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    OptimizerStateResponse replace(@Parameter(description = ID) @PathVariable String id,
                                   @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(examples =
                                           @ExampleObject(name = "Adam with a cosine schedule", value = """
                                                   { "optimizer": { "type": "adam", "learningRate": 0.001 },
                                                     "schedule": { "type": "cosine", "tMax": 10 },
                                                     "clip": { "maxNorm": 1.0 } }""")))
                                   @Valid @RequestBody OptimizerConfigBody body) {
        return service.replace(id, body);
    }
}
