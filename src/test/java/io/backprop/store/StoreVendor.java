package io.backprop.store;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;

/**
 * The two databases the store runs on, for tests that run against both. SQLite is a file in a temporary directory;
 * PostgreSQL is the server {@code BACKPROP_TEST_POSTGRES_URL} names (.ci/postgres.sh starts one), with a schema of
 * its own per test. Without that variable PostgreSQL tests are skipped, except in CI ({@code CI=true}), where they fail.
 */
public enum StoreVendor {
    SQLITE, POSTGRESQL;

    /** Environment variable holding the JDBC URL of the PostgreSQL server for tests. */
    public static final String POSTGRES_URL = "BACKPROP_TEST_POSTGRES_URL";

    /** A new, empty database of this vendor: its JDBC URL, and what to run to drop it. */
    public record Database(String url, String schema, Runnable drop) {
    }

    public Database create(Path directory) {
        if (this == SQLITE) {
            return new Database("jdbc:sqlite:" + directory.resolve(UUID.randomUUID() + ".db"), null, () -> { });
        }
        String server = postgresUrl();
        String schema = "test_" + UUID.randomUUID().toString().replace("-", "");
        String url = server + (server.contains("?") ? "&" : "?") + "currentSchema=" + schema;
        PostgresSchemas.create(server, schema);
        return new Database(url, schema, () -> PostgresSchemas.drop(server, schema));
    }

    /** The PostgreSQL server's URL; skips the test when there is none, or fails it in CI. */
    public static String postgresUrl() {
        String url = System.getenv(POSTGRES_URL);
        if (url == null || url.isBlank()) {
            if ("true".equals(System.getenv("CI"))) {
                fail(POSTGRES_URL + " is not set: CI must run the store tests on PostgreSQL (.ci/run sources .ci/postgres.sh)");
            }
            Assumptions.abort("PostgreSQL tests skipped: set " + POSTGRES_URL + " (see docs/storage.md) to run them");
        }
        return url;
    }
}
