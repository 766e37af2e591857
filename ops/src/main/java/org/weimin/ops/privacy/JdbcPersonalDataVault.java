package org.weimin.ops.privacy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.weimin.events.DomainException;
import org.weimin.events.ErrorCode;
import org.weimin.events.privacy.ApplicantKeyId;
import org.weimin.events.privacy.IdDocument;
import org.weimin.events.privacy.KeyedHasher;
import org.weimin.events.privacy.PersonalDataVault;
import org.weimin.events.privacy.Sealed;

/**
 * Applicant data keys in table {@code applicant_data_key} (outside the event store's tables), each a random AES-256
 * key wrapped with AES-GCM under a key-encryption key derived from the {@link MasterKey}. A new key is committed in
 * its own transaction before {@link #seal} returns, so no event can reference a key that is not durable.
 *
 * <p>Sealed format (base64): {@code version(1)=1 || nonce(12) || AES-256-GCM ciphertext+tag(16)}, with the key id as
 * associated data, so a ciphertext cannot be moved to another applicant's key unnoticed. Unwrapped keys are cached in
 * memory (bounded).
 *
 * <p>{@link #erase} (crypto-shredding, issue 7) overwrites the wrapped key with NULL and sets {@code erased_at} in the
 * caller's transaction; the cached key is dropped at once and marked erased when that transaction commits (a reader
 * that loaded the old row meanwhile cannot keep it). The cache is per process: with several nodes, the others would
 * keep an unwrapped key until restart (this service runs one node; see the README).
 *
 * <p>KEK rotation (issue 7, README "Key management"): generation 1 of the KEK is
 * {@code derive("kek:applicant-data-keys")}, generation N &gt; 1 is {@code derive("kek:applicant-data-keys:g<N>")}. Each row records the generation it is wrapped
 * under, so {@link #rotateKek} re-wraps live keys in batches, one transaction each, and a rotation stopped anywhere
 * leaves every row readable; running it again finishes the unfinished generation before starting another. The data
 * keys themselves do not change, so sealed data in events is not touched. Erased keys stay erased (nothing to wrap).
 */
public class JdbcPersonalDataVault implements PersonalDataVault {
    private static final byte FORMAT = 1;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final int CACHE_LIMIT = 10_000;
    /** Separates an ID-document key's hash from its generation (2, 3, ...) after an erasure. */
    private static final String GENERATION = ".";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate ownTransaction;
    private final KeyedHasher hasher;
    private final MasterKey master;
    private final Map<Integer, SecretKey> keyEncryptionKeys = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();
    private final Clock clock;
    private final Map<String, Optional<SecretKey>> cache = new ConcurrentHashMap<>();

    public JdbcPersonalDataVault(JdbcTemplate jdbc, PlatformTransactionManager transactions, MasterKey master,
                                 KeyedHasher hasher, Clock clock) {
        this.jdbc = jdbc;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.hasher = hasher;
        this.master = master;
        this.clock = clock;
    }

    @Override
    public Sealed seal(ApplicantKeyId key, String plaintext) {
        SecretKey dataKey = dataKey(key, true).orElseThrow(() -> new DomainException(ErrorCode.APPLICANT_DATA_ERASED,
                "This applicant's personal data was erased; nothing can be added under their data key."));
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        byte[] ciphertext = gcm(Cipher.ENCRYPT_MODE, dataKey, nonce, key.value(),
                plaintext.getBytes(StandardCharsets.UTF_8));
        ByteBuffer out = ByteBuffer.allocate(1 + NONCE_BYTES + ciphertext.length);
        out.put(FORMAT).put(nonce).put(ciphertext);
        return new Sealed(key, Base64.getEncoder().encodeToString(out.array()));
    }

