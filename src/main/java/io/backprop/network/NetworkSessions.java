package io.backprop.network;

import io.backprop.config.Limits;
import io.backprop.state.NetworkState;
import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Component;

/** The held networks as other features reach them: find one, list them, or hold one made from a state. */
@Component
public class NetworkSessions {

    private final NetworkRegistry registry;
    private final Limits limits;

    NetworkSessions(NetworkRegistry registry, Limits limits) {
        this.registry = registry;
        this.limits = limits;
    }

    /**
     * Holds a network with {@code state} under the given metadata ({@code owner} null in local mode)
     * and answers its session. Fails with 429 when it does not fit the limits, and with
     * {@link IllegalArgumentException} when the state's configuration is not a completed one.
     */
    public NetworkSession hold(String id, String owner, Instant createdAt, Instant updatedAt, NetworkState state) {
        NetworkSession session = new NetworkSession(id, owner, state.spec().name(), SessionStates.network(state), null,
                SessionStates.config(state.training()), SessionStates.regimen(state.training()), state.counters(), createdAt,
                updatedAt, limits.maxHistoryEpochs());
        registry.add(session);
        return session;
    }

    /** What POST /networks answers for a network: its definition, configuration and counters. */
    public NetworkDescription describe(NetworkSession session) {
        return Descriptions.of(session);
    }

    /** The network {@code id}; 404 when there is none. */
    public NetworkSession get(String id) {
        return registry.get(id);
    }

    /** Every held network, oldest first. */
    public List<NetworkSession> all() {
        return registry.all();
    }
}
