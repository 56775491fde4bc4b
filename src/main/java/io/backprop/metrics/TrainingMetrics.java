package io.backprop.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/**
 * Counts the samples and optimizer steps of completed training, by {@code mode}: {@code call}
 * (synchronous train calls and applied backprop steps) or {@code job} (training jobs). A call that
 * changes nothing (rejected or diverged) counts nothing.
 */
@Component
public class TrainingMetrics {

    private final Counter callSamples;
    private final Counter callSteps;
    private final Counter jobSamples;
    private final Counter jobSteps;

    TrainingMetrics(MeterRegistry registry) {
        callSamples = samples(registry, "call");
        callSteps = steps(registry, "call");
        jobSamples = samples(registry, "job");
        jobSteps = steps(registry, "job");
    }

    private static Counter samples(MeterRegistry registry, String mode) {
        return Counter.builder("backprop.training.samples").description("Samples trained on (one per row per epoch)")
                .tag("mode", mode).register(registry);
    }

    private static Counter steps(MeterRegistry registry, String mode) {
        return Counter.builder("backprop.training.steps").description("Parameter updates (one per mini-batch)")
                .tag("mode", mode).register(registry);
    }

    /** A synchronous call trained {@code samples} samples in {@code steps} steps. */
    public void call(long samples, long steps) {
        callSamples.increment(samples);
        callSteps.increment(steps);
    }

    /** A job completed one step of {@code samples} samples. */
    public void jobStep(long samples) {
        jobSamples.increment(samples);
        jobSteps.increment();
    }
}
