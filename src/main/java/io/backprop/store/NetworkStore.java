package io.backprop.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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

    /**
     * A stored network: {@code settings} is the feature's JSON of what lies outside the state value; {@code parameters}
     * is what it counts toward the limits.
     */
    public record StoredNetwork(String id, String owner, String name, long version, Instant createdAt, Instant updatedAt,
                                long parameters, String settings, byte[] state) {
    }

    /** How many networks, and how many parameters they have together. */
    public record Totals(long networks, long parameters) {
    }

    private static final String COLUMNS = "id, owner, name, version, created_at, updated_at, parameters, settings, state";

    /** One epoch of a network's history: {@code record} is the feature's JSON. */
    public record StoredEpoch(long epoch, String record) {
    }

    /** Writes the network's row, a new one or over the stored one, and appends its new epochs, in one transaction. */
    public void save(StoredNetwork network, List<StoredEpoch> newEpochs) {
        transactions.run(() -> {
            jdbc.sql("""
                    INSERT INTO networks (id, owner, name, version, created_at, updated_at, parameters, settings, state)
                    VALUES (:id, :owner, :name, :version, :created, :updated, :parameters, :settings, :state)
                    ON CONFLICT (id) DO UPDATE SET name = :name, version = :version, updated_at = :updated,
                        parameters = :parameters, settings = :settings, state = :state""")
                    .param("id", network.id()).param("owner", network.owner()).param("name", network.name())
                    .param("version", network.version()).param("created", network.createdAt().toString())
                    .param("updated", network.updatedAt().toString()).param("parameters", network.parameters())
                    .param("settings", network.settings()).param("state", network.state()).update();
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
        return transactions.read(() -> jdbc.sql("SELECT " + COLUMNS + " FROM networks").query(NetworkStore::network).list());
    }

    /** The stored network {@code id}, if there is one. */
    public Optional<StoredNetwork> find(String id) {
        return transactions.read(() -> jdbc.sql("SELECT " + COLUMNS + " FROM networks WHERE id = ?").param(id)
                .query(NetworkStore::network).optional());
    }

    /** The ids of every stored network, oldest first. */
    public List<String> ids() {
        return transactions.read(() -> jdbc.sql("SELECT id FROM networks ORDER BY created_at, id").query(String.class).list());
    }

    /** The stored networks and their parameters: all of them when {@code owner} is null, else the owner's. */
    public Totals totals(String owner) {
        return transactions.read(() -> jdbc.sql("SELECT COUNT(*), COALESCE(SUM(parameters), 0) FROM networks"
                        + (owner == null ? "" : " WHERE owner = :owner")).paramSource(owner == null ? Map.of()
                        : Map.of("owner", owner))
                .query((rs, n) -> new Totals(rs.getLong(1), rs.getLong(2))).single());
    }

    /** The job queued or running on the network, if there is one. */
    public Optional<String> activeJob(String networkId) {
        return transactions.read(() -> jdbc.sql("SELECT id FROM jobs WHERE network_id = ? AND status IN ('queued', 'running')")
                .param(networkId).query(String.class).list().stream().findFirst());
    }

    /** Records what a network stored before its size was kept counts toward the limits. */
    public void countParameters(String id, long parameters) {
        transactions.run(() -> jdbc.sql("UPDATE networks SET parameters = ? WHERE id = ?").params(parameters, id).update());
    }

    private static StoredNetwork network(ResultSet rs, int row) throws SQLException {
        return new StoredNetwork(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4), Instant.parse(rs.getString(5)),
                Instant.parse(rs.getString(6)), rs.getLong(7), rs.getString(8), rs.getBytes(9));
    }

    /** The network's history, oldest epoch first. */
    public List<StoredEpoch> epochs(String id) {
        return transactions.read(() -> jdbc.sql("SELECT epoch, record FROM network_epochs WHERE network_id = ? ORDER BY epoch")
                .param(id).query((rs, n) -> new StoredEpoch(rs.getLong(1), rs.getString(2))).list());
    }
}
