package org.weimin.ops.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.ConcurrentHistogram;

/**
 * The raw append rate of the storage engine under the event store: rows of the size of a real serialized
 * {@code CaseReceived} (payload and metadata) inserted into {@code DomainEventEntry}, one transaction per event, in a
 * separate temporary H2 file database opened with {@code ;WRITE_DELAY=0} (the durability of the embedded default:
 * each commit reaches the operating system before it returns), with the table created by the project's own DDL
 * ({@code db/schema-h2.sql}). No Axon, no serialization, no HTTP: the ceiling our commands are measured against.
 * Run once with one writer and once with {@code threads} writers (one connection each, like the connection pool).
 */
public final class AppendBaseline {
    /**
     * Payload size of a serialized {@code CaseReceived} (Jackson JSON with its encrypted applicant data), measured in
     * the event store after a load run: {@code AVG(OCTET_LENGTH(payload))} was 1,713 bytes (the other events of a
     * case's life are 200-400 bytes).
     */
    public static final int DEFAULT_PAYLOAD_BYTES = 1_713;
    /** Metadata size of the same rows (105 bytes each, measured likewise). */
    public static final int DEFAULT_METADATA_BYTES = 105;

    private AppendBaseline() {
    }

    /**
     * Appends for {@code duration} with {@code threads} writers.
     *
     * @return {@code threads}, {@code events}, {@code seconds}, {@code perSecond}, {@code p50Ms}/{@code p99Ms} per
     *         commit, {@code payloadBytes}, {@code metadataBytes}
     */
    public static Map<String, Object> run(Path workDir, Duration duration, int threads, int payloadBytes,
                                          int metadataBytes) throws IOException, SQLException, InterruptedException {
        Path dir = Files.createTempDirectory(Files.createDirectories(workDir), "append-baseline-");
        String url = "jdbc:h2:file:" + dir.resolve("events").toAbsolutePath() + ";WRITE_DELAY=0";
        try (Connection ddl = DriverManager.getConnection(url, "sa", "");
             Statement statement = ddl.createStatement()) {
            statement.execute(domainEventEntryDdl());
            AtomicLong appended = new AtomicLong();
            ConcurrentHistogram commits = new ConcurrentHistogram(60_000_000L, 3);
            byte[] payload = filler(payloadBytes, "{\"caseId\":\"");
            byte[] metaData = filler(metadataBytes, "{\"actor\":\"");
            long end = System.nanoTime() + duration.toNanos();
            double seconds = Writers.run(threads, "append-baseline",
                    () -> append(url, end, payload, metaData, appended, commits),
                    e -> new SQLException("append baseline failed", e));
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("threads", threads);
            result.put("events", appended.get());
            result.put("seconds", Latencies.round(seconds));
            result.put("perSecond", Latencies.round(appended.get() / seconds));
            result.put("commitP50Ms", Latencies.ms(commits, 50));
            result.put("commitP99Ms", Latencies.ms(commits, 99));
            result.put("payloadBytes", payloadBytes);
            result.put("metadataBytes", metadataBytes);
            return result;
        } finally {
            try (Connection c = DriverManager.getConnection(url, "sa", "");
                 Statement s = c.createStatement()) {
                s.execute("SHUTDOWN");
            } catch (SQLException ignored) {
                // already closed
            }
            deleteRecursively(dir);
        }
    }

    private static void append(String url, long end, byte[] payload, byte[] metaData, AtomicLong appended,
                               ConcurrentHistogram commits) throws SQLException {
        try (Connection c = DriverManager.getConnection(url, "sa", "");
             PreparedStatement insert = c.prepareStatement("INSERT INTO DomainEventEntry (eventIdentifier, metaData,"
                     + " payload, payloadRevision, payloadType, timeStamp, aggregateIdentifier, sequenceNumber, type)"
                     + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            c.setAutoCommit(true); // one transaction per event
            String aggregate = UUID.randomUUID().toString();
            long sequence = 0;
            while (System.nanoTime() < end) {
                if (sequence == 7) { // a case's life is seven events in the load
                    aggregate = UUID.randomUUID().toString();
                    sequence = 0;
                }
                insert.setString(1, UUID.randomUUID().toString());
                insert.setBytes(2, metaData);
                insert.setBytes(3, payload);
                insert.setString(4, "1");
                insert.setString(5, "org.weimin.events.cases.CaseReceived");
                insert.setString(6, Instant.now().toString());
                insert.setString(7, aggregate);
                insert.setLong(8, sequence++);
                insert.setString(9, "Case");
                long t0 = System.nanoTime();
                insert.executeUpdate();
                commits.recordValue(Math.max(1, (System.nanoTime() - t0) / 1000));
                appended.incrementAndGet();
            }
        }
    }

    /** The {@code CREATE TABLE ... DomainEventEntry} statement of {@code db/schema-h2.sql}. */
    static String domainEventEntryDdl() throws IOException {
        try (InputStream in = AppendBaseline.class.getResourceAsStream("/db/schema-h2.sql")) {
            if (in == null) {
                throw new IOException("db/schema-h2.sql is not on the class path");
            }
            String script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            int from = script.indexOf("CREATE TABLE IF NOT EXISTS DomainEventEntry");
            int to = script.indexOf(");", from);
            if (from < 0 || to < 0) {
                throw new IOException("no DomainEventEntry table in db/schema-h2.sql");
            }
            return script.substring(from, to + 1);
        }
    }

    /** {@code size} bytes of JSON-like ASCII text starting with {@code prefix}. */
    static byte[] filler(int size, String prefix) {
        byte[] bytes = new byte[size];
        Arrays.fill(bytes, (byte) 'x');
        byte[] p = prefix.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(p, 0, bytes, 0, Math.min(p.length, size));
        java.util.concurrent.ThreadLocalRandom random = java.util.concurrent.ThreadLocalRandom.current();
        for (int i = p.length; i < size; i++) {
            bytes[i] = (byte) ('a' + random.nextInt(26)); // not trivially compressible
        }
        return bytes;
    }

    static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
