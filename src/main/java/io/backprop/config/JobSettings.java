package io.backprop.config;

import jakarta.validation.constraints.Positive;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How training jobs run.
 *
 * @param threads          jobs that train at the same time
 * @param queueCapacity    jobs that may wait for a thread (more: 429)
 * @param retention        how long a finished job stays visible
 * @param progressInterval the shortest time between two progress events of a job
 */
@Validated
@ConfigurationProperties("backprop.jobs")
public record JobSettings(
        @DefaultValue("1") @Positive int threads,
        @DefaultValue("16") @Positive int queueCapacity,
        @DefaultValue("1h") Duration retention,
        @DefaultValue("500ms") Duration progressInterval) {
}
