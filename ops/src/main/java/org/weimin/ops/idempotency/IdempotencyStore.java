package org.weimin.ops.idempotency;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The {@code idempotency_key} table (schema-h2.sql) in the event database, shared by every node on that store: one
 * row per caller and key, {@code IN_FLIGHT} while the first request runs, {@code DONE} with its reply afterwards.
 * Every method is one auto-committed statement (or a few), never part of a command's transaction: the reply is stored
 * only after the command completed, so it never claims a success whose events did not commit.
 *
 * <p>Reply bodies are encrypted with AES-256-GCM under a key derived from the master key (a receipt carries the
 * verification code, which is otherwise stored only as a keyed hash); caller and key are the associated data, so a
 * reply cannot be moved to another row. Times come from the application {@link Clock}.
 */
public class IdempotencyStore {
    private static final Logger log = LoggerFactory.getLogger(IdempotencyStore.class);
    private static final int NONCE_BYTES = 12;

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final SecretKey replyKey;
    private final Duration ttl;
    private final Duration inFlightTimeout;
    private final SecureRandom random = new SecureRandom();

    /**
     * @param replyKey        256-bit key for the reply bodies
     * @param ttl             how long a key is remembered
     * @param inFlightTimeout after this, a retry takes over a first request that never completed
     */
    public IdempotencyStore(JdbcTemplate jdbc, Clock clock, byte[] replyKey, Duration ttl, Duration inFlightTimeout) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.replyKey = new SecretKeySpec(replyKey, "AES");
        this.ttl = ttl;
        this.inFlightTimeout = inFlightTimeout;
    }

    /** What a request with a key may do: run (it now holds the key), replay a reply, or be refused. */
    public sealed interface Claim {
    }

    /** The caller may run the request; it must then {@link #complete} or {@link #release} the key. */
    public record Run(boolean takenOver) implements Claim {
    }

    /** The key's first request completed: answer with its reply. */
    public record Replay(StoredReply reply) implements Claim {
    }

    /** The key was used for a different request (another hash). */
    public record Mismatch() implements Claim {
    }

    /** The key's first request is still running; retry after {@code retryAfter}. */
    public record InFlight(Duration retryAfter) implements Claim {
    }

    private record Row(String hash, String state, OffsetDateTime leaseUntil, OffsetDateTime expiresAt, Integer status,
                       String contentType, String location, byte[] reply) {
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
    }

    /**
     * Claims {@code key} of {@code caller} for a request with {@code requestHash}: inserts an {@code IN_FLIGHT} row,
     * or judges the existing one. An expired row counts as absent; an {@code IN_FLIGHT} row past its lease (its node
     * crashed, or lost its store before storing the reply) is taken over, so the request runs again.
     */
    public Claim claim(String caller, String key, String requestHash) {
        for (int attempt = 0; attempt < 5; attempt++) {
            OffsetDateTime now = now();
            try {
                jdbc.update("INSERT INTO idempotency_key (caller, idem_key, request_hash, state, lease_until, "
                                + "created_at, expires_at) VALUES (?, ?, ?, 'IN_FLIGHT', ?, ?, ?)",
                        caller, key, requestHash, now.plus(inFlightTimeout), now, now.plus(ttl));
                return new Run(false);
            } catch (DuplicateKeyException taken) {
                Row row = find(caller, key);
                if (row == null) {
                    continue; // purged or released in between: try again
                }
                if (!row.expiresAt().isAfter(now)) {
                    jdbc.update("DELETE FROM idempotency_key WHERE caller = ? AND idem_key = ? AND expires_at = ?",
                            caller, key, row.expiresAt());
                    continue;
                }
                if (!row.hash().equals(requestHash)) {
                    return new Mismatch();
                }
                if (row.state().equals("DONE")) {
                    return new Replay(new StoredReply(row.status(), row.contentType(), row.location(),
                            decrypt(caller, key, row.reply())));
                }
                if (row.leaseUntil().isAfter(now)) {
                    Duration left = Duration.between(now, row.leaseUntil());
                    return new InFlight(left.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1)
                            : left.compareTo(Duration.ofSeconds(5)) > 0 ? Duration.ofSeconds(5) : left);
                }
                int taken2 = jdbc.update("UPDATE idempotency_key SET lease_until = ? WHERE caller = ? AND idem_key = ? "
                        + "AND state = 'IN_FLIGHT' AND lease_until = ?", now.plus(inFlightTimeout), caller, key,
                        row.leaseUntil());
                if (taken2 == 1) {
                    log.warn("An earlier request with an Idempotency-Key of caller {} did not complete within {}; "
                            + "running its retry (the command's own rules guard against doing it twice)", caller,
                            inFlightTimeout);
                    return new Run(true);
                }
            }
        }
        throw new IllegalStateException("the idempotency key stayed contended over five attempts");
    }

    private Row find(String caller, String key) {
        List<Row> rows = jdbc.query("SELECT request_hash, state, lease_until, expires_at, status, content_type, "
                        + "location, reply FROM idempotency_key WHERE caller = ? AND idem_key = ?",
                (rs, n) -> new Row(rs.getString(1), rs.getString(2), rs.getObject(3, OffsetDateTime.class),
                        rs.getObject(4, OffsetDateTime.class), (Integer) rs.getObject(5), rs.getString(6),
                        rs.getString(7), rs.getBytes(8)),
                caller, key);
        return rows.isEmpty() ? null : rows.get(0);
    }

    /** Stores the reply of a completed request; from now on retries replay it. */
    public void complete(String caller, String key, StoredReply reply) {
        jdbc.update("UPDATE idempotency_key SET state = 'DONE', lease_until = NULL, status = ?, content_type = ?, "
                        + "location = ?, reply = ? WHERE caller = ? AND idem_key = ? AND state = 'IN_FLIGHT'",
                reply.status(), reply.contentType(), reply.location(), encrypt(caller, key, reply.body()), caller, key);
    }

    /** Forgets an in-flight key whose request failed in a way worth retrying (5xx, a retryable 4xx, an exception). */
    public void release(String caller, String key) {
        jdbc.update("DELETE FROM idempotency_key WHERE caller = ? AND idem_key = ? AND state = 'IN_FLIGHT'",
                caller, key);
    }

    /** Deletes every expired key; returns how many. */
    public int purgeExpired() {
        return jdbc.update("DELETE FROM idempotency_key WHERE expires_at <= ?", now());
    }

    private byte[] associatedData(String caller, String key) {
        return (caller + "\n" + key).getBytes(StandardCharsets.UTF_8);
    }

    private byte[] encrypt(String caller, String key, byte[] body) {
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            random.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, replyKey, new GCMParameterSpec(128, nonce));
            cipher.updateAAD(associatedData(caller, key));
            byte[] sealed = cipher.doFinal(body);
            return ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot encrypt a stored reply", e);
        }
    }

    private byte[] decrypt(String caller, String key, byte[] stored) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, replyKey, new GCMParameterSpec(128, stored, 0, NONCE_BYTES));
            cipher.updateAAD(associatedData(caller, key));
            return cipher.doFinal(stored, NONCE_BYTES, stored.length - NONCE_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("a stored reply cannot be decrypted (another master key?)", e);
        }
    }
}
