package org.weimin.ops.privacy;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.weimin.events.privacy.KeyedHasher;

/** HMAC-SHA256 with a key per purpose derived from the {@link MasterKey}. Thread-safe. */
public final class HmacKeyedHasher implements KeyedHasher {
    private final MasterKey master;
    private final Map<String, SecretKeySpec> keys = new ConcurrentHashMap<>();

    public HmacKeyedHasher(MasterKey master) {
        this.master = master;
    }

    @Override
    public String hash(String purpose, String value) {
        SecretKeySpec key = keys.computeIfAbsent(purpose,
                p -> new SecretKeySpec(master.derive("hmac:" + p), "HmacSHA256"));
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return HexFormat.of().formatHex(mac.doFinal(value.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    @Override
    public boolean matches(String purpose, String value, String expectedHash) {
        if (expectedHash == null) {
            return false;
        }
        return MessageDigest.isEqual(hash(purpose, value).getBytes(StandardCharsets.US_ASCII),
                expectedHash.getBytes(StandardCharsets.US_ASCII));
    }
}
