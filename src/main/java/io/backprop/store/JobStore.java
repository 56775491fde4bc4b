package io.backprop.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Training jobs in the store, the queue every replica takes work from: the request as accepted, where the job
 * stands, the checkpoint of its last completed epoch, when it finished and whether its cancellation was asked for.
 * Call inside {@link StoreTransactions#run} to land a checkpoint with the network's state, or a submission with the
 * counts it was checked against.
 */
@Repository
public class JobStore {

    private static final String COLUMNS = "id, owner, network_id, status, created_at, request, progress, checkpoint, "
            + "cancel_requested, finished_at";
    private static final String ACTIVE = "status IN ('queued', 'running')";

    private final JdbcClient jdbc;
    private final StoreTransactions transactions;

    JobStore(JdbcClient jdbc, StoreTransactions transactions) {
        this.jdbc = jdbc;
        this.transactions = transactions;
    }

    /**
     * A stored job: {@code request} and {@code progress} are the feature's JSON, {@code checkpoint} its bytes or null
     * (left out of lists), {@code finishedAt} null until it ends.
     */
    public record StoredJob(String id, String owner, String networkId, String status, Instant createdAt, String request,
                            String progress, byte[] checkpoint, boolean cancelRequested, Instant finishedAt) {

        /** A job as it is submitted, or stands without a cancellation or end. */
        public StoredJob(String id, String owner, String networkId, String status, Instant createdAt, String request,
                         String progress, byte[] checkpoint) {
            this(id, owner, networkId, status, createdAt, request, progress, checkpoint, false, null);
        }
    }

    public void insert(StoredJob job) {
        transactions.run(() -> jdbc.sql("""
                INSERT INTO jobs (id, owner, network_id, status, created_at, request, progress, checkpoint)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(job.id(), job.owner(), job.networkId(), job.status(), job.createdAt().toString(), job.request(),
                        job.progress(), job.checkpoint()).update());
    }

    /** Records where the job stands, keeping its checkpoint; {@code finishedAt} when it has ended. */
    public void update(String id, String status, String progress, Instant finishedAt) {
        transactions.run(() -> jdbc.sql("UPDATE jobs SET status = ?, progress = ?, finished_at = ? WHERE id = ?")
                .params(status, progress, millis(finishedAt), id).update());
    }

    /** Records where the job stands with a new checkpoint. */
    public void checkpoint(String id, String status, String progress, byte[] checkpoint) {
        transactions.run(() -> jdbc.sql("UPDATE jobs SET status = ?, progress = ?, checkpoint = ? WHERE id = ?")
                .params(status, progress, checkpoint, id).update());
    }

    /** Records that the job's cancellation was asked for; false when it has ended already (or is not stored). */
    public boolean requestCancel(String id) {
        return transactions.inTransaction(() -> jdbc.sql("UPDATE jobs SET cancel_requested = 1 WHERE id = ? AND " + ACTIVE)
                .param(id).update() > 0);
    }

    public void delete(String id) {
        transactions.run(() -> jdbc.sql("DELETE FROM jobs WHERE id = ?").param(id).update());
    }

    /** Deletes the jobs that finished before {@code horizon}; answers how many. */
    public int deleteFinishedBefore(Instant horizon) {
        return transactions.inTransaction(() -> jdbc.sql("DELETE FROM jobs WHERE finished_at < ?").param(horizon.toEpochMilli())
                .update());
    }

    /** The job, with its checkpoint. */
    public Optional<StoredJob> find(String id) {
        return transactions.read(() -> jdbc.sql("SELECT " + COLUMNS + " FROM jobs WHERE id = ?").param(id)
                .query((rs, n) -> job(rs, true)).optional());
    }

    /** The job, without its checkpoint. */
    public Optional<StoredJob> describe(String id) {
        return transactions.read(() -> jdbc.sql("SELECT " + COLUMNS.replace("checkpoint", "NULL") + " FROM jobs WHERE id = ?").param(id)
                .query((rs, n) -> job(rs, false)).optional());
    }

    /** Every stored job without its checkpoint, oldest first. */
    public List<StoredJob> list() {
        return transactions.read(() -> jdbc.sql("SELECT " + COLUMNS.replace("checkpoint", "NULL") + " FROM jobs ORDER BY created_at")
                .query((rs, n) -> job(rs, false)).list());
    }

    /**
     * Offers the jobs waiting for a replica to {@code take}, running ones (whose replica may be gone) first, then queued
     * ones oldest first, until it takes one; answers that one. {@code lockClause} locks the rows offered until the
     * offers end, skipping rows another replica is offering at the time.
     */
    public Optional<String> takeWaiting(String lockClause, Predicate<String> take) {
        return transactions.locked(() -> jdbc.sql("SELECT id FROM jobs WHERE " + ACTIVE
                        + " ORDER BY CASE WHEN status = 'running' THEN 0 ELSE 1 END, created_at, id" + lockClause)
                .query(String.class).list().stream().filter(take).findFirst());
    }

    /** The queued or running jobs whose cancellation was asked for. */
    public List<String> cancelRequested() {
        return transactions.read(() -> jdbc.sql("SELECT id FROM jobs WHERE cancel_requested = 1 AND " + ACTIVE)
                .query(String.class).list());
    }

    /** A queued or running job of the network, if there is one. */
    public Optional<String> activeFor(String networkId) {
        return transactions.read(() -> jdbc.sql("SELECT id FROM jobs WHERE network_id = ? AND " + ACTIVE + " ORDER BY created_at")
                .param(networkId).query(String.class).list().stream().findFirst());
    }

    /** How many jobs have this status. */
    public long count(String status) {
        return transactions.read(() -> jdbc.sql("SELECT count(*) FROM jobs WHERE status = ?").param(status).query(Long.class).single());
    }

    /** How many of {@code owner}'s jobs are queued or running. */
    public long countActive(String owner) {
        return transactions.read(() -> jdbc.sql("SELECT count(*) FROM jobs WHERE owner = ? AND " + ACTIVE).param(owner)
                .query(Long.class).single());
    }

    private static StoredJob job(ResultSet rs, boolean withCheckpoint) throws SQLException {
        long finished = rs.getLong(10);
        Instant finishedAt = rs.wasNull() ? null : Instant.ofEpochMilli(finished);
        return new StoredJob(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), Instant.parse(rs.getString(5)),
                rs.getString(6), rs.getString(7), withCheckpoint ? rs.getBytes(8) : null, rs.getInt(9) != 0, finishedAt);
    }

    private static Long millis(Instant instant) {
        return instant == null ? null : instant.toEpochMilli();
    }
}
