package io.backprop.network;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.backprop.replicas.Replicas;
import io.backprop.replicas.Topic;
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
 * history epochs in one transaction that bumps the network's version and announces it, before the lock is released
 * and the change answered; a change the store does not take is undone in memory and answered 503. On a store that
 * other replicas share, the change runs inside that transaction, holding the network's row lock from first read to
 * commit, on a copy brought up to the stored version first: changes to one network are serialised across replicas.
 * On one process the network's write lock serialises them already, and the transaction stays short because it holds
 * the database's write lock. A change to a network deleted meanwhile (a job's epoch after a delete) is a 404 and stores
 * nothing, so a deleted network never comes back. The stored networks come back when the service starts.
 */
@Component
class NetworkPersistence {

    private final NetworkStore store;
    private final StoreTransactions transactions;
    private final NetworkRegistry registry;
    private final NetworkLoader loader;
    private final Replicas replicas;
    private final ObjectMapper objectMapper;

    NetworkPersistence(NetworkStore store, StoreTransactions transactions, NetworkRegistry registry, NetworkLoader loader,
                       Replicas replicas, ObjectMapper objectMapper) {
        this.store = store;
        this.transactions = transactions;
        this.registry = registry;
        this.loader = loader;
        this.replicas = replicas;
        this.objectMapper = objectMapper;
    }

    /** Stores a new network within the limits, counted in the store, then holds it; a refusal or a store failure holds nothing. */
    void create(NetworkSession session) {
        session.write(() -> {
            long version = transactions.inTransaction(() -> {
                replicas.lockLimits();
                registry.ensureRoom(session.owner(), session.network().parameterCount());
                return write(session, 0, state -> { });
            });
            stored(session, version);
            return null;
        });
    }

    /** Removes a network from the store, then from memory, and tells the other replicas. */
    void delete(String id) {
        registry.get(id);
        transactions.run(() -> {
            if (replicas.lockNetwork(id) < 0) {
                throw new NetworkNotFoundException(id);
            }
            store.delete(id);
            replicas.announce(Topic.NETWORKS, id + ":deleted");
        });
        registry.remove(id);
    }

    /** Brings a job's copy of the network up to the stored version before the job starts on it. */
    void refresh(NetworkSession session) {
        if (replicas.shared()) {
            session.write(() -> {
                loader.refresh(session);
                return null;
            });
        }
    }

    /** Runs {@code change} on the network and stores the outcome; 409 when a job holds the network. See the class comment. */
    <T> T change(NetworkSession session, Supplier<T> change) {
        return change(session, change, state -> { }, false);
    }

    /**
     * A training job's change of the network it holds: runs {@code change} and stores the outcome; {@code alsoStored}
     * gets the state written and runs in the same transaction (the job's checkpoint), so both land or neither.
     */
    <T> T change(NetworkSession session, Supplier<T> change, Consumer<NetworkState> alsoStored) {
        return change(session, change, alsoStored, true);
    }

    private <T> T change(NetworkSession session, Supplier<T> change, Consumer<NetworkState> alsoStored, boolean byJob) {
        return session.write(() -> {
            if (!replicas.shared()) {
                if (!byJob) {
                    ensureNoJob(session);
                }
                Undo undo = new Undo(session);
                T result = change.get();
                commit(session, () -> transactions.inTransaction(() -> {
                    if (replicas.lockNetwork(session.id()) < 0) {
                        throw new NetworkNotFoundException(session.id());
                    }
                    return write(session, undo.lastEpoch, alsoStored);
                }), undo);
                return result;
            }
            Undo[] undo = new Undo[1];
            try {
                Outcome<T> outcome = transactions.locked(() -> {
                    long storedVersion = replicas.lockNetwork(session.id());
                    if (storedVersion < 0) {
                        throw new NetworkNotFoundException(session.id());
                    }
                    if (storedVersion != session.version()) {
                        loader.refresh(session);
                    }
                    if (!byJob) {
                        ensureNoJob(session);
                    }
                    undo[0] = new Undo(session);
                    T result = change.get();
                    return new Outcome<>(result, write(session, undo[0].lastEpoch, alsoStored));
                });
                stored(session, outcome.version());
                return outcome.result();
            } catch (RuntimeException refused) {
                if (undo[0] != null) {
                    undo[0].apply();
                }
                throw refused;
            }
        });
    }

    /** What a change answered, and the version that stored it. */
    private record Outcome<T>(T result, long version) {
    }

    private void commit(NetworkSession session, Supplier<Long> write, Undo undo) {
        try {
            stored(session, write.get());
        } catch (StoreUnavailableException refused) {
            undo.apply();
            throw refused;
        }
    }

    /** 409 when a job holds the network, on this replica or, as the store says, on any. */
    private void ensureNoJob(NetworkSession session) {
        NetworkJobs.ensureIdle(session);
        store.activeJob(session.id()).ifPresent(job -> {
            throw NetworkJobs.busy(session.id(), job);
        });
    }

    /** Where the network stood before a change: what to put back when the store does not take it. */
    private static final class Undo {
        private final NetworkSession session;
        private final NetworkState state;
        private final Instant updatedAt;
        private final long lastEpoch;

        Undo(NetworkSession session) {
            this.session = session;
            this.state = session.state();
            this.updatedAt = session.updatedAt();
            this.lastEpoch = session.lastEpoch();
        }

        void apply() {
            session.revert(state, updatedAt, lastEpoch);
        }
    }

    /**
     * Inside a transaction, under the write lock: the network's row at the next version and the epochs after
     * {@code lastStoredEpoch}, announced to the replicas on commit; answers the version written.
     */
    private long write(NetworkSession session, long lastStoredEpoch, Consumer<NetworkState> alsoStored) {
        NetworkState state = session.state();
        List<NetworkStore.StoredEpoch> epochs = session.epochsAfter(lastStoredEpoch).stream()
                .map(epoch -> new NetworkStore.StoredEpoch(epoch.epoch(), json(epoch))).toList();
        long version = session.version() + 1;
        store.save(new NetworkStore.StoredNetwork(session.id(), session.owner(), session.name(), version, session.createdAt(),
                session.updatedAt(), session.network().parameterCount(), json(new NetworkLoader.Settings(session.init())),
                state.encode()), epochs);
        long firstKept = session.firstEpochKept();
        if (firstKept > 0) {
            store.dropEpochsBefore(session.id(), firstKept);
        }
        alsoStored.accept(state);
        replicas.announce(Topic.NETWORKS, session.id() + ":" + version);
        return version;
    }

    /** After the commit: the copy is at {@code version}, and it is the one this replica holds. */
    private void stored(NetworkSession session, long version) {
        session.stored(version);
        session.trimHistory();
        registry.written(session);
    }

    /** Brings back every stored network with its history, whatever the limits now say. */
    @PostConstruct
    void load() {
        for (NetworkStore.StoredNetwork stored : store.all()) {
            NetworkSession session = loader.session(stored);
            if (stored.parameters() == 0) {
                store.countParameters(stored.id(), session.network().parameterCount());
            }
            registry.add(session);
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
