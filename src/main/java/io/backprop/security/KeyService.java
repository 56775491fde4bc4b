package io.backprop.security;

import io.backprop.web.ProblemException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/** Issues, finds, checks and revokes keys; secrets are hashed at once and never kept. */
@Service
public class KeyService {

    private static final String SECRET_PREFIX = "bp_";

    private final KeyRepository repository;
    private final RateLimiter rateLimiter;
    private final SecureRandom random = new SecureRandom();

    KeyService(KeyRepository repository, RateLimiter rateLimiter) {
        this.repository = repository;
        this.rateLimiter = rateLimiter;
    }

    /** A new key and, once only, its secret. */
    IssuedKey create(String name, boolean admin, Quotas quotas) {
        String secret = newSecret();
        ApiKey key = new ApiKey(UUID.randomUUID().toString(), name, admin, quotas == null ? Quotas.NONE : quotas, Instant.now(),
                sha256(secret));
        repository.save(key);
        return new IssuedKey(key, secret);
    }

    /** Makes {@code secret} the admin key with this id, replacing an earlier secret of the same id. */
    void installAdmin(String id, String secret) {
        byte[] hash = sha256(secret);
        Optional<ApiKey> existing = repository.find(id);
        if (existing.isEmpty() || !MessageDigest.isEqual(existing.get().hash(), hash) || !existing.get().admin()) {
            repository.save(new ApiKey(id, "admin", true, Quotas.NONE, existing.map(ApiKey::createdAt).orElse(Instant.now()), hash));
        }
    }

    boolean hasAdmin() {
        return repository.all().stream().anyMatch(ApiKey::admin);
    }

    /** The key whose secret was presented; empty for an unknown or revoked one. */
    Optional<ApiKey> authenticate(String presented) {
        byte[] hash = sha256(presented);
        return repository.findByHash(hash).filter(key -> MessageDigest.isEqual(key.hash(), hash));
    }

    List<ApiKey> all() {
        return repository.all();
    }

    ApiKey get(String id) {
        return repository.find(id).orElseThrow(() -> notFound(id));
    }

    /** Revokes the key: its next request is a 401. The last admin key cannot be revoked (409). */
    void delete(String id) {
        ApiKey key = get(id);
        if (key.admin() && repository.all().stream().filter(ApiKey::admin).count() == 1) {
            throw new ProblemException(HttpStatus.CONFLICT, "last-admin-key", "Last admin key", "Key " + id
                    + " is the only admin key; create another admin key before revoking this one.", List.of());
        }
        if (!repository.delete(id)) {
            throw notFound(id);
        }
        rateLimiter.forget(id);
    }

    String newSecret() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return SECRET_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static byte[] sha256(String secret) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException missing) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", missing);
        }
    }

    private static ProblemException notFound(String id) {
        return new ProblemException(HttpStatus.NOT_FOUND, "key-not-found", "Key not found", "No key has id " + id + ".", List.of());
    }

    /** A key just created, with the secret that is shown only in this answer. */
    record IssuedKey(ApiKey key, String secret) {
    }
}
