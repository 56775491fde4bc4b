package io.backprop.interop;

import io.backprop.network.NetworkDescription;
import io.backprop.network.NetworkSession;
import io.backprop.network.NetworkSessions;
import io.backprop.web.ProblemResponses;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** HTTP ↔ {@link ExportService} and {@link ImportService}; nothing else. */
@Tag(name = "export and import", description = "Models that travel: JSON (whole training state), safetensors, ONNX")
@RestController
@RequestMapping("/networks")
class InteropController {

    private final ExportService exports;
    private final ImportService imports;
    private final NetworkSessions sessions;

    InteropController(ExportService exports, ImportService imports, NetworkSessions sessions) {
        this.exports = exports;
        this.imports = imports;
        this.sessions = sessions;
    }

    @Operation(summary = "Export a network", description = InteropExamples.EXPORT_DESCRIPTION)
    @ApiResponse(responseCode = "200", description = "The file, as an attachment named <name or id>.<format>.", content = {
            @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
                    examples = @ExampleObject(name = "json", value = InteropExamples.JSON_EXPORT)),
            @Content(mediaType = MediaType.APPLICATION_OCTET_STREAM_VALUE, examples = {
                    @ExampleObject(name = "safetensors", description = "8-byte little-endian header length, this JSON header, "
                            + "then the raw little-endian tensor data.", value = InteropExamples.SAFETENSORS_HEADER),
                    @ExampleObject(name = "onnx", description = "The ONNX graph, in text form.", value = InteropExamples.ONNX_GRAPH)})})
    @ProblemResponses({400, 404, 500})
    @GetMapping("/{id}/export")
    ResponseEntity<byte[]> export(@Parameter(description = "The network's id.") @PathVariable String id,
                                  @Parameter(description = "json, safetensors or onnx. Default: json.") @RequestParam(required = false) String format) {
        ExportFile file = exports.export(id, ExportFormat.parse(format == null ? "json" : format));
        String filename = file.filename();
        ContentDisposition disposition = StandardCharsets.US_ASCII.newEncoder().canEncode(filename)
                ? ContentDisposition.attachment().filename(filename).build()
                : ContentDisposition.attachment().filename(filename, StandardCharsets.UTF_8).build();
        return ResponseEntity.ok().contentType(file.mediaType()).header(HttpHeaders.CONTENT_DISPOSITION, disposition.toString())
                .body(file.bytes());
    }

    @Operation(summary = "Import a JSON export", description = "Creates a new network, with a new id, of a JSON export: parameters, "
            + "optimizer state, schedule counters and training counters exactly, so that training it continues bit for bit. "
            + "A wrong sha256 is a 400 (the file is damaged); nothing is created on any failure.")
    @ApiResponse(responseCode = "201", description = "Created; Location names the new network.")
    @ProblemResponses({400, 413, 422, 429, 500})
    @PostMapping(path = "/import", consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<NetworkDescription> importJson(
            @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(examples =
                    @ExampleObject(name = "json", value = InteropExamples.JSON_EXPORT)))
            @Valid @RequestBody NetworkExport export) {
        return created(imports.importJson(export));
    }

    @Operation(summary = "Import a safetensors or ONNX file", description = InteropExamples.IMPORT_DESCRIPTION)
    @ApiResponse(responseCode = "201", description = "Created; Location names the new network.")
    @ProblemResponses({400, 413, 422, 429, 500})
    @PostMapping(path = "/import", consumes = MediaType.MULTIPART_FORM_DATA_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<NetworkDescription> importFile(@Valid @ModelAttribute ImportForm form) {
        return created(imports.importFile(form));
    }

    private ResponseEntity<NetworkDescription> created(NetworkSession session) {
        return ResponseEntity.created(URI.create("/networks/" + session.id())).body(sessions.describe(session));
    }
}
