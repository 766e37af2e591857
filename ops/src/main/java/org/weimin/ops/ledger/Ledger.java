package org.weimin.ops.ledger;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Component;
import org.weimin.events.DomainException;
import org.weimin.events.ErrorCode;

/**
 * The ledger inside the service: signed checkpoints every {@code weimin.ledger.checkpoint-interval} (default
 * {@code PT5M}; skipped when no event was appended since the last one; {@code PT0S} turns the timer off) and on
 * demand, and verification of one case or of the whole store against the live database.
 */
@Component
public class Ledger implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(Ledger.class);
    private static final Duration SETTLE_PATIENCE = Duration.ofSeconds(5);

    private final DataSource dataSource;
    private final LedgerAppendGate gate;
    private final LedgerKeyRing keys;
    private final Clock clock;
    private final Duration interval;
    private ScheduledExecutorService timer;

    public Ledger(DataSource dataSource, LedgerAppendGate gate, LedgerKeyRing keys, Clock clock,
                  @Value("${weimin.ledger.checkpoint-interval:PT5M}") Duration interval) {
        this.dataSource = dataSource;
        this.gate = gate;
        this.keys = keys;
        this.clock = clock;
        this.interval = interval;
    }

    /**
     * Writes a checkpoint now (even when nothing changed since the last one).
     *
     * @throws DomainException {@code SERVICE_UNAVAILABLE} when appends did not pause within 5 s
     */
    public synchronized Checkpoint checkpoint() {
        return withConnection(c -> {
            long head;
            try {
                head = gate.settledHead(() -> {
                    try {
                        return CheckpointStore.head(c);
                    } catch (SQLException e) {
                        throw new IllegalStateException(e);
                    }
                }, SETTLE_PATIENCE);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                head = -1;
            }
            if (head < 0) {
                throw new DomainException(ErrorCode.SERVICE_UNAVAILABLE, "Appends did not pause for the checkpoint.");
            }
            long settled = head;
            return streaming(c, () -> CheckpointStore.write(c, keys.current(), settled, clock.instant()));
        });
    }

    /** The newest checkpoint, if any. */
    public Optional<Checkpoint> latestCheckpoint() {
        return withConnection(CheckpointStore::latest);
    }

    /** Whether the checkpoint's signature verifies with the key it records ({@link LedgerKeyRing}). */
    public boolean signatureValid(Checkpoint checkpoint) {
        java.security.PublicKey key = keys.publicKeys().get(checkpoint.keyId());
        return key != null && LedgerSigningKey.verify(key, checkpoint.signedText(), checkpoint.signature());
    }

    /** One case's chain, with the events the newest checkpoint covers. */
    public LedgerVerifier.CaseResult verifyCase(String caseId, Optional<Checkpoint> checkpoint) {
        return withConnection(c -> LedgerVerifier.verifyCase(c, caseId,
                checkpoint.map(Checkpoint::headIndex).orElse(-1L)));
    }

    /** The whole store (streams every event once). */
    public StoreVerification verifyStore(Consumer<CaseVerification> onBroken) {
        return withConnection(c -> streaming(c, () -> LedgerVerifier.verifyStore(c, keys.publicKeys()::get, onBroken)));
    }

    /**
     * Runs a whole-store scan on a pooled connection; on H2 with lazy query execution for its duration, so that the
     * result streams instead of being materialised (H2 would spool ~2 GB for 1,000,000 events).
     */
    private static <T> T streaming(Connection c, SqlSupplier<T> scan) throws SQLException {
        boolean h2 = "H2".equals(c.getMetaData().getDatabaseProductName());
        if (h2) {
            try (var s = c.createStatement()) {
                s.execute("SET LAZY_QUERY_EXECUTION TRUE");
            }
        }
        try {
            return scan.get();
        } finally {
            if (h2) {
                try (var s = c.createStatement()) {
                    s.execute("SET LAZY_QUERY_EXECUTION FALSE");
                }
            }
        }
    }

    @FunctionalInterface
    private interface SqlSupplier<T> {
        T get() throws SQLException;
    }

    void scheduledCheckpoint() {
        try {
            Optional<Checkpoint> latest = latestCheckpoint();
            long head = withConnection(CheckpointStore::head);
            if (latest.isPresent() && latest.get().headIndex() == head) {
                return;
            }
            Checkpoint written = checkpoint();
            // The digest in the log is a copy outside the database (deleting checkpoint rows widens the blind spot).
            log.info("Ledger checkpoint {} at global index {} ({} events, {} cases), digest {}", written.id(),
                    written.headIndex(), written.eventCount(), written.caseCount(), written.digest());
        } catch (RuntimeException e) {
            log.warn("Ledger checkpoint failed: {}", e.toString());
        }
    }

    private <T> T withConnection(SqlFunction<T> work) {
        Connection c = DataSourceUtils.getConnection(dataSource);
        try {
            return work.apply(c);
        } catch (SQLException e) {
            throw new DomainException(ErrorCode.SERVICE_UNAVAILABLE, "The event store cannot be read.");
        } finally {
            DataSourceUtils.releaseConnection(c, dataSource);
        }
    }

    @FunctionalInterface
    private interface SqlFunction<T> {
        T apply(Connection c) throws SQLException;
    }

    @Override
    public synchronized void start() {
        if (interval.isZero() || interval.isNegative()) {
            return;
        }
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "ledger-checkpoints");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(this::scheduledCheckpoint, interval.toMillis(), interval.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        if (timer != null) {
            timer.shutdownNow();
            timer = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return timer != null;
    }
}
