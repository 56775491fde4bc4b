package io.backprop.datasets;

import io.backprop.web.ProblemResponses;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartHttpServletRequest;

/** HTTP ↔ {@link DatasetService}; nothing else. */
@Tag(name = "datasets", description = "Upload data sets once; train and evaluate on them by datasetId")
@RestController
@RequestMapping(path = "/datasets", produces = MediaType.APPLICATION_JSON_VALUE)
class DatasetController {

    private static final String ID = "The data set's id, as returned by POST /datasets.";
    private static final String NOT_FOUND = "No data set has this id.";
    private static final String TOO_MANY = "The service holds as many data sets as its limits allow (backprop.limits.max-datasets); "
            + "delete some.";

    private final DatasetService service;

    DatasetController(DatasetService service) {
        this.service = service;
    }

    @Operation(summary = "Upload a data set",
            description = "CSV (header row; targetColumns or labelColumn), JSON ({inputs, targets}) or IDX images + labels "
                    + "(plain or .gz). The file is parsed as it streams in; a malformed file is a 400 naming the line or byte "
                    + "offset, and nothing is stored.")
    @ApiResponse(responseCode = "201", description = "Created; Location names the new data set.")
    @ProblemResponses(value = {400, 413, 429, 500}, tooMany = TOO_MANY)
    @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ResponseEntity<DatasetDescription> upload(@Valid @ModelAttribute DatasetUploadForm form, HttpServletRequest request) {
        Set<String> names = new HashSet<>(request.getParameterMap().keySet());
        if (request instanceof MultipartHttpServletRequest multipart) {
            names.addAll(multipart.getMultiFileMap().keySet());
        }
        DatasetDescription created = service.upload(form, names);
        return ResponseEntity.created(URI.create("/datasets/" + created.id())).body(created);
    }

    @Operation(summary = "List data sets", description = "Every data set held, oldest first.")
    @ProblemResponses({500})
    @GetMapping
    List<DatasetDescription> list() {
        return service.list();
    }

    @Operation(summary = "Describe a data set", description = "Shape, class counts, bytes held, scale and standardisation.")
    @ProblemResponses(value = {404, 500}, notFound = NOT_FOUND)
    @GetMapping("/{id}")
    DatasetDescription describe(@Parameter(description = ID) @PathVariable String id) {
        return service.describe(id);
    }

    @Operation(summary = "Delete a data set", description = "Frees its memory; jobs already running on it keep their copy.")
    @ApiResponse(responseCode = "204", description = "Deleted.")
    @ProblemResponses(value = {404, 500}, notFound = NOT_FOUND)
    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@Parameter(description = ID) @PathVariable String id) {
        service.delete(id);
    }
}
