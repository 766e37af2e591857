package org.weimin.events.privacy;

/**
 * Port: a keyed one-way hash (HMAC) with a server secret kept outside the stores, so that a copy of the stores alone
 * cannot brute-force what was hashed (rules.md "Identifiers": verification codes; "Personal data": exact-name search).
 * Each purpose uses its own derived key, so hashes of one purpose are useless for another.
 */
public interface KeyedHasher {

    /** Purpose of hashing verification codes. */
    String VERIFICATION_CODE = "verification-code";
    /** Purpose of hashing normalised ID documents into applicant key ids. */
    String ID_DOCUMENT = "id-document";

    /**
     * @param purpose one of the purpose constants
     * @param value   what to hash (UTF-8)
     * @return lower-case hex of the 256-bit hash
     */
    String hash(String purpose, String value);

    /** Constant-time comparison of {@code hash(purpose, value)} with an expected hex hash. */
    boolean matches(String purpose, String value, String expectedHash);
}
