package io.backprop.inference;

import io.backprop.web.ProblemException;
import io.swagger.v3.oas.annotations.Hidden;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** HTTP ↔ {@link OpenInferenceService} for the Open Inference Protocol v2 (KServe, Triton); nothing else. */
@Tag(name = "open inference protocol", description = "The Open Inference Protocol v2 of KServe and Triton: health, metadata, infer (JSON or binary tensors)")
@ApiResponse(responseCode = "404", description = "No model is called so (or several networks are); or the version is not 1.",
        content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE, schema = @Schema(implementation = ErrorBody.class)))
@RestController
@RequestMapping(path = "/v2", produces = MediaType.APPLICATION_JSON_VALUE)
class OpenInferenceController {

    static final String HEADER_LENGTH = "Inference-Header-Content-Length";
    private static final String MODEL = "A network's id, or its name when exactly one network has that name.";
    private static final String VERSION = "The model's version; the only one is 1.";
    private static final String SERVER = "backprop-service";
    private static final List<String> EXTENSIONS = List.of("binary_tensor_data");

    private final OpenInferenceService service;
    private final Readiness readiness;
    private final String version;

    OpenInferenceController(OpenInferenceService service, Readiness readiness, @Value("${backprop.version:unknown}") String version) {
        this.service = service;
        this.readiness = readiness;
        this.version = version;
    }

    @Operation(summary = "Server metadata", description = "The server's name, version and protocol extensions.")
    @ApiResponse(responseCode = "200", description = "The server's metadata.")
    @GetMapping("")
    Metadata.Server server() {
        return new Metadata.Server(SERVER, version, EXTENSIONS);
    }

    /** The same answer at {@code /v2/}, for clients that write the root with a slash; left out of the description. */
    @Hidden
    @GetMapping("/")
    Metadata.Server serverAtSlash() {
        return server();
    }

    @Operation(summary = "Server live", description = "Whether the server answers at all (a liveness probe).")
    @ApiResponse(responseCode = "200", description = "Live.")
    @GetMapping("/health/live")
    Metadata.Live live() {
        return new Metadata.Live(true);
    }

