package io.backprop.warmup;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Whether the service warms its training and prediction paths up when it starts, and for how long at most.
 *
 * @param enabled     run the warm-up once the service is ready (default true)
 * @param maxDuration the warm-up stops at this deadline even if it has not finished (default 60 s)
 */
@Validated
@ConfigurationProperties("backprop.engine.warmup")
public record WarmupSettings(@DefaultValue("true") boolean enabled, @DefaultValue("60s") @NotNull Duration maxDuration) {
}
