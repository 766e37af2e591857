package org.weimin.ops.ledger;

import java.security.PublicKey;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.function.Consumer;

/**
 * Verifies the ledger over plain JDBC, streaming (one row in memory at a time, plus the checkpoints): one case's hash
 * chain ({@link CaseChain}), or the whole store: every case's chain, every checkpoint's signature and order, and the
 * store against the newest checkpoint ({@link StoreDigest}: events deleted, inserted or changed at or below its head,
 * including a case's tail, show as a mismatch). Used by {@code GET /api/audit/...} in the service and by
 * {@code java -jar weimin.jar verify} on a stopped store.
 */
public final class LedgerVerifier {
    private static final String ROW_COLUMNS = "globalIndex, eventIdentifier, type, aggregateIdentifier, "
            + "sequenceNumber, timeStamp, payloadType, payloadRevision, payload, metaData";

    private LedgerVerifier() {
    }

    /** One case's chain; {@code covered} counts its events at or below {@code head} (use -1 for none). */
    public static CaseResult verifyCase(Connection connection, String caseId, long head) throws SQLException {
        CaseChain chain = new CaseChain(caseId);
        long covered = 0;
        try (PreparedStatement query = connection.prepareStatement("SELECT " + ROW_COLUMNS
                + " FROM DomainEventEntry WHERE aggregateIdentifier = ? ORDER BY sequenceNumber")) {
            query.setString(1, caseId);
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    chain.accept(row(rs), rs.getLong(1));
                    if (rs.getLong(1) <= head) {
                        covered++;
                    }
                }
            }
        }
        return new CaseResult(chain.result(), covered);
    }

    /** A case's verification and how many of its events the checkpoint consulted covers. */
    public record CaseResult(CaseVerification verification, long eventsCoveredByCheckpoint) {
    }

    /**
     * The whole store.
     *
     * @param key      the checkpoint signing key's public half; null: signatures are reported as not checked
     * @param onBroken called for each case whose chain is broken, in aggregate identifier order
     */
    public static StoreVerification verifyStore(Connection connection, PublicKey key,
                                                Consumer<CaseVerification> onBroken) throws SQLException {
        return verifyStore(connection, key == null ? null
                : id -> id.equals(LedgerSigningKey.keyId(key)) ? key : null, onBroken);
    }

    /**
     * As above, with each checkpoint's signature checked against the public key its recorded key id names (after
     * rotations, several; {@link LedgerKeyRing}); an unknown key id counts as a bad signature.
     *
     * @param keys key id to public key (null for an unknown id); null: signatures are reported as not checked
     */
    public static StoreVerification verifyStore(Connection connection,
                                                java.util.function.Function<String, PublicKey> keys,
                                                Consumer<CaseVerification> onBroken) throws SQLException {
        List<Checkpoint> checkpoints = CheckpointStore.all(connection);
        long badSignatures = 0;
        long outOfOrder = 0;
        Checkpoint previous = null;
        for (Checkpoint c : checkpoints) {
            PublicKey signer = keys == null ? null : keys.apply(c.keyId());
            if (keys != null && (signer == null || !LedgerSigningKey.verify(signer, c.signedText(), c.signature()))) {
                badSignatures++;
            }
            if (previous != null && (c.headIndex() < previous.headIndex() || c.eventCount() < previous.eventCount())) {
                outOfOrder++;
            }
            previous = c;
        }
        Checkpoint latest = checkpoints.isEmpty() ? null : checkpoints.get(checkpoints.size() - 1);
        StoreDigest digest = new StoreDigest(latest == null ? -1 : latest.headIndex());
        long events = 0;
        long cases = 0;
        Tally tally = new Tally(onBroken);
        CaseChain chain = null;
        try (PreparedStatement query = connection.prepareStatement("SELECT " + ROW_COLUMNS
                + " FROM DomainEventEntry ORDER BY aggregateIdentifier, sequenceNumber")) {
            query.setFetchSize(1000);
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    LedgerHash.Row row = row(rs);
                    long globalIndex = rs.getLong(1);
                    if (chain == null || !chain.caseId().equals(row.aggregateIdentifier())) {
                        tally.end(chain);
                        chain = new CaseChain(row.aggregateIdentifier());
                        cases++;
                    }
                    chain.accept(row, globalIndex);
                    digest.accept(row.aggregateIdentifier(), row.sequenceNumber(), globalIndex, row.metaData());
                    events++;
                }
            }
        }
        tally.end(chain);
        String mismatch = null;
        if (latest != null) {
            StoreDigest.Result now = digest.finish();
            if (now.events() != latest.eventCount() || now.cases() != latest.caseCount()) {
                mismatch = "checkpoint " + latest.id() + " counted " + latest.eventCount() + " events in "
                        + latest.caseCount() + " cases up to global index " + latest.headIndex() + "; the store has "
                        + now.events() + " in " + now.cases();
            } else if (!now.digest().equals(latest.digest())) {
                mismatch = "checkpoint " + latest.id() + ": the cases' last hashes up to global index "
                        + latest.headIndex() + " differ from the signed digest";
            }
        }
        return new StoreVerification(events, cases, tally.unhashed, tally.broken, checkpoints.size(),
                keys == null ? null : badSignatures, outOfOrder, latest, mismatch);
    }

    /** Sums the finished cases and passes on the broken ones. */
    private static final class Tally {
        private final Consumer<CaseVerification> onBroken;
        private long unhashed;
        private long broken;

        Tally(Consumer<CaseVerification> onBroken) {
            this.onBroken = onBroken;
        }

        void end(CaseChain chain) {
            if (chain == null) {
                return;
            }
            CaseVerification done = chain.result();
            unhashed += done.unhashedEvents();
            if (!done.verified()) {
                broken++;
                onBroken.accept(done);
            }
        }
    }

    private static LedgerHash.Row row(ResultSet rs) throws SQLException {
        return new LedgerHash.Row(rs.getString(2), rs.getString(3), rs.getString(4), rs.getLong(5),
                rs.getString(6), rs.getString(7), rs.getString(8), rs.getBytes(9), rs.getBytes(10));
    }
}
