package io.backprop.store;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/** Creates and drops the per-test schemas on the PostgreSQL test server. */
final class PostgresSchemas {

    private PostgresSchemas() {
    }

    static void create(String server, String schema) {
        execute(server, "CREATE SCHEMA " + schema);
    }

    static void drop(String server, String schema) {
        execute(server, "DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    }

    private static void execute(String server, String sql) {
        try (Connection connection = DriverManager.getConnection(server); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException failure) {
            throw new IllegalStateException("PostgreSQL test server at " + server + ": " + failure.getMessage(), failure);
        }
    }
}
