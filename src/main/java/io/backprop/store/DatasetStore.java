package io.backprop.store;

import java.time.Instant;
import java.util.List;
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

    /** A stored data set: {@code description} is the feature's own JSON. */
    public record StoredDataset(String id, String owner, Instant createdAt, String description) {
    }

    /** Stores a data set whole; on failure nothing of it stays and the answer is {@link StoreUnavailableException}. */
    public void save(StoredDataset dataset, INDArray x, INDArray y) {
        transactions.run(() -> jdbc.sql("INSERT INTO datasets (id, owner, created_at, description, complete) VALUES (?, ?, ?, ?, 0)")
                .params(dataset.id(), dataset.owner(), dataset.createdAt().toString(), dataset.description()).update());
        try {
            writeMatrix(dataset.id(), INPUTS, x);
            writeMatrix(dataset.id(), TARGETS, y);
            transactions.run(() -> jdbc.sql("UPDATE datasets SET complete = 1 WHERE id = ?").param(dataset.id()).update());
        } catch (StoreUnavailableException failed) {
            try {
                delete(dataset.id());
            } catch (StoreUnavailableException stillFailing) {
                failed.addSuppressed(stillFailing);
            }
            throw failed;
        }
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
        return transactions.read(() -> jdbc.sql("SELECT id, owner, created_at, description FROM datasets WHERE complete = 1")
                .query((rs, n) -> new StoredDataset(rs.getString(1), rs.getString(2), Instant.parse(rs.getString(3)), rs.getString(4)))
                .list());
    }

    /** Removes data sets whose upload did not finish (the service stopped in the middle). */
    public void removeIncomplete() {
        transactions.run(() -> {
            jdbc.sql("DELETE FROM dataset_chunks WHERE dataset_id IN (SELECT id FROM datasets WHERE complete = 0)").update();
            jdbc.sql("DELETE FROM datasets WHERE complete = 0").update();
        });
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
}