    @Operation(summary = "Server ready", description = "Whether the server takes inference requests (a readiness probe): "
            + "503 while it starts, stops, or cannot reach its store.")
    @ApiResponse(responseCode = "200", description = "Ready.")
    @ApiResponse(responseCode = "503", description = "Not ready; error says why.")
    @GetMapping("/health/ready")
    ResponseEntity<Object> ready() {
        String notReady = readiness.notReadyBecause();
        if (notReady != null) {
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).body(Map.of("ready", false, "error", notReady));
        }
        return ResponseEntity.ok(new Metadata.Ready(true));
    }

    @Operation(summary = "Model metadata", description = "The model's input and outputs: `input` [-1, inputs] and `output` "
            + "[-1, units] in the network's datatype, and for a softmax output `classes` (INT64, [-1]).")
    @ApiResponse(responseCode = "200", description = "The model's metadata.")
    @GetMapping("/models/{model}")
    Metadata.Model model(@Parameter(description = MODEL) @PathVariable String model) {
        return service.metadata(model);
    }

    @Operation(summary = "Model metadata (versioned)", description = "As GET /v2/models/{model}; the only version is 1.")
    @ApiResponse(responseCode = "200", description = "The model's metadata.")
    @GetMapping("/models/{model}/versions/{version}")
    Metadata.Model model(@Parameter(description = MODEL) @PathVariable String model,
                         @Parameter(description = VERSION) @PathVariable String version) {
        ModelVersions.check(model, version);
        return service.metadata(model);
    }

    @Operation(summary = "Model ready", description = "Whether the model takes inference requests.")
    @ApiResponse(responseCode = "200", description = "Whether the model is ready.")
    @GetMapping("/models/{model}/ready")
    Metadata.ModelReady modelReady(@Parameter(description = MODEL) @PathVariable String model) {
        return service.ready(model);
    }

    @Operation(summary = "Model ready (versioned)", description = "As GET /v2/models/{model}/ready; the only version is 1.")
    @ApiResponse(responseCode = "200", description = "Whether the model is ready.")
    @GetMapping("/models/{model}/versions/{version}/ready")
    Metadata.ModelReady modelReady(@Parameter(description = MODEL) @PathVariable String model,
                                   @Parameter(description = VERSION) @PathVariable String version) {
        ModelVersions.check(model, version);
        return service.ready(model);
    }

    @Operation(summary = "Infer", description = """
            Outputs for N rows: one input `input` of shape [N, inputs], datatype FP32 or FP64 (values are read in that \
            datatype, then computed in the network's), `data` flat row-major or nested by rows; `outputs` names the \
            outputs to answer with (default: all), `id` is echoed. Binary tensor data (Triton's extension): with header \
            Inference-Header-Content-Length: n, the body's first n bytes are this JSON, the input has \
            `"parameters": {"binary_data_size": k}` instead of data, and its k little-endian bytes follow; an output \
            asked for with `"parameters": {"binary_data": true}` (or every output, with the request parameter \
            `binary_data_output: true`) comes back the same way, as application/octet-stream.""")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
            schema = @Schema(type = "object", description = "The protocol's inference_request."),
            examples = @ExampleObject(name = "2-2-2 worked example", value = """
                    { "id": "42", "inputs": [ { "name": "input", "shape": [1, 2], "datatype": "FP64", "data": [0.05, 0.1] } ] }""")))
    @ApiResponse(responseCode = "200", description = "The outputs: JSON, or a JSON header and binary data (application/octet-stream).")
    @ApiResponse(responseCode = "400", description = "The request does not fit the model: error names the field and what to change.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE, schema = @Schema(implementation = ErrorBody.class)))
    @ApiResponse(responseCode = "413", description = "More rows than backprop.limits.max-rows-per-request, or a larger body than "
            + "backprop.limits.max-request-size.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE, schema = @Schema(implementation = ErrorBody.class)))
    @PostMapping(path = "/models/{model}/infer", produces = {MediaType.APPLICATION_JSON_VALUE, MediaType.APPLICATION_OCTET_STREAM_VALUE})
    ResponseEntity<byte[]> infer(@Parameter(description = MODEL) @PathVariable String model,
                                 @Parameter(description = "Length of the JSON header before binary tensor data.")
                                 @RequestHeader(value = HEADER_LENGTH, required = false) Integer headerLength,
                                 @RequestHeader(value = HttpHeaders.CONTENT_TYPE, required = false) String contentType,
                                 @RequestBody byte[] body) {
        checkContentType(contentType, headerLength);
        return answer(service.infer(model, body, headerLength));
    }

    @Operation(summary = "Infer (versioned)", description = "As POST /v2/models/{model}/infer; the only version is 1.")
    @ApiResponse(responseCode = "200", description = "The outputs: JSON, or a JSON header and binary data (application/octet-stream).")
    @PostMapping(path = "/models/{model}/versions/{version}/infer",
            produces = {MediaType.APPLICATION_JSON_VALUE, MediaType.APPLICATION_OCTET_STREAM_VALUE})
    ResponseEntity<byte[]> infer(@Parameter(description = MODEL) @PathVariable String model,
                                 @Parameter(description = VERSION) @PathVariable String version,
                                 @Parameter(description = "Length of the JSON header before binary tensor data.")
                                 @RequestHeader(value = HEADER_LENGTH, required = false) Integer headerLength,
                                 @RequestHeader(value = HttpHeaders.CONTENT_TYPE, required = false) String contentType,
                                 @RequestBody byte[] body) {
        ModelVersions.check(model, version);
        checkContentType(contentType, headerLength);
        return answer(service.infer(model, body, headerLength));
    }

    /** A body without binary data must be JSON (or say nothing of its type). */
    private static void checkContentType(String contentType, Integer headerLength) {
        if (headerLength != null || contentType == null) {
            return;
        }
        MediaType type;
        try {
            type = MediaType.parseMediaType(contentType);
        } catch (IllegalArgumentException unreadable) {
            type = null;
        }
        if (type == null || !(MediaType.APPLICATION_JSON.isCompatibleWith(type) || "json".equals(type.getSubtypeSuffix()))) {
            throw new ProblemException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-media-type", "Unsupported media type",
                    "Content-Type " + contentType + " is not accepted here: send JSON (application/json), or a JSON header "
                            + "and binary tensor data with the " + HEADER_LENGTH + " header.", List.of());
        }
    }

    private static ResponseEntity<byte[]> answer(InferAnswer answer) {
        if (answer.headerLength() == null) {
            return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(answer.body());
        }
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_OCTET_STREAM)
                .header(HEADER_LENGTH, String.valueOf(answer.headerLength())).body(answer.body());
    }
}
