package io.backprop.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** The file behind a {@code jdbc:sqlite:} URL: its directory is made on first start, and a damaged file stops the start. */
final class SqliteFile {

    static final String PREFIX = "jdbc:sqlite:";

    private final Path path;

    private SqliteFile(Path path) {
        this.path = path;
    }

    /** The file a SQLite URL names, or null for another database or an in-memory SQLite one. */
    static SqliteFile of(String url) {
        if (url == null || !url.startsWith(PREFIX)) {
            return null;
        }
        String location = url.substring(PREFIX.length());
        int query = location.indexOf('?');
        if (query >= 0) {
            location = location.substring(0, query);
        }
        if (location.isEmpty() || location.equals(":memory:") || location.startsWith("file:")) {
            return null;
        }
        return new SqliteFile(Path.of(location).toAbsolutePath().normalize());
    }

    Path path() {
        return path;
    }

    /** Makes the file's directory when it is missing. */
    void ensureDirectory() {
        try {
            Files.createDirectories(path.getParent());
        } catch (IOException failure) {
            throw new UncheckedIOException("Cannot create the directory of the store " + path + ": " + failure.getMessage(), failure);
        }
    }

    /**
     * Makes a missing (or empty) file a new database that gives deleted pages back to the file system at every commit
     * ({@code auto_vacuum = FULL}, which only a database without tables can take).
     */
    void createWhenMissing() {
        try {
            if (Files.exists(path) && Files.size(path) > 0) {
                return;
            }
        } catch (IOException failure) {
            throw new DamagedStoreException(path, failure.getMessage());
        }
        try (Connection connection = DriverManager.getConnection(PREFIX + path); Statement statement = connection.createStatement()) {
            statement.execute("PRAGMA auto_vacuum = FULL");
            statement.execute("PRAGMA journal_mode = WAL");
        } catch (SQLException failure) {
            throw new DamagedStoreException(path, failure.getMessage());
        }
    }

    /**
     * Fails with {@link DamagedStoreException} naming the file when it exists but is not a readable, intact SQLite
     * database; a missing or empty file is a new store.
     */
    void checkReadable() {
        if (!Files.exists(path)) {
            return;
        }
        if (!Files.isRegularFile(path) || !Files.isReadable(path) || !Files.isWritable(path)) {
            throw new DamagedStoreException(path, "it is not a regular file the service can read and write");
        }
        try (Connection connection = DriverManager.getConnection(PREFIX + path);
             Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("PRAGMA quick_check")) {
            String verdict = result.next() ? result.getString(1) : "no answer to PRAGMA quick_check";
            if (!"ok".equals(verdict)) {
                throw new DamagedStoreException(path, verdict);
            }
        } catch (SQLException unreadable) {
            throw new DamagedStoreException(path, unreadable.getMessage());
        }
    }
}
