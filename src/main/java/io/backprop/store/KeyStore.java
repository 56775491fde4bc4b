package io.backprop.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.backprop.security.ApiKey;
import io.backprop.security.KeyRepository;
import io.backprop.security.Quotas;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** API keys in the store, by id and by the hex SHA-256 of the secret (never the secret); deleting a key removes its row. */
@Component
class KeyStore implements KeyRepository {

    private static final HexFormat HEX = HexFormat.of();

    private final JdbcClient jdbc;
    private final StoreTransactions transactions;
    private final ObjectMapper json;

    KeyStore(JdbcClient jdbc, StoreTransactions transactions, ObjectMapper json) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.json = json;
    }

    @Override
    public void save(ApiKey key) {
        transactions.run(() -> jdbc.sql("""
                        INSERT INTO api_keys (id, name, key_hash, admin, quotas, created_at, revoked) VALUES (?, ?, ?, ?, ?, ?, 0)
                        ON CONFLICT (id) DO UPDATE SET name = excluded.name, key_hash = excluded.key_hash, admin = excluded.admin,
                            quotas = excluded.quotas, revoked = 0""")
                .params(key.id(), key.name(), HEX.formatHex(key.hash()), key.admin() ? 1 : 0, quotas(key.quotas()),
                        key.createdAt().toString())
                .update());
    }

    @Override
    public Optional<ApiKey> findByHash(byte[] hash) {
        return transactions.read(() -> jdbc.sql("SELECT * FROM api_keys WHERE key_hash = ? AND revoked = 0")
                .param(HEX.formatHex(hash)).query(this::key).optional());
    }

    @Override
    public Optional<ApiKey> find(String id) {
        return transactions.read(() -> jdbc.sql("SELECT * FROM api_keys WHERE id = ? AND revoked = 0")
                .param(id).query(this::key).optional());
    }

    @Override
    public List<ApiKey> all() {
        return transactions.read(() -> jdbc.sql("SELECT * FROM api_keys WHERE revoked = 0 ORDER BY created_at, id")
                .query(this::key).list());
    }

    @Override
    public boolean delete(String id) {
        return transactions.inTransaction(() -> jdbc.sql("DELETE FROM api_keys WHERE id = ?").param(id).update() > 0);
    }

    private ApiKey key(ResultSet row, int index) throws SQLException {
        try {
            return new ApiKey(row.getString("id"), row.getString("name"), row.getInt("admin") != 0,
                    json.readValue(row.getString("quotas"), Quotas.class), Instant.parse(row.getString("created_at")),
                    HEX.parseHex(row.getString("key_hash")));
        } catch (JsonProcessingException damaged) {
            throw new SQLException("api_keys row " + row.getString("id") + " has unreadable quotas", damaged);
        }
    }

    private String quotas(Quotas quotas) {
        try {
            return json.writeValueAsString(quotas == null ? Quotas.NONE : quotas);
        } catch (JsonProcessingException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
