package io.backprop.security;

import io.backprop.web.ProblemException;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/** Checks the calling key's quotas before something is added on its account; exceeded: 429 naming the quota. */
@Component
public class QuotaGuard {

    private final Tenancy tenancy;

    QuotaGuard(Tenancy tenancy) {
        this.tenancy = tenancy;
    }

    /** Before a network of {@code parameters} is added for a key that owns {@code networks} of {@code ownedParameters}. */
    public void network(long networks, long ownedParameters, long parameters) {
        Quotas quotas = quotas();
        if (quotas.maxNetworks() != null && networks + 1 > quotas.maxNetworks()) {
            throw exceeded("maxNetworks", "The key owns " + networks + " networks, its quota maxNetworks is " + quotas.maxNetworks()
                    + "; delete networks it no longer needs.");
        }
        if (quotas.maxParameters() != null && ownedParameters + parameters > quotas.maxParameters()) {
            throw exceeded("maxParameters", "The key's networks have " + ownedParameters + " parameters and this one " + parameters
                    + " more, over its quota maxParameters of " + quotas.maxParameters() + "; delete networks it no longer needs.");
        }
    }

    /** Before a data set of {@code bytes} is added for a key whose data sets hold {@code ownedBytes}. */
    public void datasetBytes(long ownedBytes, long bytes) {
        Long max = quotas().maxDatasetBytes();
        if (max != null && ownedBytes + bytes > max) {
            throw exceeded("maxDatasetBytes", "The key's data sets hold " + ownedBytes + " bytes and this one " + bytes
                    + " more, over its quota maxDatasetBytes of " + max + "; delete data sets it no longer needs.");
        }
    }

    /** Before a job is queued for a key with {@code active} jobs queued or running. */
    public void job(long active) {
        Integer max = quotas().maxConcurrentJobs();
        if (max != null && active + 1 > max) {
            throw exceeded("maxConcurrentJobs", "The key has " + active + " jobs queued or running, its quota maxConcurrentJobs is "
                    + max + "; wait for one to finish or cancel one.");
        }
    }

    private Quotas quotas() {
        return tenancy.caller().map(ApiKey::quotas).orElse(Quotas.NONE);
    }

    private static ProblemException exceeded(String quota, String detail) {
        return new ProblemException(HttpStatus.TOO_MANY_REQUESTS, "quota-exceeded", "Quota " + quota + " exceeded", detail, List.of());
    }
}
