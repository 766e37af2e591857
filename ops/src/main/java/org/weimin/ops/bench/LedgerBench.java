package org.weimin.ops.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.axonframework.common.DateTimeUtils;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;
import org.weimin.ops.ledger.Checkpoint;
import org.weimin.ops.ledger.CheckpointStore;
import org.weimin.ops.ledger.LedgerHash;
import org.weimin.ops.ledger.LedgerSigningKey;
import org.weimin.ops.ledger.LedgerVerifier;
import org.weimin.ops.ledger.StoreVerification;

/**
 * The ledger benchmark (issue 7: verifying 1,000,000 events within a minute on 2 cores): fills a scratch H2 file store
 * (the DDL of {@code db/schema-h2.sql}) over direct JDBC with {@code events} hashed events, five per case (the first
 * with a payload of a real {@code CaseReceived}'s size, the others 400 bytes; metadata like the service's), signs a
 * checkpoint, then times a plain sequential read of the same rows in the verifier's order (the baseline: what reading
 * costs without hashing) and the whole-store verification ({@link LedgerVerifier#verifyStore}). The store is deleted
 * afterwards. Reports seconds, events/s and the verification's time as a multiple of the baseline's.
 */
public final class LedgerBench {
    static final int EVENTS_PER_CASE = 5;
    private static final int SMALL_PAYLOAD_BYTES = 400;
    private static final Instant T0 = Instant.parse("2026-01-05T01:00:00Z");

    private LedgerBench() {
    }

    /** Runs the benchmark in a fresh directory under {@code work}; returns the report section. */
    public static Map<String, Object> run(Path work, long events) throws IOException, SQLException {
        Path dir = work.resolve("ledger-" + System.nanoTime());
        Files.createDirectories(dir);
        String url = "jdbc:h2:file:" + dir.resolve("events") + ";LAZY_QUERY_EXECUTION=TRUE";
        Map<String, Object> r = new LinkedHashMap<>();
        try (Connection c = DriverManager.getConnection(url, "sa", "")) {
            new ResourceDatabasePopulator(new ClassPathResource("db/schema-h2.sql"))
                    .execute(new SingleConnectionDataSource(c, true));
            long t0 = System.nanoTime();
            fill(c, events);
            double fillSeconds = seconds(t0);
            LedgerSigningKey key = LedgerSigningKey.ephemeral();
            t0 = System.nanoTime();
            Checkpoint checkpoint = CheckpointStore.write(c, key, CheckpointStore.head(c), Instant.now());
            double checkpointSeconds = seconds(t0);
            t0 = System.nanoTime();
            long read = sequentialRead(c);
            double readSeconds = seconds(t0);
            t0 = System.nanoTime();
            AtomicLong broken = new AtomicLong();
            StoreVerification v = LedgerVerifier.verifyStore(c, key.publicKey(), b -> broken.incrementAndGet());
            double verifySeconds = seconds(t0);
            r.put("events", v.events());
            r.put("cases", v.cases());
            r.put("storeMegabytes", Math.round(Files.size(dir.resolve("events.mv.db")) / 1e6));
            r.put("fillSeconds", Latencies.round(fillSeconds));
            r.put("checkpointSeconds", Latencies.round(checkpointSeconds));
            r.put("checkpointEvents", checkpoint.eventCount());
            r.put("sequentialReadSeconds", Latencies.round(readSeconds));
            r.put("sequentialReadPerSecond", Latencies.round(read / readSeconds));
            r.put("verifySeconds", Latencies.round(verifySeconds));
            r.put("verifyPerSecond", Latencies.round(v.events() / verifySeconds));
            r.put("verifyToReadRatio", Latencies.round(verifySeconds / readSeconds));
            r.put("verified", v.verified() && broken.get() == 0);
        } finally {
            AppendBaseline.deleteRecursively(dir);
        }
        return r;
    }

    private static void fill(Connection c, long events) throws SQLException {
        byte[] large = AppendBaseline.filler(AppendBaseline.DEFAULT_PAYLOAD_BYTES, "{\"caseId\":\"");
        byte[] small = AppendBaseline.filler(SMALL_PAYLOAD_BYTES, "{\"caseId\":\"");
        c.setAutoCommit(false);
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO DomainEventEntry (eventIdentifier, "
                + "aggregateIdentifier, sequenceNumber, type, timeStamp, payloadType, payloadRevision, payload, "
                + "metaData) VALUES (?,?,?,?,?,?,?,?,?)")) {
            byte[] previous = LedgerHash.GENESIS;
            for (long i = 0; i < events; i++) {
                long sequence = i % EVENTS_PER_CASE;
                String caseId = String.format("bench-%010d", i / EVENTS_PER_CASE);
                byte[] payload = (sequence == 0 ? large : small).clone();
                byte[] stamp = Long.toString(i).getBytes(StandardCharsets.US_ASCII);
                System.arraycopy(stamp, 0, payload, payload.length - stamp.length - 1, stamp.length);
                String metadata = "{\"correlationId\":\"c-" + i + "\",\"traceId\":\"t-" + caseId + "\"}";
                LedgerHash.Row row = new LedgerHash.Row("event-" + i, "Case", caseId, sequence,
                        DateTimeUtils.formatInstant(T0.plusMillis(i)), "org.weimin.events.cases.Bench", "1",
                        payload, null);
                byte[] hash = LedgerHash.hash(sequence == 0 ? LedgerHash.GENESIS : previous, row,
                        LedgerHash.canonicalMetadata(LedgerHash.parseMetadata(
                                metadata.getBytes(StandardCharsets.UTF_8))));
                previous = hash;
                insert.setString(1, row.eventIdentifier());
                insert.setString(2, caseId);
                insert.setLong(3, sequence);
                insert.setString(4, row.aggregateType());
                insert.setString(5, row.timeStamp());
                insert.setString(6, row.payloadType());
                insert.setString(7, row.payloadRevision());
                insert.setBytes(8, payload);
                insert.setBytes(9, (metadata.substring(0, metadata.length() - 1) + ",\"" + LedgerHash.METADATA_KEY
                        + "\":\"" + LedgerHash.hex(hash) + "\"}").getBytes(StandardCharsets.UTF_8));
                insert.addBatch();
                if (i % 1000 == 999) {
                    insert.executeBatch();
                }
                if (i % 20_000 == 19_999) {
                    c.commit();
                }
            }
            insert.executeBatch();
            c.commit();
        } finally {
            c.setAutoCommit(true);
        }
    }

    /** Reads every column of every row in the verifier's order; returns the number of rows. */
    private static long sequentialRead(Connection c) throws SQLException {
        long rows = 0;
        long bytes = 0;
        try (PreparedStatement query = c.prepareStatement("SELECT globalIndex, eventIdentifier, type, "
                + "aggregateIdentifier, sequenceNumber, timeStamp, payloadType, payloadRevision, payload, metaData "
                + "FROM DomainEventEntry ORDER BY aggregateIdentifier, sequenceNumber")) {
            query.setFetchSize(1000);
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    rows++;
                    bytes += rs.getLong(1) + rs.getString(2).length() + rs.getString(4).length() + rs.getLong(5)
                            + rs.getString(6).length() + rs.getBytes(9).length + rs.getBytes(10).length;
                }
            }
        }
        return bytes >= 0 ? rows : -1;
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }
}
