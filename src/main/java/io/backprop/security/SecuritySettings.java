package io.backprop.security;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Who may call the service.
 *
 * @param mode         {@code local} (no keys, loopback only) or {@code keys}
 * @param bootstrapKey the first admin key in {@code keys} mode; without one a key is generated into {@link #adminKeyFile}
 * @param adminKeyFile where a generated admin key is written, readable by its owner only
 */
@ConfigurationProperties("backprop.security")
public record SecuritySettings(
        @DefaultValue("local") SecurityMode mode,
        String bootstrapKey,
        @DefaultValue("./data/admin-key") Path adminKeyFile) {

    /** The property that chooses the mode, for messages that tell the user what to set. */
    public static final String MODE_PROPERTY = "backprop.security.mode";

    public boolean keys() {
        return mode == SecurityMode.KEYS;
    }
}
