package io.backprop.network;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.backprop.config.Limits;
import io.backprop.state.NetworkState;
import io.backprop.store.NetworkStore;
import io.backprop.store.StoreTransactions;
import io.backprop.store.StoreUnavailableException;
import jakarta.annotation.PostConstruct;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;

/**
 * Networks to and from the store. Every change runs under the network's write lock and is written, state and new
 * history epochs in one transaction, before the lock is released and the change answered; a change the store does
 * not take is undone in memory and answered 503. The stored networks come back when the service starts.
 */
@Component
class NetworkPersistence {

    private final NetworkStore store;
    private final StoreTransactions transactions;
    private final NetworkRegistry registry;
    private final ObjectMapper objectMapper;
    private final Limits limits;

    NetworkPersistence(NetworkStore store, StoreTransactions transactions, NetworkRegistry registry, ObjectMapper objectMapper,
                       Limits limits) {
        this.store = store;
        this.transactions = transactions;
        this.registry = registry;
        this.objectMapper = objectMapper;
        this.limits = limits;
    }

    /** What the store keeps of a network outside its state value. */
    record Settings(InitSpec init) {
    }

    /** Stores a new network, then holds it; a store failure holds nothing. */
    void create(NetworkSession session) {
        session.write(() -> {
            save(session, 0, state -> { });
            return null;
        });
        try {
            registry.add(session);
        } catch (RuntimeException refused) {
            store.delete(session.id());
            throw refused;
        }
    }

    /** Removes a network from the store, then from memory. */
    void delete(String id) {
        registry.get(id);
        store.delete(id);
        registry.remove(id);
    }

    /** Runs {@code change} on the network and stores the outcome; see the class comment. */
    <T> T change(NetworkSession session, Supplier<T> change) {
        return change(session, change, state -> { });
    }

    /**
     * Runs {@code change} on the network and stores the outcome; {@code alsoStored} gets the state written and runs in
     * the same transaction (a job's checkpoint), so both land or neither.
     */
    <T> T change(NetworkSession session, Supplier<T> change, Consumer<NetworkState> alsoStored) {
        return session.write(() -> {
            NetworkState before = session.state();
            Instant updatedBefore = session.updatedAt();
            long lastEpoch = session.lastEpoch();
            T result = change.get();
            try {
                save(session, lastEpoch, alsoStored);
            } catch (StoreUnavailableException refused) {
                session.revert(before, updatedBefore, lastEpoch);
                throw refused;
            }
            return result;
        });
    }

    /** Under the write lock: the network's row and the epochs after {@code lastStoredEpoch}, in one transaction. */
    private void save(NetworkSession session, long lastStoredEpoch, Consumer<NetworkState> alsoStored) {
        NetworkState state = session.state();
        List<NetworkStore.StoredEpoch> epochs = session.epochsAfter(lastStoredEpoch).stream()
                .map(epoch -> new NetworkStore.StoredEpoch(epoch.epoch(), json(epoch))).toList();
        long version = session.version() + 1;
        transactions.run(() -> {
            store.save(new NetworkStore.StoredNetwork(session.id(), session.owner(), session.name(), version, session.createdAt(),
                    session.updatedAt(), json(new Settings(session.init())), state.encode()), epochs);
            long firstKept = session.firstEpochKept();
            if (firstKept > 0) {
                store.dropEpochsBefore(session.id(), firstKept);
            }
            alsoStored.accept(state);
        });
        session.stored(version);
        session.trimHistory();
    }

    /** Brings back every stored network with its history, whatever the limits now say. */
    @PostConstruct
    void load() {
        for (NetworkStore.StoredNetwork stored : store.all()) {
            NetworkState state = NetworkState.decode(stored.state());
            Settings settings = read(stored.settings(), Settings.class, stored.id());
            NetworkSession session = new NetworkSession(stored.id(), stored.owner(), state.spec().name(), SessionStates.network(state),
                    settings.init(), SessionStates.config(state.training()), SessionStates.regimen(state.training()),
                    state.counters(), stored.createdAt(), stored.updatedAt(), limits.maxHistoryEpochs());
            session.recordEpochs(store.epochs(stored.id()).stream()
                    .map(epoch -> read(epoch.record(), EpochRecord.class, stored.id())).toList());
            session.trimHistory();
            session.stored(stored.version());
            registry.restore(session);
        }
    }

    private <T> T read(String json, Class<T> type, String id) {
        try {
            return objectMapper.readValue(json, type);
        } catch (JsonProcessingException damaged) {
            throw new IllegalStateException("The stored network " + id + " cannot be read: " + damaged.getOriginalMessage(), damaged);
        }
    }

    private String json(Object value) {
        try {
            return objectMapper.writeValueAsString(value);
        } catch (JsonProcessingException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
