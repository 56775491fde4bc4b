package io.backprop.security;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;

@Schema(description = "A key as the service knows it; the secret itself is never stored, only its SHA-256 hash.")
record KeyDescription(
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED) String id,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED) String name,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED) boolean admin,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED) @JsonInclude(JsonInclude.Include.ALWAYS) Quotas quotas,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED) Instant createdAt,
        @Schema(description = "The secret: only in the answer to POST /keys, never again. Send it as Authorization: Bearer <key> "
                + "or X-API-Key: <key>.") String key) {

    static KeyDescription of(ApiKey key) {
        return new KeyDescription(key.id(), key.name(), key.admin(), key.quotas(), key.createdAt(), null);
    }

    static KeyDescription issued(KeyService.IssuedKey issued) {
        ApiKey key = issued.key();
        return new KeyDescription(key.id(), key.name(), key.admin(), key.quotas(), key.createdAt(), issued.secret());
    }
}
