package io.backprop.network;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.backprop.config.Limits;
import io.backprop.state.NetworkState;
import io.backprop.store.NetworkStore;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** Networks as the store holds them, made into sessions, or put into a session whose copy is older. */
@Component
class NetworkLoader {

    private final NetworkStore store;
    private final ObjectMapper objectMapper;
    private final Limits limits;

    NetworkLoader(NetworkStore store, ObjectMapper objectMapper, Limits limits) {
        this.store = store;
        this.objectMapper = objectMapper;
        this.limits = limits;
    }

    /** What the store keeps of a network outside its state value. */
    record Settings(InitSpec init) {
    }

    /** The stored network {@code id} as a session, if the store has it. */
    Optional<NetworkSession> load(String id) {
        return store.find(id).map(this::session);
    }

    /** A session holding the stored network with its history and version. */
    NetworkSession session(NetworkStore.StoredNetwork stored) {
        NetworkState state = NetworkState.decode(stored.state());
        Settings settings = read(stored.settings(), Settings.class, stored.id());
        NetworkSession session = new NetworkSession(stored.id(), stored.owner(), state.spec().name(), SessionStates.network(state),
                settings.init(), SessionStates.config(state.training()), SessionStates.regimen(state.training()),
                state.counters(), stored.createdAt(), stored.updatedAt(), limits.maxHistoryEpochs());
        session.recordEpochs(history(stored.id()));
        session.trimHistory();
        session.stored(stored.version());
        return session;
    }

    /**
     * Puts the stored state, history and version into {@code session} when the store holds a newer one (another
     * replica changed the network). Under the session's write lock; 404 when the network is no longer stored.
     */
    void refresh(NetworkSession session) {
        NetworkStore.StoredNetwork stored = store.find(session.id()).orElseThrow(() -> new NetworkNotFoundException(session.id()));
        if (stored.version() != session.version()) {
            session.reload(NetworkState.decode(stored.state()), stored.updatedAt(), history(stored.id()), stored.version());
        }
    }

    private List<EpochRecord> history(String id) {
        return store.epochs(id).stream().map(epoch -> read(epoch.record(), EpochRecord.class, id)).toList();
    }

    private <T> T read(String json, Class<T> type, String id) {
        try {
            return objectMapper.readValue(json, type);
        } catch (JsonProcessingException damaged) {
            throw new IllegalStateException("The stored network " + id + " cannot be read: " + damaged.getOriginalMessage(), damaged);
        }
    }
}
