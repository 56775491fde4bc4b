package io.backprop.security;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

@Schema(description = "A key to issue.")
record CreateKeyRequest(
        @Schema(description = "Who or what the key is for.", example = "team-vision", requiredMode = Schema.RequiredMode.REQUIRED)
        @NotBlank @Size(max = 200) String name,
        @Schema(description = "Whether the key may manage keys and sees every tenant's resources.", defaultValue = "false")
        Boolean admin,
        @Schema(description = "Absent: only the service's own limits apply.") @Valid Quotas quotas) {
}
