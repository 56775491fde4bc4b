package io.backprop.security;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.springframework.stereotype.Component;

/** One token bucket per key with a {@code requestsPerSecond} quota: that many tokens a second, bursts of one second's worth. */
@Component
class RateLimiter {

    private final ConcurrentMap<String, Limited> buckets = new ConcurrentHashMap<>();

    /** Takes a token for one request of {@code key}: 0 when it may go, else the nanoseconds until a token is there. */
    long acquire(ApiKey key) {
        Integer rate = key.quotas().requestsPerSecond();
        if (rate == null) {
            return 0;
        }
        Limited limited = buckets.compute(key.id(), (id, current) -> current != null && current.rate == rate ? current
                : new Limited(rate, Bucket.builder().addLimit(limit -> limit.capacity(rate).refillGreedy(rate, Duration.ofSeconds(1))).build()));
        ConsumptionProbe probe = limited.bucket.tryConsumeAndReturnRemaining(1);
        return probe.isConsumed() ? 0 : Math.max(1, probe.getNanosToWaitForRefill());
    }

    void forget(String keyId) {
        buckets.remove(keyId);
    }

    private record Limited(int rate, Bucket bucket) {
    }
}
