package io.backprop.security;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Positive;

/**
 * What one key may hold and how fast it may call; an absent quota leaves only the service's own limits.
 *
 * @param maxNetworks       networks the key owns at once
 * @param maxParameters     weights and biases of all its networks together
 * @param maxDatasetBytes   bytes of all its data sets' matrices together
 * @param maxConcurrentJobs its training jobs queued or running at once
 * @param requestsPerSecond its sustained request rate (bursts up to one second's worth)
 */
@Schema(description = "Per-key quotas; an absent one leaves only the service's own limits. Exceeding one is a 429 naming it.")
public record Quotas(
        @Schema(description = "Networks the key owns at once.", example = "10") @Positive Integer maxNetworks,
        @Schema(description = "Weights and biases of all the key's networks together.", example = "1000000") @Positive Long maxParameters,
        @Schema(description = "Bytes of all the key's data sets together.", example = "104857600") @Positive Long maxDatasetBytes,
        @Schema(description = "The key's training jobs queued or running at once.", example = "2") @Positive Integer maxConcurrentJobs,
        @Schema(description = "Sustained requests per second (bursts up to one second's worth); more is a 429 with Retry-After.",
                example = "50") @Positive Integer requestsPerSecond) {

    public static final Quotas NONE = new Quotas(null, null, null, null, null);
}
