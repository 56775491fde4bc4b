package io.backprop.network;

import io.backprop.config.Limits;
import io.backprop.security.QuotaGuard;
import io.backprop.security.Tenancy;
import io.backprop.web.ProblemException;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * The networks held in memory, by id, within {@link Limits#maxNetworks()} and {@link Limits#maxTotalParameters()}
 * and the owning key's quotas. Every lookup and list sees only what the calling key may see ({@link Tenancy}):
 * another key's network is not found.
 */
@Component
class NetworkRegistry {

    private final ConcurrentMap<String, NetworkSession> sessions = new ConcurrentHashMap<>();
    private final Limits limits;
    private final Tenancy tenancy;
    private final QuotaGuard quotas;
    private long totalParameters;

    NetworkRegistry(Limits limits, Tenancy tenancy, QuotaGuard quotas) {
        this.limits = limits;
        this.tenancy = tenancy;
        this.quotas = quotas;
    }

    /** Fails with 429 unless a network of {@code parameters} more fits the limits and the calling key's quotas; call before allocating it. */
    synchronized void ensureRoom(long parameters) {
        ensureRoom(tenancy.owner(), parameters);
    }

    private void ensureRoom(String owner, long parameters) {
        if (owner != null) {
            List<NetworkSession> owned = sessions.values().stream().filter(session -> owner.equals(session.owner())).toList();
            quotas.network(owned.size(), owned.stream().mapToLong(session -> session.network().parameterCount()).sum(), parameters);
        }
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
        ensureRoom(session.owner(), parameters);
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
        if (session == null || !tenancy.sees(session.owner())) {
            throw new NetworkNotFoundException(id);
        }
        return session;
    }

    /** The network with this id, or null (also when the calling key may not see it). */
    NetworkSession find(String id) {
        NetworkSession session = sessions.get(id);
        return session == null || !tenancy.sees(session.owner()) ? null : session;
    }

    synchronized long totalParameters() {
        return totalParameters;
    }

    synchronized void remove(String id) {
        NetworkSession session = get(id);
        sessions.remove(id);
        totalParameters -= session.network().parameterCount();
    }

    /** Every network the caller may see, oldest first. */
    List<NetworkSession> all() {
        return sessions.values().stream().filter(session -> tenancy.sees(session.owner()))
                .sorted(Comparator.comparing(NetworkSession::createdAt).thenComparing(NetworkSession::id)).toList();
    }
}