    @Override
    public Optional<String> open(Sealed sealed) {
        Optional<SecretKey> dataKey = dataKey(sealed.key(), false);
        if (dataKey.isEmpty()) {
            return Optional.empty();
        }
        byte[] bytes = Base64.getDecoder().decode(sealed.data());
        if (bytes.length < 1 + NONCE_BYTES + TAG_BITS / 8 || bytes[0] != FORMAT) {
            throw new IllegalStateException("sealed data of " + sealed.key() + " has an unknown format");
        }
        byte[] nonce = java.util.Arrays.copyOfRange(bytes, 1, 1 + NONCE_BYTES);
        byte[] ciphertext = java.util.Arrays.copyOfRange(bytes, 1 + NONCE_BYTES, bytes.length);
        return Optional.of(new String(gcm(Cipher.DECRYPT_MODE, dataKey.get(), nonce, sealed.key().value(), ciphertext),
                StandardCharsets.UTF_8));
    }

    /** The first generation of the document's key that is live or not created yet (erased ones are skipped). */
    @Override
    public ApplicantKeyId keyForIdDocument(IdDocument document) {
        String base = "idh:" + hasher.hash(KeyedHasher.ID_DOCUMENT, document.type().name() + ":" + document.number());
        for (int generation = 1; ; generation++) {
            ApplicantKeyId key = ApplicantKeyId.of(generation == 1 ? base : base + GENERATION + generation);
            Optional<SecretKey> cached = cache.get(key.value());
            if (cached != null && cached.isPresent()) {
                return key;
            }
            Optional<SecretKey> stored = load(key);
            if (stored == null || stored.isPresent()) {
                return key;
            }
        }
    }

    @Override
    public List<ApplicantKeyId> keysOfApplicant(ApplicantKeyId key) {
        if (!key.value().startsWith("idh:")) {
            return List.of(key);
        }
        int dot = key.value().indexOf(GENERATION);
        String base = dot < 0 ? key.value() : key.value().substring(0, dot);
        List<String> ids = jdbc.queryForList("SELECT key_id FROM applicant_data_key WHERE key_id = ? OR key_id LIKE ?",
                String.class, base, base + GENERATION + "%");
        java.util.TreeMap<Integer, ApplicantKeyId> ordered = new java.util.TreeMap<>();
        for (String id : ids) {
            int at = id.indexOf(GENERATION);
            ordered.put(at < 0 ? 1 : Integer.parseInt(id.substring(at + 1)), ApplicantKeyId.of(id));
        }
        if (!ordered.containsValue(key)) {
            ordered.put(Integer.MAX_VALUE, key);
        }
        return List.copyOf(ordered.values());
    }

