package io.backprop.security;

import io.backprop.web.ProblemResponses;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.List;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** HTTP ↔ {@link KeyService}; only in {@code keys} mode (local mode has no keys). */
@Tag(name = "keys", description = "API keys, their tenants' quotas and revocation (keys mode only; admin keys except GET /keys/me)")
@RestController
@RequestMapping(path = "/keys", produces = MediaType.APPLICATION_JSON_VALUE)
@ConditionalOnProperty(name = SecuritySettings.MODE_PROPERTY, havingValue = "keys")
class KeyController {

    private static final String ID = "The key's id, as returned by POST /keys.";

    private final KeyService service;
    private final Tenancy tenancy;

    KeyController(KeyService service, Tenancy tenancy) {
        this.service = service;
        this.tenancy = tenancy;
    }

    @Operation(summary = "Issue a key", description = "Admin only. The answer holds the secret (`key`); it is shown this once "
            + "and stored only as a SHA-256 hash. Everything the new key creates belongs to it.")
    @ApiResponse(responseCode = "201", description = "Created; Location names the key.")
    @ProblemResponses({400, 401, 403, 429, 500})
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<KeyDescription> create(@Valid @RequestBody CreateKeyRequest request) {
        KeyDescription created = KeyDescription.issued(service.create(request.name().strip(), Boolean.TRUE.equals(request.admin()),
                request.quotas()));
        return ResponseEntity.created(URI.create("/keys/" + created.id())).body(created);
    }

    @Operation(summary = "List keys", description = "Admin only. Every key, oldest first, without secrets.")
    @ProblemResponses({401, 403, 429, 500})
    @GetMapping
    List<KeyDescription> list() {
        return service.all().stream().map(KeyDescription::of).toList();
    }

    @Operation(summary = "Describe the calling key", description = "Any key: itself, with its quotas, without the secret.")
    @ProblemResponses({401, 429, 500})
    @GetMapping("/me")
    KeyDescription me() {
        return KeyDescription.of(tenancy.caller().orElseThrow());
    }

    @Operation(summary = "Describe a key", description = "Admin only.")
    @ProblemResponses({401, 403, 404, 429, 500})
    @GetMapping("/{id}")
    KeyDescription describe(@Parameter(description = ID) @PathVariable String id) {
        return KeyDescription.of(service.get(id));
    }

    @Operation(summary = "Revoke a key", description = "Admin only. The key stops working at once (its next request is a 401); "
            + "what it owns stays, visible to admin keys. The last admin key cannot be revoked (409).")
    @ApiResponse(responseCode = "204", description = "Revoked.")
    @ProblemResponses({401, 403, 404, 409, 429, 500})
    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@Parameter(description = ID) @PathVariable String id) {
        service.delete(id);
    }
}
