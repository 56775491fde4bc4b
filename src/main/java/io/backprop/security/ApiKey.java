package io.backprop.security;

import java.time.Instant;

/**
 * A key as the service keeps it: never the secret itself, only its SHA-256 hash.
 *
 * @param hash SHA-256 of the key's UTF-8 bytes
 */
public record ApiKey(String id, String name, boolean admin, Quotas quotas, Instant createdAt, byte[] hash) {
}