    @Override
    public boolean erase(ApplicantKeyId key) {
        Timestamp now = Timestamp.from(clock.instant());
        int destroyed = jdbc.update("UPDATE applicant_data_key SET wrapped_key = NULL, erased_at = ? "
                + "WHERE key_id = ? AND erased_at IS NULL", now, key.value());
        if (destroyed == 0 && jdbc.queryForObject("SELECT COUNT(*) FROM applicant_data_key WHERE key_id = ?",
                Integer.class, key.value()) == 0) {
            // Never created: a tombstone, so that the key can never be created (and data sealed) later.
            jdbc.update("INSERT INTO applicant_data_key (key_id, wrapped_key, created_at, erased_at) "
                    + "VALUES (?, NULL, ?, ?)", key.value(), now, now);
            destroyed = 1;
        }
        cache.remove(key.value());
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    if (status == STATUS_COMMITTED) {
                        cache.put(key.value(), Optional.empty());
                    } else {
                        cache.remove(key.value());
                    }
                }
            });
        } else {
            cache.put(key.value(), Optional.empty());
        }
        return destroyed > 0;
    }

    /** Where a KEK rotation stands: the generation new keys are wrapped under and how many rows it has re-wrapped. */
    public record KekRotation(int generation, int rewrapped, boolean complete) {
    }

    /** The KEK as administrators see it: its generation and the number of data keys, never a key. */
    public record KekStatus(int generation, boolean rotationComplete, long liveKeys, long erasedKeys,
                            long liveKeysUnderOlderGenerations) {
    }

    /** Runs a KEK rotation to completion (or completes the one a crash left half-done) in batches of 500 keys. */
    public KekRotation rotateKek() {
        return rotateKek(500, Integer.MAX_VALUE);
    }

    /**
     * Starts a new KEK generation, or resumes the newest one when it is not complete, and re-wraps at most
     * {@code maxBatches} batches of {@code batchSize} live keys, each batch in its own transaction.
     *
     * @return the generation and the number re-wrapped now; {@code complete} once no live key is under an older one
     */
    KekRotation rotateKek(int batchSize, int maxBatches) {
        int target = ownTransaction.execute(status -> {
            List<Map<String, Object>> newest = jdbc.queryForList("SELECT generation, completed_at "
                    + "FROM applicant_kek_generation ORDER BY generation DESC LIMIT 1");
            if (!newest.isEmpty() && newest.get(0).get("COMPLETED_AT") == null) {
                return ((Number) newest.get(0).get("GENERATION")).intValue();
            }
            int next = newest.isEmpty() ? 2 : ((Number) newest.get(0).get("GENERATION")).intValue() + 1;
            jdbc.update("INSERT INTO applicant_kek_generation (generation, started_at) VALUES (?, ?)",
                    next, Timestamp.from(clock.instant()));
            return next;
        });
        int rewrapped = 0;
        for (int batch = 0; batch < maxBatches; batch++) {
            Integer done = ownTransaction.execute(status -> rewrapBatch(target, batchSize));
            if (done == 0) {
                ownTransaction.executeWithoutResult(status -> jdbc.update("UPDATE applicant_kek_generation "
                        + "SET completed_at = ? WHERE generation = ?", Timestamp.from(clock.instant()), target));
                return new KekRotation(target, rewrapped, true);
            }
            rewrapped += done;
        }
        return new KekRotation(target, rewrapped, false);
    }

    private int rewrapBatch(int target, int batchSize) {
        List<Object[]> rows = jdbc.query("SELECT key_id, wrapped_key, kek_generation FROM applicant_data_key "
                        + "WHERE erased_at IS NULL AND wrapped_key IS NOT NULL AND kek_generation < ? "
                        + "ORDER BY key_id LIMIT ? FOR UPDATE",
                (rs, n) -> new Object[] {rs.getString(1), rs.getBytes(2), rs.getInt(3)}, target, batchSize);
        for (Object[] row : rows) {
            ApplicantKeyId key = ApplicantKeyId.of((String) row[0]);
            SecretKey dataKey = unwrap(key, (byte[]) row[1], (Integer) row[2]);
            jdbc.update("UPDATE applicant_data_key SET wrapped_key = ?, kek_generation = ? "
                            + "WHERE key_id = ? AND kek_generation = ? AND erased_at IS NULL",
                    wrap(key, dataKey.getEncoded(), target), target, key.value(), row[2]);
        }
        return rows.size();
    }

    /** The current KEK generation and key counts. */
    public KekStatus kekStatus() {
        List<Map<String, Object>> newest = jdbc.queryForList("SELECT generation, completed_at "
                + "FROM applicant_kek_generation ORDER BY generation DESC LIMIT 1");
        int generation = newest.isEmpty() ? 1 : ((Number) newest.get(0).get("GENERATION")).intValue();
        Map<String, Object> counts = jdbc.queryForMap("SELECT "
                + "COUNT(CASE WHEN erased_at IS NULL THEN 1 END) AS live, "
                + "COUNT(CASE WHEN erased_at IS NOT NULL THEN 1 END) AS erased, "
                + "COUNT(CASE WHEN erased_at IS NULL AND kek_generation < ? THEN 1 END) AS older "
                + "FROM applicant_data_key", generation);
        return new KekStatus(generation, newest.isEmpty() || newest.get(0).get("COMPLETED_AT") != null,
                ((Number) counts.get("LIVE")).longValue(), ((Number) counts.get("ERASED")).longValue(),
                ((Number) counts.get("OLDER")).longValue());
    }

    private int currentGeneration() {
        Integer newest = jdbc.queryForObject("SELECT MAX(generation) FROM applicant_kek_generation", Integer.class);
        return newest == null ? 1 : newest;
    }

    private SecretKey kek(int generation) {
        return keyEncryptionKeys.computeIfAbsent(generation, g -> new SecretKeySpec(master.derive(
                g == 1 ? "kek:applicant-data-keys" : "kek:applicant-data-keys:g" + g), "AES"));
    }

    private byte[] wrap(ApplicantKeyId key, byte[] raw, int generation) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        return ByteBuffer.allocate(NONCE_BYTES + 32 + TAG_BITS / 8)
                .put(nonce).put(gcm(Cipher.ENCRYPT_MODE, kek(generation), nonce, key.value(), raw)).array();
    }

    /**
     * The unwrapped data key; empty when erased (or absent and {@code create} is false: then there is nothing to
     * open, which only happens for erased keys whose row is gone).
     */
    private Optional<SecretKey> dataKey(ApplicantKeyId key, boolean create) {
        Optional<SecretKey> cached = cache.get(key.value());
        if (cached != null && (cached.isPresent() || !create)) {
            return cached;
        }
        Optional<SecretKey> loaded = load(key);
        if (loaded == null && create) {
            loaded = createDurably(key);
        }
        if (loaded == null) {
            return Optional.empty();
        }
        if (cache.size() >= CACHE_LIMIT) {
            cache.clear();
        }
        cache.put(key.value(), loaded);
        return loaded;
    }

    /** @return null when there is no row; empty when the key was erased */
    private Optional<SecretKey> load(ApplicantKeyId key) {
        List<Optional<SecretKey>> rows = jdbc.query(
                "SELECT wrapped_key, erased_at, kek_generation FROM applicant_data_key WHERE key_id = ?",
                (rs, n) -> rs.getTimestamp(2) != null || rs.getBytes(1) == null
                        ? Optional.<SecretKey>empty()
                        : Optional.of(unwrap(key, rs.getBytes(1), rs.getInt(3))),
                key.value());
        return rows.isEmpty() ? null : rows.get(0);
    }

    private Optional<SecretKey> createDurably(ApplicantKeyId key) {
        byte[] raw = new byte[32];
        random.nextBytes(raw);
        try {
            ownTransaction.executeWithoutResult(status -> {
                int generation = currentGeneration();
                jdbc.update("INSERT INTO applicant_data_key (key_id, wrapped_key, created_at, kek_generation) "
                        + "VALUES (?, ?, ?, ?)", key.value(), wrap(key, raw, generation),
                        Timestamp.from(clock.instant()), generation);
            });
            return Optional.of(new SecretKeySpec(raw, "AES"));
        } catch (DuplicateKeyException raced) {
            Optional<SecretKey> existing = load(key);
            if (existing == null) {
                throw new IllegalStateException("data key " + key + " vanished while being created", raced);
            }
            return existing;
        }
    }

    private SecretKey unwrap(ApplicantKeyId key, byte[] wrapped, int generation) {
        byte[] nonce = java.util.Arrays.copyOfRange(wrapped, 0, NONCE_BYTES);
        byte[] body = java.util.Arrays.copyOfRange(wrapped, NONCE_BYTES, wrapped.length);
        return new SecretKeySpec(gcm(Cipher.DECRYPT_MODE, kek(generation), nonce, key.value(), body), "AES");
    }

    private static byte[] gcm(int mode, SecretKey key, byte[] nonce, String associated, byte[] input) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(associated.getBytes(StandardCharsets.UTF_8));
            return cipher.doFinal(input);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("authenticated encryption failed (wrong master key or tampered data)", e);
        }
    }
}
