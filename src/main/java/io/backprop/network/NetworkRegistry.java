package io.backprop.network;

import io.backprop.config.Limits;
import io.backprop.web.ProblemException;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/** The networks held in memory, by id, within {@link Limits#maxNetworks()} and {@link Limits#maxTotalParameters()}. */
@Component
class NetworkRegistry {

    private final ConcurrentMap<String, NetworkSession> sessions = new ConcurrentHashMap<>();
    private final Limits limits;
    private long totalParameters;

    NetworkRegistry(Limits limits) {
        this.limits = limits;
    }

    /** Fails with 429 unless a network of {@code parameters} more fits; call before allocating it. */
    synchronized void ensureRoom(long parameters) {
        if (sessions.size() >= limits.maxNetworks()) {
            throw ProblemException.limit(HttpStatus.TOO_MANY_REQUESTS, null, "The service already holds " + sessions.size()
                    + " networks (backprop.limits.max-networks); delete networks you no longer need.");
        }
        if (totalParameters + parameters > limits.maxTotalParameters()) {
            throw ProblemException.limit(HttpStatus.TOO_MANY_REQUESTS, null, "The networks held have " + totalParameters
                    + " parameters and this one " + parameters + " more, over " + limits.maxTotalParameters()
                    + " (backprop.limits.max-total-parameters); delete networks you no longer need.");
        }
    }

    synchronized void add(NetworkSession session) {
        long parameters = session.network().parameterCount();
        ensureRoom(parameters);
        sessions.put(session.id(), session);
        totalParameters += parameters;
    }

    /** Holds a network brought back from the store, whatever the limits now say. */
    synchronized void restore(NetworkSession session) {
        sessions.put(session.id(), session);
        totalParameters += session.network().parameterCount();
    }

    NetworkSession get(String id) {
        NetworkSession session = sessions.get(id);
        if (session == null) {
            throw new NetworkNotFoundException(id);
        }
        return session;
    }

    /** The network with this id, or null. */
    NetworkSession find(String id) {
        return sessions.get(id);
    }

    synchronized long totalParameters() {
        return totalParameters;
    }

    synchronized void remove(String id) {
        NetworkSession session = sessions.remove(id);
        if (session == null) {
            throw new NetworkNotFoundException(id);
        }
        totalParameters -= session.network().parameterCount();
    }

    /** Every network, oldest first. */
    List<NetworkSession> all() {
        return sessions.values().stream().sorted(Comparator.comparing(NetworkSession::createdAt)).toList();
    }
}
