package io.backprop.store;

import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Training jobs in the store: the request as accepted, where the job stands, and the checkpoint of its last
 * completed epoch. Call inside {@link StoreTransactions#run} to land a checkpoint with the network's state.
 */
@Repository
public class JobStore {

    private final JdbcClient jdbc;
    private final StoreTransactions transactions;

    JobStore(JdbcClient jdbc, StoreTransactions transactions) {
        this.jdbc = jdbc;
        this.transactions = transactions;
    }

    /** A stored job: {@code request} and {@code progress} are the feature's JSON, {@code checkpoint} its bytes or null. */
    public record StoredJob(String id, String owner, String networkId, String status, Instant createdAt, String request,
                            String progress, byte[] checkpoint) {
    }

    public void insert(StoredJob job) {
        transactions.run(() -> jdbc.sql("""
                INSERT INTO jobs (id, owner, network_id, status, created_at, request, progress, checkpoint)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(job.id(), job.owner(), job.networkId(), job.status(), job.createdAt().toString(), job.request(),
                        job.progress(), job.checkpoint()).update());
    }

    /** Records where the job stands, keeping its checkpoint. */
    public void update(String id, String status, String progress) {
        transactions.run(() -> jdbc.sql("UPDATE jobs SET status = ?, progress = ? WHERE id = ?").params(status, progress, id).update());
    }

    /** Records where the job stands with a new checkpoint. */
    public void checkpoint(String id, String status, String progress, byte[] checkpoint) {
        transactions.run(() -> jdbc.sql("UPDATE jobs SET status = ?, progress = ?, checkpoint = ? WHERE id = ?")
                .params(status, progress, checkpoint, id).update());
    }

    public void delete(String id) {
        transactions.run(() -> jdbc.sql("DELETE FROM jobs WHERE id = ?").param(id).update());
    }

    /** Every stored job. */
    public List<StoredJob> all() {
        return transactions.read(() -> jdbc.sql("""
                SELECT id, owner, network_id, status, created_at, request, progress, checkpoint FROM jobs""")
                .query((rs, n) -> new StoredJob(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        Instant.parse(rs.getString(5)), rs.getString(6), rs.getString(7), rs.getBytes(8)))
                .list());
    }
}
