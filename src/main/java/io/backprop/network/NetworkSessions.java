package io.backprop.network;

import io.backprop.config.Limits;
import io.backprop.security.Tenancy;
import io.backprop.state.NetworkState;
import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Component;

/** The held networks as other features reach them: find one, list them, or hold one made from a state. */
@Component
public class NetworkSessions {

    private final NetworkRegistry registry;
    private final NetworkPersistence persistence;
    private final Limits limits;
    private final Tenancy tenancy;

    NetworkSessions(NetworkRegistry registry, NetworkPersistence persistence, Limits limits, Tenancy tenancy) {
        this.registry = registry;
        this.persistence = persistence;
        this.limits = limits;
        this.tenancy = tenancy;
    }

    /**
     * Holds a network with {@code state} under the given metadata and answers its session, stored
     * before it is held. A null {@code owner} means the key of the current request (none in local
     * mode and outside requests), so that what a request imports belongs to its key. Fails with 429
     * when it does not fit the limits, 503 when the store does not take it, and with
     * {@link IllegalArgumentException} when the state's configuration is not a completed one.
     */
    public NetworkSession hold(String id, String owner, Instant createdAt, Instant updatedAt, NetworkState state) {
        NetworkSession session = new NetworkSession(id, owner != null ? owner : tenancy.owner(), state.spec().name(), SessionStates.network(state), null,
                SessionStates.config(state.training()), SessionStates.regimen(state.training()), state.counters(), createdAt,
                updatedAt, limits.maxHistoryEpochs());
        registry.ensureRoom(session.network().parameterCount());
        persistence.create(session);
        return session;
    }

    /** What POST /networks answers for a network: its definition, configuration and counters. */
    public NetworkDescription describe(NetworkSession session) {
        return Descriptions.of(session);
    }

    /** The network {@code id}; 404 when there is none or the calling key may not see it. */
    public NetworkSession get(String id) {
        return registry.get(id);
    }

    /** Every held network the calling key may see, oldest first. */
    public List<NetworkSession> all() {
        return registry.all();
    }
}
