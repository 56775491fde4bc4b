package io.backprop.network;

import io.backprop.config.Limits;
import io.backprop.replicas.Replicas;
import io.backprop.replicas.Topic;
import io.backprop.security.QuotaGuard;
import io.backprop.security.Tenancy;
import io.backprop.store.NetworkStore;
import io.backprop.web.ProblemException;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.stream.Stream;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * The networks held in memory, by id: a cache of the store, keyed by id and version. On a store other replicas share,
 * a network another replica made is loaded on first use, and a copy another replica's change made stale is dropped
 * when its announcement arrives; on one process the cache holds every network. The limits and the owning key's
 * quotas are counted in the store, so they hold across replicas. Every lookup and list sees only what the calling key
 * may see ({@link Tenancy}): another key's network is not found.
 */
@Component
class NetworkRegistry {

    private final ConcurrentMap<String, NetworkSession> sessions = new ConcurrentHashMap<>();
    private final Limits limits;
    private final Tenancy tenancy;
    private final QuotaGuard quotas;
    private final NetworkStore store;
    private final NetworkLoader loader;
    private final Replicas replicas;

    NetworkRegistry(Limits limits, Tenancy tenancy, QuotaGuard quotas, NetworkStore store, NetworkLoader loader, Replicas replicas) {
        this.limits = limits;
        this.tenancy = tenancy;
        this.quotas = quotas;
        this.store = store;
        this.loader = loader;
        this.replicas = replicas;
        if (replicas.shared()) {
            replicas.listen(Topic.NETWORKS, this::changedElsewhere);
            replicas.onMissed(sessions::clear);
        }
    }

    /** Fails with 429 unless a network of {@code parameters} more fits the limits and the calling key's quotas; call before allocating it. */
    void ensureRoom(long parameters) {
        ensureRoom(tenancy.owner(), parameters);
    }

    /**
     * Fails with 429 unless a network of {@code parameters} more for {@code owner} fits the limits and the calling key's
     * quotas, as the store counts them; inside the transaction that stores it, after {@link Replicas#lockLimits()}.
     */
    void ensureRoom(String owner, long parameters) {
        if (owner != null) {
            NetworkStore.Totals owned = store.totals(owner);
            quotas.network(owned.networks(), owned.parameters(), parameters);
        }
        NetworkStore.Totals all = store.totals(null);
        if (all.networks() >= limits.maxNetworks()) {
            throw ProblemException.limit(HttpStatus.TOO_MANY_REQUESTS, null, "The service already holds " + all.networks()
                    + " networks (backprop.limits.max-networks); delete networks you no longer need.");
        }
        if (all.parameters() + parameters > limits.maxTotalParameters()) {
            throw ProblemException.limit(HttpStatus.TOO_MANY_REQUESTS, null, "The networks held have " + all.parameters()
                    + " parameters and this one " + parameters + " more, over " + limits.maxTotalParameters()
                    + " (backprop.limits.max-total-parameters); delete networks you no longer need.");
        }
    }

    /** Holds a network just stored, or brought back from the store. */
    void add(NetworkSession session) {
        sessions.put(session.id(), session);
    }

    /** Holds the copy that has just written its change, in place of any older one. */
    void written(NetworkSession session) {
        sessions.merge(session.id(), session, (cached, mine) -> cached.version() > mine.version() ? cached : mine);
    }

    NetworkSession get(String id) {
        NetworkSession session = find(id);
        if (session == null) {
            throw new NetworkNotFoundException(id);
        }
        return session;
    }

    /** The network with this id, or null (also when the calling key may not see it). */
    NetworkSession find(String id) {
        NetworkSession session = cached(id);
        return session == null || !tenancy.sees(session.owner()) ? null : session;
    }

    /** How many networks the store holds, of every key. */
    long count() {
        return store.totals(null).networks();
    }

    /** Weights and biases of all stored networks together, of every key. */
    long totalParameters() {
        return store.totals(null).parameters();
    }

    void remove(String id) {
        sessions.remove(id);
    }

    /** Every network the caller may see, oldest first. */
    List<NetworkSession> all() {
        Stream<NetworkSession> held = replicas.shared() ? store.ids().stream().map(this::cached).filter(Objects::nonNull)
                : sessions.values().stream();
        return held.filter(session -> tenancy.sees(session.owner()))
                .sorted(Comparator.comparing(NetworkSession::createdAt).thenComparing(NetworkSession::id)).toList();
    }

    /** The held copy, loaded from a shared store when this replica has none; null when there is no such network. */
    private NetworkSession cached(String id) {
        NetworkSession session = sessions.get(id);
        if (session != null || !replicas.shared()) {
            return session;
        }
        return loader.load(id).map(loaded -> sessions.merge(id, loaded,
                (cached, fresh) -> cached.version() >= fresh.version() ? cached : fresh)).orElse(null);
    }

    /** An announcement of another replica's change ({@code id:version}) or deletion ({@code id:deleted}). */
    private void changedElsewhere(String payload) {
        int colon = payload.lastIndexOf(':');
        if (colon < 0) {
            return;
        }
        String id = payload.substring(0, colon);
        String change = payload.substring(colon + 1);
        if ("deleted".equals(change)) {
            sessions.remove(id);
            return;
        }
        long version = Long.parseLong(change);
        sessions.computeIfPresent(id, (key, cached) -> cached.version() < version ? null : cached);
    }
}
