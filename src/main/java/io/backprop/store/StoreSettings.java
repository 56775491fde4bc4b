package io.backprop.store;

import jakarta.validation.constraints.Pattern;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How the embedded SQLite store writes (PostgreSQL is configured on the server).
 *
 * @param synchronous SQLite's {@code synchronous} pragma: {@code FULL} (the default) syncs every commit to disk, so a
 *                    power cut loses no acknowledged change; {@code NORMAL} survives a crash of the service but not of
 *                    the machine
 * @param busyTimeout how long a write waits for another connection's write to finish before it fails
 */
@Validated
@ConfigurationProperties("backprop.store")
public record StoreSettings(
        @DefaultValue("FULL") @Pattern(regexp = "FULL|NORMAL", message = "must be FULL or NORMAL") String synchronous,
        @DefaultValue("30s") Duration busyTimeout) {
}
