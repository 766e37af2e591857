package org.weimin.ops.privacy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.weimin.ops.store.SecretFiles;
import org.slf4j.LoggerFactory;

/**
 * The master secret (256 bits) from which every server key is derived: the key-encryption key that wraps applicant
 * data keys, the HMAC keys of {@link HmacKeyedHasher}, the token-signing key. It never enters a store.
 *
 * <p>Production supplies it as {@code weimin.security.master-key} (base64). The embedded default generates one at
 * first start into {@code <data-dir>/secrets/master.key} (owner-only permissions) and logs that production must supply
 * its own. Losing it makes all personal data unreadable.
 */
public final class MasterKey {
    private static final Logger log = LoggerFactory.getLogger(MasterKey.class);
    private final byte[] secret;
    private final String source;

    private MasterKey(byte[] secret, String source) {
        if (secret.length < 32) {
            throw new IllegalArgumentException("the master key must be at least 256 bits");
        }
        this.secret = secret.clone();
        this.source = source;
    }

    /** From configuration (base64). */
    public static MasterKey fromBase64(String base64) {
        return new MasterKey(Base64.getDecoder().decode(base64.strip()), "configured");
    }

    /** Reads the key file, or creates it with owner-only permissions when absent. */
    public static MasterKey fromFileOrGenerate(Path secretsDir) {
        Path file = secretsDir.resolve("master.key");
        try {
            if (!Files.exists(file)) {
                byte[] fresh = new byte[32];
                new SecureRandom().nextBytes(fresh);
                if (SecretFiles.writeOnce(secretsDir, "master.key", Base64.getEncoder().encode(fresh))) {
                    log.warn("Generated a master key in {}. This is for the embedded default only: production must "
                            + "supply its own as weimin.security.master-key and keep it outside the data stores.",
                            file);
                }
            }
            return new MasterKey(Base64.getDecoder().decode(Files.readString(file, StandardCharsets.US_ASCII).strip()),
                    "generated file");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the master key in " + secretsDir, e);
        }
    }

    /**
     * A 256-bit key for one purpose, derived as HMAC-SHA256(master, "weimin:" + purpose); purposes never share keys.
     */
    public byte[] derive(String purpose) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return mac.doFinal(("weimin:" + purpose).getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    /** Where the key came from: {@code configured} ({@code weimin.security.master-key}) or {@code generated file}. */
    public String source() {
        return source;
    }

    /**
     * Identifies the master key without revealing it or any key derived for use: the first 8 bytes (16 hex digits)
     * of SHA-256 over the key derived for the purpose {@code fingerprint}, which nothing else uses.
     */
    public String fingerprint() {
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(derive("fingerprint"));
            return java.util.HexFormat.of().formatHex(digest, 0, 8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }

    @Override
    public String toString() {
        return "MasterKey[****]";
    }
}
