package org.weimin.ops.ledger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Checkpoints in table {@code ledger_checkpoint} (schema-h2.sql), over plain JDBC so that the service, the
 * command-line verifier and the benchmark share it. Writing one reads every event up to the head once
 * ({@link StoreDigest}; on the order of the verification's cost).
 */
public final class CheckpointStore {
    static final String EVENTS_BY_CASE = "SELECT aggregateIdentifier, sequenceNumber, globalIndex, metaData "
            + "FROM DomainEventEntry WHERE globalIndex <= ? ORDER BY aggregateIdentifier, sequenceNumber";
    private static final String COLUMNS = "id, created_at, head_index, event_count, case_count, digest, key_id, "
            + "signature";

    private CheckpointStore() {
    }

    /**
     * Computes, signs and inserts a checkpoint for the events up to {@code head} (which must be settled: no open
     * transaction may still add an event at or below it; see {@link LedgerAppendGate}).
     */
    public static Checkpoint write(Connection connection, LedgerSigningKey key, long head, Instant now)
            throws SQLException {
        StoreDigest digest = new StoreDigest(head);
        try (PreparedStatement query = connection.prepareStatement(EVENTS_BY_CASE)) {
            query.setFetchSize(1000);
            query.setLong(1, head);
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    digest.accept(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getBytes(4));
                }
            }
        }
        StoreDigest.Result r = digest.finish();
        String createdAt = now.toString();
        String signature = key.sign(Checkpoint.signedText(createdAt, head, r.events(), r.cases(), r.digest(),
                key.keyId()));
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO ledger_checkpoint (created_at, "
                + "head_index, event_count, case_count, digest, key_id, signature) VALUES (?,?,?,?,?,?,?)",
                Statement.RETURN_GENERATED_KEYS)) {
            insert.setString(1, createdAt);
            insert.setLong(2, head);
            insert.setLong(3, r.events());
            insert.setLong(4, r.cases());
            insert.setString(5, r.digest());
            insert.setString(6, key.keyId());
            insert.setString(7, signature);
            insert.executeUpdate();
            try (ResultSet keys = insert.getGeneratedKeys()) {
                keys.next();
                return new Checkpoint(keys.getLong(1), createdAt, head, r.events(), r.cases(), r.digest(),
                        key.keyId(), signature);
            }
        }
    }

    /** Every checkpoint, oldest first. */
    public static List<Checkpoint> all(Connection connection) throws SQLException {
        return query(connection, "SELECT " + COLUMNS + " FROM ledger_checkpoint ORDER BY id");
    }

    /** The newest checkpoint, if any. */
    public static Optional<Checkpoint> latest(Connection connection) throws SQLException {
        return query(connection, "SELECT " + COLUMNS + " FROM ledger_checkpoint ORDER BY id DESC "
                + "FETCH FIRST 1 ROWS ONLY").stream().findFirst();
    }

    /** The highest global index in the store; 0 when it is empty. */
    public static long head(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement();
             ResultSet rs = s.executeQuery("SELECT COALESCE(MAX(globalIndex), 0) FROM DomainEventEntry")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static List<Checkpoint> query(Connection connection, String sql) throws SQLException {
        List<Checkpoint> out = new ArrayList<>();
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                out.add(new Checkpoint(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getLong(4), rs.getLong(5),
                        rs.getString(6), rs.getString(7), rs.getString(8)));
            }
        }
        return out;
    }
}
