package io.backprop.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

class MigrationsTest {

    private static final List<String> TABLES = List.of("api_keys", "dataset_chunks", "datasets", "jobs", "network_epochs", "networks");

    @TempDir
    Path directory;

    @ParameterizedTest
    @EnumSource(StoreVendor.class)
    void flywayBuildsTheWholeSchemaOnAnEmptyDatabase(StoreVendor vendor) throws IOException {
        int migrations = new PathMatchingResourcePatternResolver()
                .getResources("classpath:db/migration/" + vendor.name().toLowerCase() + "/V*.sql").length;
        try (TestStore store = new TestStore(vendor, directory)) {
            List<String> tables = vendor == StoreVendor.SQLITE
                    ? store.jdbc.sql("SELECT name FROM sqlite_master WHERE type = 'table'").query(String.class).list()
                    : store.jdbc.sql("SELECT table_name FROM information_schema.tables WHERE table_schema = ?")
                            .param(store.database.schema()).query(String.class).list();
            assertThat(tables).containsAll(TABLES).contains("flyway_schema_history");
            assertThat(store.jdbc.sql("SELECT count(*) FROM flyway_schema_history WHERE success = ?")
                    .param(vendor == StoreVendor.SQLITE ? (Object) 1 : (Object) true).query(Integer.class).single()).as("every migration applied").isEqualTo(migrations).isPositive();
        }
    }

    @Test
    void sqliteRunsOnTheWriteAheadLogAndGivesDeletedPagesBack() {
        try (TestStore store = new TestStore(StoreVendor.SQLITE, directory)) {
            assertThat(store.jdbc.sql("PRAGMA journal_mode").query(String.class).single()).isEqualToIgnoringCase("wal");
            assertThat(store.jdbc.sql("PRAGMA auto_vacuum").query(Integer.class).single()).as("1 = FULL").isEqualTo(1);
            assertThat(store.jdbc.sql("PRAGMA foreign_keys").query(Integer.class).single()).isEqualTo(1);
        }
    }
}
