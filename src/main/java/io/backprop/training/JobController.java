package io.backprop.training;

import io.backprop.web.ProblemResponses;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/** HTTP ↔ {@link JobService}; nothing else. */
@Tag(name = "jobs", description = "Training jobs: long runs in the background with progress, events, early stopping, cancel")
@RestController
class JobController {

    private static final String JOB = "The job's id, as returned by POST /networks/{id}/training-jobs.";
    private static final String NOT_FOUND = "No job has this id; finished jobs are kept for backprop.jobs.retention.";
    private static final Duration STREAM_TIMEOUT = Duration.ofHours(6);

    private final JobService service;

    JobController(JobService service) {
        this.service = service;
    }

    @Operation(summary = "Start a training job",
            description = "Queues a job that trains the network on a data set, epoch by epoch, with optional validation, "
                    + "early stopping and optimizer, schedule and clip overrides (which become the network's). One job per "
                    + "network; predictions keep working during it against the last completed step.")
    @ApiResponse(responseCode = "202", description = "Accepted; Location names the job.")
    @ProblemResponses(value = {400, 404, 409, 422, 429, 500},
            notFound = "No network has this id, or no data set has the datasetId given.",
            tooMany = "The job queue is full (backprop.jobs.queue-capacity); try again when a job has finished.")
    @PostMapping(path = "/networks/{id}/training-jobs", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<JobView> submit(@Parameter(description = "The network's id.") @PathVariable String id,
                                   @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(examples =
                                           @ExampleObject(name = "Fashion-MNIST", value = """
                                                   { "datasetId": "…", "validation": { "fraction": 0.1, "seed": 7 }, "epochs": 10,
                                                     "batchSize": 128, "shuffle": true, "seed": 7,
                                                     "optimizer": { "type": "adam", "learningRate": 0.001 },
                                                     "schedule": { "type": "cosine", "tMax": 10 },
                                                     "earlyStopping": { "monitor": "valLoss", "patience": 3, "restoreBest": true } }""")))
                                   @Valid @RequestBody TrainingJobRequest request) {
        JobView job = service.submit(id, request);
        return ResponseEntity.accepted().location(URI.create("/jobs/" + job.id())).body(job);
    }

    @Operation(summary = "List jobs", description = "Queued, running and recently finished jobs, oldest first.")
    @ProblemResponses({500})
    @GetMapping(path = "/jobs", produces = MediaType.APPLICATION_JSON_VALUE)
    List<JobView> list() {
        return service.list();
    }

    @Operation(summary = "Describe a job", description = "Status, progress, ETA, samples/s, per-epoch history, best epoch.")
    @ProblemResponses(value = {404, 500}, notFound = NOT_FOUND)
    @GetMapping(path = "/jobs/{jobId}", produces = MediaType.APPLICATION_JSON_VALUE)
    JobView get(@Parameter(description = JOB) @PathVariable String jobId) {
        return service.get(jobId);
    }

    @Operation(summary = "Follow a job", description = "Server-sent events: `progress` (the job, at most one per 500 ms), "
            + "`epoch` (each history entry as it is made) and a final `done` (the job), after which the stream ends.")
    @ApiResponse(responseCode = "200", description = "An event stream.", content = @Content(mediaType = MediaType.TEXT_EVENT_STREAM_VALUE))
    @ProblemResponses(value = {404, 500}, notFound = NOT_FOUND)
    @GetMapping(path = "/jobs/{jobId}/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter events(@Parameter(description = JOB) @PathVariable String jobId) {
        SseEmitter emitter = new SseEmitter(STREAM_TIMEOUT.toMillis());
        service.subscribe(jobId, emitter);
        return emitter;
    }

    @Operation(summary = "Cancel a job", description = "A queued job never starts; a running one stops before its next "
            + "mini-batch, and the network keeps its last completed step. Answers the job as it stands.")
    @ProblemResponses(value = {404, 500}, notFound = NOT_FOUND)
    @DeleteMapping(path = "/jobs/{jobId}", produces = MediaType.APPLICATION_JSON_VALUE)
    JobView cancel(@Parameter(description = JOB) @PathVariable String jobId) {
        return service.cancel(jobId);
    }
}
