package io.backprop.config;

import jakarta.validation.constraints.PositiveOrZero;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How the numerical engine uses the machine.
 *
 * @param blasThreads threads per matrix product; 0 (the default) means one per available core
 */
@Validated
@ConfigurationProperties("backprop.engine")
public record EngineSettings(@DefaultValue("0") @PositiveOrZero int blasThreads) {

    /** The BLAS threads to use: {@link #blasThreads}, or the available cores when it is 0. */
    public int effectiveBlasThreads() {
        return blasThreads > 0 ? blasThreads : Runtime.getRuntime().availableProcessors();
    }
}
