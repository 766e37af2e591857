package org.weimin.ops.ledger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The ledger's signing keys (issue 7 key management): the current {@link LedgerSigningKey} (its private key in the
 * secrets file as before) and every public key that ever signed a checkpoint, in table {@code ledger_signing_key}, so
 * that checkpoints keep verifying after {@link #rotate}. A store from before the table has its one key registered
 * at first use (its id is the fingerprint its checkpoints already record).
 *
 * <p>Trust: the table sits in the database its writers could change; an external verifier should keep its own copies
 * of the public keys ({@code ledger-signing.pub} and, after rotations, {@code ledger-signing-<keyId>.pub} in the
 * secrets directory) and pass them to {@code verify --public-key=...}. A crash between the two file moves of a
 * rotation leaves the private and public files of different keys; the service then refuses to start with
 * "unusable" signatures reported, and the pair must be restored from {@code ledger-signing-<keyId>.pub} by hand.
 */
public class LedgerKeyRing {
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final Path privateFile;
    private final Clock clock;
    private volatile LedgerSigningKey current;
    private volatile boolean registered;

    /**
     * @param privateFile where the current private key lives ({@code null}: in memory only, for tests)
     */
    public LedgerKeyRing(DataSource dataSource, Path privateFile, LedgerSigningKey current, Clock clock) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        this.privateFile = privateFile;
        this.current = current;
        this.clock = clock;
    }

    /** A key as administrators see it: id, public key (X.509, base64), created, retired (null: current). */
    public record KeyInfo(String keyId, String publicKey, Instant createdAt, Instant retiredAt, boolean current) {
    }

    /** The key that signs new checkpoints. */
    public LedgerSigningKey current() {
        register();
        return current;
    }

    /** Every key that ever signed, oldest first. */
    public List<KeyInfo> keys() {
        register();
        return jdbc.query("SELECT key_id, public_key, created_at, retired_at FROM ledger_signing_key "
                + "ORDER BY seq", (rs, n) -> new KeyInfo(rs.getString(1), rs.getString(2),
                rs.getTimestamp(3).toInstant(), rs.getTimestamp(4) == null ? null : rs.getTimestamp(4).toInstant(),
                rs.getTimestamp(4) == null));
    }

    /** Public keys by key id, for verifying checkpoints. */
    public Map<String, PublicKey> publicKeys() {
        Map<String, PublicKey> out = new LinkedHashMap<>();
        for (KeyInfo k : keys()) {
            out.put(k.keyId(), decode(k.publicKey()));
        }
        out.putIfAbsent(current.keyId(), current.publicKey());
        return out;
    }

    /**
     * Makes a new Ed25519 key current: the old one is retired (its public key kept, also as
     * {@code ledger-signing-<keyId>.pub}), the new private key replaces the secrets file atomically.
     *
     * @return the new key
     */
    public synchronized KeyInfo rotate() {
        register();
        LedgerSigningKey previous = current;
        LedgerSigningKey next = LedgerSigningKey.ephemeral();
        Instant now = clock.instant();
        if (privateFile != null) {
            try {
                Path oldPublic = privateFile.resolveSibling("ledger-signing-" + previous.keyId() + ".pub");
                Files.copy(LedgerSigningKey.publicFileFor(privateFile), oldPublic, StandardCopyOption.REPLACE_EXISTING);
                Path publicFile = LedgerSigningKey.publicFileFor(privateFile);
                Path tmp = privateFile.resolveSibling(privateFile.getFileName() + ".rotate");
                Path publicTmp = publicFile.resolveSibling(publicFile.getFileName() + ".rotate");
                Files.deleteIfExists(tmp);
                next.writePrivateKey(tmp);
                next.writePublicKey(publicTmp);
                Files.move(tmp, privateFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                Files.move(publicTmp, publicFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                next = LedgerSigningKey.loadOrCreate(privateFile);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot rotate the ledger signing key in " + privateFile, e);
            }
        }
        LedgerSigningKey fresh = next;
        transactions.executeWithoutResult(status -> {
            jdbc.update("UPDATE ledger_signing_key SET retired_at = ? WHERE retired_at IS NULL", Timestamp.from(now));
            insert(fresh, now);
        });
        current = fresh;
        return new KeyInfo(fresh.keyId(), encode(fresh.publicKey()), now, null, true);
    }

    private void register() {
        if (registered) {
            return;
        }
        synchronized (this) {
            if (!registered) {
                transactions.executeWithoutResult(status -> {
                    if (jdbc.queryForObject("SELECT COUNT(*) FROM ledger_signing_key WHERE key_id = ?",
                            Integer.class, current.keyId()) == 0) {
                        Instant now = clock.instant();
                        jdbc.update("UPDATE ledger_signing_key SET retired_at = ? WHERE retired_at IS NULL",
                                Timestamp.from(now));
                        insert(current, now);
                    }
                });
                registered = true;
            }
        }
    }

    private void insert(LedgerSigningKey key, Instant now) {
        jdbc.update("INSERT INTO ledger_signing_key (key_id, public_key, created_at) VALUES (?, ?, ?)",
                key.keyId(), encode(key.publicKey()), Timestamp.from(now));
    }

    private static String encode(PublicKey key) {
        return Base64.getEncoder().encodeToString(key.getEncoded());
    }

    private static PublicKey decode(String base64) {
        try {
            return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(
                    Base64.getDecoder().decode(base64)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("unusable public key in ledger_signing_key", e);
        }
    }
}
