package io.backprop.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Data sets in the store: a description row and the matrices in chunks of a few MB. A data set is written in short
 * transactions (the row, each chunk, then the mark that it is complete), so a large upload never holds the store's
 * write lock for long; one left incomplete by a crash is removed at the next start.
 */
@Repository
public class DatasetStore {

    /** Matrix numbers of the chunk rows. */
    public static final int INPUTS = 0;
    public static final int TARGETS = 1;

    private final JdbcClient jdbc;
    private final StoreTransactions transactions;

    DatasetStore(JdbcClient jdbc, StoreTransactions transactions) {
        this.jdbc = jdbc;
        this.transactions = transactions;
    }

    /** A stored data set: {@code description} is the feature's own JSON; {@code bytes} what it counts toward the limits. */
    public record StoredDataset(String id, String owner, Instant createdAt, long bytes, String description) {
    }

    /** How many complete data sets, and the bytes of their matrices together. */
    public record Totals(long datasets, long bytes) {
    }

    private static final String COLUMNS = "id, owner, created_at, bytes, description";

    /**
     * Stores a data set whole; {@code admit} runs in the transaction that completes it and may refuse it by throwing.
     * On any failure nothing of it stays; a store failure is {@link StoreUnavailableException}.
     */
    public void save(StoredDataset dataset, INDArray x, INDArray y, Runnable admit) {
        transactions.run(() -> jdbc.sql("INSERT INTO datasets (id, owner, created_at, bytes, description, complete) VALUES (?, ?, ?, ?, ?, 0)")
                .params(dataset.id(), dataset.owner(), dataset.createdAt().toString(), dataset.bytes(), dataset.description()).update());
        try {
            writeMatrix(dataset.id(), INPUTS, x);
            writeMatrix(dataset.id(), TARGETS, y);
            transactions.run(() -> {
                admit.run();
                jdbc.sql("UPDATE datasets SET complete = 1 WHERE id = ?").param(dataset.id()).update();
            });
        } catch (RuntimeException failed) {
            try {
                delete(dataset.id());
            } catch (StoreUnavailableException stillFailing) {
                failed.addSuppressed(stillFailing);
            }
            throw failed;
        }
    }

    /** The complete data sets and their bytes: all of them when {@code owner} is null, else the owner's. */
    public Totals totals(String owner) {
        return transactions.read(() -> jdbc.sql("SELECT COUNT(*), COALESCE(SUM(bytes), 0) FROM datasets WHERE complete = 1"
                        + (owner == null ? "" : " AND owner = :owner")).paramSource(owner == null ? Map.of() : Map.of("owner", owner))
                .query((rs, n) -> new Totals(rs.getLong(1), rs.getLong(2))).single());
    }

    /** The complete data set {@code id}, without its matrices, if there is one. */
    public Optional<StoredDataset> find(String id) {
        return transactions.read(() -> jdbc.sql("SELECT " + COLUMNS + " FROM datasets WHERE complete = 1 AND id = ?").param(id)
                .query(DatasetStore::dataset).optional());
    }

    /** The ids of every complete data set, oldest first. */
    public List<String> ids() {
        return transactions.read(() -> jdbc.sql("SELECT id FROM datasets WHERE complete = 1 ORDER BY created_at, id")
                .query(String.class).list());
    }

    /** Records what a data set stored before its size was kept counts toward the limits. */
    public void countBytes(String id, long bytes) {
        transactions.run(() -> jdbc.sql("UPDATE datasets SET bytes = ? WHERE id = ?").params(bytes, id).update());
    }

    private void writeMatrix(String id, int matrix, INDArray values) {
        INDArray rowMajor = MatrixChunks.rowMajor(values);
        long rows = rowMajor.rows();
        int perChunk = MatrixChunks.rowsPerChunk(rowMajor.columns() * rowMajor.dataType().width());
        int seq = 0;
        for (long first = 0; first < rows; first += perChunk, seq++) {
            byte[] chunk = MatrixChunks.rows(rowMajor, first, (int) Math.min(perChunk, rows - first));
            int number = seq;
            transactions.run(() -> jdbc.sql("INSERT INTO dataset_chunks (dataset_id, matrix, seq, data) VALUES (?, ?, ?, ?)")
                    .params(id, matrix, number, chunk).update());
        }
    }

    /** Every complete data set, without its matrices. */
    public List<StoredDataset> all() {
        return transactions.read(() -> jdbc.sql("SELECT " + COLUMNS + " FROM datasets WHERE complete = 1")
                .query(DatasetStore::dataset).list());
    }

    /**
     * Removes data sets whose upload began before {@code before} and did not finish (the service stopped in the
     * middle); a later one may still be streaming in on another replica.
     */
    public void removeIncomplete(Instant before) {
        List<String> unfinished = transactions.read(() -> jdbc.sql("SELECT id, created_at FROM datasets WHERE complete = 0")
                .query((rs, n) -> Instant.parse(rs.getString(2)).isBefore(before) ? rs.getString(1) : null).list());
        unfinished.stream().filter(Objects::nonNull).forEach(this::delete);
    }

    /** Reads one matrix [rows, columns] of {@code type}, chunk by chunk straight into its buffer. */
    public INDArray matrix(String id, int matrix, DataType type, long rows, long columns) {
        INDArray values = Nd4j.create(type, rows, columns);
        long[] filled = {0};
        transactions.read(() -> {
            jdbc.sql("SELECT data FROM dataset_chunks WHERE dataset_id = ? AND matrix = ? ORDER BY seq").params(id, matrix)
                    .query(rs -> {
                        filled[0] += MatrixChunks.fill(values, filled[0], rs.getBytes(1));
                    });
            return null;
        });
        if (filled[0] != rows * columns) {
            throw new IllegalStateException("Data set " + id + " has " + filled[0] + " stored values in matrix " + matrix
                    + ", expected " + rows * columns);
        }
        return values;
    }

    /** Removes a data set and its matrices. */
    public void delete(String id) {
        transactions.run(() -> {
            jdbc.sql("DELETE FROM dataset_chunks WHERE dataset_id = ?").param(id).update();
            jdbc.sql("DELETE FROM datasets WHERE id = ?").param(id).update();
        });
    }

    private static StoredDataset dataset(ResultSet rs, int row) throws SQLException {
        return new StoredDataset(rs.getString(1), rs.getString(2), Instant.parse(rs.getString(3)), rs.getLong(4), rs.getString(5));
    }
}
