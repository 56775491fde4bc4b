package io.backprop.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The first admin key: configured, or generated once into an owner-only file and read back on later starts. */
class AdminKeyBootstrapTest {

    @TempDir
    Path directory;

    private static KeyService keys() {
        return new KeyService(new InMemoryKeyRepository(), new RateLimiter());
    }

    @Test
    void firstStartGeneratesAnOwnerOnlyKeyFileThatLaterStartsReuse() throws Exception {
        Path file = directory.resolve("data/admin-key");
        SecuritySettings settings = new SecuritySettings(SecurityMode.KEYS, null, file);
        KeyService first = keys();

        new AdminKeyBootstrap(settings, first).afterPropertiesSet();

        String secret = Files.readString(file).strip();
        assertThat(secret).startsWith("bp_");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(first.authenticate(secret)).hasValueSatisfying(key -> assertThat(key.admin()).isTrue());

        KeyService restarted = keys();
        new AdminKeyBootstrap(settings, restarted).afterPropertiesSet();
        assertThat(Files.readString(file).strip()).isEqualTo(secret);
        assertThat(restarted.authenticate(secret)).isPresent();
    }

    @Test
    void configuredKeyIsTheAdminKeyAndNoFileIsWritten() {
        Path file = directory.resolve("admin-key");
        KeyService keys = keys();

        new AdminKeyBootstrap(new SecuritySettings(SecurityMode.KEYS, "configured-admin-key-42", file), keys).afterPropertiesSet();

        assertThat(keys.authenticate("configured-admin-key-42")).isPresent();
        assertThat(keys.authenticate("configured-admin-key-43")).isEmpty();
        assertThat(file).doesNotExist();
        assertThat(keys.all()).singleElement().satisfies(key -> assertThat(key.hash()).hasSize(32));
    }

    @Test
    void shortConfiguredKeyIsRefused() {
        AdminKeyBootstrap bootstrap = new AdminKeyBootstrap(new SecuritySettings(SecurityMode.KEYS, "short", directory.resolve("k")), keys());

        assertThatThrownBy(bootstrap::afterPropertiesSet).hasMessageContaining("backprop.security.bootstrap-key");
    }

    @Test
    void localModeMakesNoKey() {
        Path file = directory.resolve("admin-key");
        KeyService keys = keys();

        new AdminKeyBootstrap(new SecuritySettings(SecurityMode.LOCAL, null, file), keys).afterPropertiesSet();

        assertThat(keys.all()).isEmpty();
        assertThat(file).doesNotExist();
    }
}
