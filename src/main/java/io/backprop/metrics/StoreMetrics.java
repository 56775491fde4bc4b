package io.backprop.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;

/** Times the store's writes, as the histogram {@code backprop_store_write_seconds} (buckets from 0.5 ms to 10 s). */
@Component
public class StoreMetrics {

    private final Timer writes;

    public StoreMetrics(MeterRegistry registry) {
        writes = Timer.builder("backprop.store.write").description("Time to make one change durable in the store")
                .serviceLevelObjectives(millis(0.5), millis(1), millis(2.5), millis(5), millis(10), millis(25), millis(50),
                        millis(100), millis(250), millis(500), millis(1000), millis(2500), millis(5000), millis(10000))
                .register(registry);
    }

    private static Duration millis(double value) {
        return Duration.ofNanos((long) (value * 1_000_000));
    }

    /** Runs one write and records its duration, whether it succeeds or fails. */
    public <T> T timeWrite(Supplier<T> write) {
        return writes.record(write);
    }

    /** Records one write that took {@code duration}. */
    public void recordWrite(Duration duration) {
        writes.record(duration);
    }
}
