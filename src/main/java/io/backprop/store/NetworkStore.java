package io.backprop.store;

import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Networks in the store: one row per network holding its encoded state value, and its epoch history, one row per
 * epoch. Call inside {@link StoreTransactions#run} when several writes must land together.
 */
@Repository
public class NetworkStore {

    private final JdbcClient jdbc;
    private final StoreTransactions transactions;

    NetworkStore(JdbcClient jdbc, StoreTransactions transactions) {
        this.jdbc = jdbc;
        this.transactions = transactions;
    }

    /** A stored network: {@code settings} is the feature's JSON of what lies outside the state value. */
    public record StoredNetwork(String id, String owner, String name, long version, Instant createdAt, Instant updatedAt,
                                String settings, byte[] state) {
    }

    /** One epoch of a network's history: {@code record} is the feature's JSON. */
    public record StoredEpoch(long epoch, String record) {
    }

    /** Writes the network's row, a new one or over the stored one, and appends its new epochs, in one transaction. */
    public void save(StoredNetwork network, List<StoredEpoch> newEpochs) {
        transactions.run(() -> {
            jdbc.sql("""
                    INSERT INTO networks (id, owner, name, version, created_at, updated_at, settings, state)
                    VALUES (:id, :owner, :name, :version, :created, :updated, :settings, :state)
                    ON CONFLICT (id) DO UPDATE SET name = :name, version = :version, updated_at = :updated, settings = :settings,
                        state = :state""")
                    .param("id", network.id()).param("owner", network.owner()).param("name", network.name())
                    .param("version", network.version()).param("created", network.createdAt().toString())
                    .param("updated", network.updatedAt().toString()).param("settings", network.settings())
                    .param("state", network.state()).update();
            for (StoredEpoch epoch : newEpochs) {
                jdbc.sql("INSERT INTO network_epochs (network_id, epoch, record) VALUES (?, ?, ?)")
                        .params(network.id(), epoch.epoch(), epoch.record()).update();
            }
        });
    }

    /** Drops the network's epochs before {@code firstKept} (the history keeps a bounded number). */
    public void dropEpochsBefore(String id, long firstKept) {
        transactions.run(() -> jdbc.sql("DELETE FROM network_epochs WHERE network_id = ? AND epoch < ?").params(id, firstKept).update());
    }

    /** Removes the network and its history. */
    public void delete(String id) {
        transactions.run(() -> {
            jdbc.sql("DELETE FROM network_epochs WHERE network_id = ?").param(id).update();
            jdbc.sql("DELETE FROM networks WHERE id = ?").param(id).update();
        });
    }

    /** Every stored network. */
    public List<StoredNetwork> all() {
        return transactions.read(() -> jdbc.sql("SELECT id, owner, name, version, created_at, updated_at, settings, state FROM networks")
                .query((rs, n) -> new StoredNetwork(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4),
                        Instant.parse(rs.getString(5)), Instant.parse(rs.getString(6)), rs.getString(7), rs.getBytes(8)))
                .list());
    }

    /** The network's history, oldest epoch first. */
    public List<StoredEpoch> epochs(String id) {
        return transactions.read(() -> jdbc.sql("SELECT epoch, record FROM network_epochs WHERE network_id = ? ORDER BY epoch")
                .param(id).query((rs, n) -> new StoredEpoch(rs.getLong(1), rs.getString(2))).list());
    }
}
