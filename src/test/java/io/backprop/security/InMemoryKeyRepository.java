package io.backprop.security;

import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** Keys held in memory, for tests of the key logic without a store. */
class InMemoryKeyRepository implements KeyRepository {

    private final ConcurrentMap<String, ApiKey> byId = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, ApiKey> byHash = new ConcurrentHashMap<>();

    @Override
    public synchronized void save(ApiKey key) {
        ApiKey earlier = byId.put(key.id(), key);
        if (earlier != null) {
            byHash.remove(HexFormat.of().formatHex(earlier.hash()));
        }
        byHash.put(HexFormat.of().formatHex(key.hash()), key);
    }

    @Override
    public Optional<ApiKey> findByHash(byte[] hash) {
        return Optional.ofNullable(byHash.get(HexFormat.of().formatHex(hash)));
    }

    @Override
    public Optional<ApiKey> find(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    @Override
    public List<ApiKey> all() {
        return byId.values().stream().sorted(Comparator.comparing(ApiKey::createdAt).thenComparing(ApiKey::id)).toList();
    }

    @Override
    public synchronized boolean delete(String id) {
        ApiKey key = byId.remove(id);
        if (key == null) {
            return false;
        }
        byHash.remove(HexFormat.of().formatHex(key.hash()));
        return true;
    }
}
