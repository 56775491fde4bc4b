package io.backprop.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/** Counts the rows predicted, by /networks/{id}/predict and by the Open Inference Protocol's infer. */
@Component
public class InferenceMetrics {

    private final Counter rows;

    InferenceMetrics(MeterRegistry registry) {
        rows = Counter.builder("backprop.inference.rows").description("Rows predicted").register(registry);
    }

    public void rows(long count) {
        rows.increment(count);
    }
}
