package org.weimin.ops.open311;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

/**
 * The Open311 API keys in table {@code open311_api_key} of the event-store database (schema-h2.sql): the key's public
 * id, the SHA-256 of the key (hex; never the key), label, receiving window, issue and revocation times. Written only by
 * {@link ApiKeys}, in the same transaction as the {@code ApiKey} aggregate's events; read at every keyed request.
 */
@Repository
public class ApiKeyStore {

    /** One key as stored; {@code revokedAt} null while it is valid. */
    public record StoredKey(String keyId, String keyHash, String label, String window, Instant issuedAt,
                            String issuedBy, Instant revokedAt) {
        @Override
        public String toString() {
            return "StoredKey[" + keyId + "]";
        }
    }

    private static final RowMapper<StoredKey> ROW = (rs, i) -> new StoredKey(rs.getString("key_id"),
            rs.getString("key_hash"), rs.getString("label"), rs.getString("window_unit"),
            rs.getTimestamp("issued_at").toInstant(), rs.getString("issued_by"),
            rs.getTimestamp("revoked_at") == null ? null : rs.getTimestamp("revoked_at").toInstant());

    private final JdbcTemplate jdbc;

    public ApiKeyStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<StoredKey> find(String keyId) {
        return jdbc.query("SELECT * FROM open311_api_key WHERE key_id = ?", ROW, keyId).stream().findFirst();
    }

    /** By the key's hash (unique index): one key lookup. */
    public Optional<StoredKey> findByHash(String keyHash) {
        return jdbc.query("SELECT * FROM open311_api_key WHERE key_hash = ?", ROW, keyHash).stream().findFirst();
    }

    /** Every key, oldest first. */
    public List<StoredKey> all() {
        return jdbc.query("SELECT * FROM open311_api_key ORDER BY issued_at, key_id", ROW);
    }

    public void insert(StoredKey key) {
        jdbc.update("INSERT INTO open311_api_key (key_id, key_hash, label, window_unit, issued_at, issued_by) "
                        + "VALUES (?, ?, ?, ?, ?, ?)", key.keyId(), key.keyHash(), key.label(), key.window(),
                Timestamp.from(key.issuedAt()), key.issuedBy());
    }

    public void revoke(String keyId, Instant at) {
        jdbc.update("UPDATE open311_api_key SET revoked_at = ? WHERE key_id = ?", Timestamp.from(at), keyId);
    }
}
