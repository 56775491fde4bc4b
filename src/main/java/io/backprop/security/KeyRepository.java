package io.backprop.security;

import java.util.List;
import java.util.Optional;

/** Where keys are kept, by id and by the SHA-256 hash of the secret. */
public interface KeyRepository {

    void save(ApiKey key);

    /** The key whose hash is {@code hash}; the caller confirms the match in constant time. */
    Optional<ApiKey> findByHash(byte[] hash);

    Optional<ApiKey> find(String id);

    /** Every key, oldest first. */
    List<ApiKey> all();

    /** False when no key has this id. */
    boolean delete(String id);
}
