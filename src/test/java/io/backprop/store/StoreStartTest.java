package io.backprop.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.backprop.BackpropApplication;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** What the service does with the store's file when it starts. */
class StoreStartTest {

    @TempDir
    Path directory;

    private ConfigurableApplicationContext start(Path file) {
        return new SpringApplicationBuilder(BackpropApplication.class).run("--server.port=0", "--spring.datasource.url=jdbc:sqlite:" + file);
    }

    @Test
    void aFirstStartMakesTheDirectoryAndAnEmptyStore() {
        Path file = directory.resolve("nested/data/backprop.db");
        try (ConfigurableApplicationContext context = start(file)) {
            assertThat(file).exists();
        }
    }

    @Test
    void aDamagedFileStopsTheStartNamingTheFileAndIsLeftAlone() throws Exception {
        Path file = directory.resolve("backprop.db");
        byte[] garbage = "this is not a database, but someone's data all the same".repeat(100).getBytes();
        Files.write(file, garbage);

        assertThatThrownBy(() -> start(file).close())
                .rootCause().isInstanceOf(DamagedStoreException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("does not start");
        assertThat(Files.readAllBytes(file)).isEqualTo(garbage);
    }
}
