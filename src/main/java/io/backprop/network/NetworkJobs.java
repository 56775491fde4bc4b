package io.backprop.network;

import io.backprop.metrics.TrainingMetrics;
import io.backprop.optimizer.ClipSpec;
import io.backprop.optimizer.OptimizerSpec;
import io.backprop.optimizer.ScheduleSpec;
import io.backprop.optimizer.TrainingConfig;
import io.backprop.web.ProblemException;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/** Gives training jobs exclusive holds on networks: one job per network at a time. */
@Component
public class NetworkJobs {

    private final NetworkRegistry registry;
    private final NetworkPersistence persistence;
    private final TrainingMetrics metrics;

    NetworkJobs(NetworkRegistry registry, NetworkPersistence persistence, TrainingMetrics metrics) {
        this.registry = registry;
        this.persistence = persistence;
        this.metrics = metrics;
    }

    /**
     * Claims the network for {@code jobId} with the job's configuration (omitted parts: the network's).
     * 404 for an unknown network, 400 for an invalid configuration, 409 when another job holds it.
     */
    public JobHandle claim(String networkId, String jobId, OptimizerSpec optimizer, ScheduleSpec schedule, ClipSpec clip) {
        NetworkSession session = registry.get(networkId);
        persistence.refresh(session);
        TrainingConfig config = session.config().with(optimizer, schedule, clip);
        if (!session.claim(jobId)) {
            throw busy(session);
        }
        return new JobHandle(session, jobId, config, persistence, metrics);
    }

    /** 409 when a job holds the network; synchronous training and parameter changes call it first. */
    static void ensureIdle(NetworkSession session) {
        if (session.job() != null) {
            throw busy(session);
        }
    }

    private static ProblemException busy(NetworkSession session) {
        return busy(session.id(), session.job());
    }

    /** 409: job {@code jobId} holds network {@code networkId}. */
    static ProblemException busy(String networkId, String jobId) {
        return new ProblemException(HttpStatus.CONFLICT, "network-busy", "Network busy", "Network " + networkId
                + " is being trained by job " + jobId + "; wait for it to finish or cancel it with DELETE /jobs/"
                + jobId + ".", List.of());
    }
}
