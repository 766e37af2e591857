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
    /** Purpose of hashing normalised applicant names ({@link #normaliseName}) for exact-name search. */
    String APPLICANT_NAME = "applicant-name";

    /**
     * The form of a name that is hashed for exact-name search: width-normalised, white space (also the ideographic
     * space) and the middle dots of transliterated names (· ・ •) removed, Latin letters lower-cased: "张 三" and
     * "张三" hash alike, as do "Li·Ming" and "li ming". Null gives "".
     */
    static String normaliseName(String name) {
        if (name == null) {
            return "";
        }
        return FreeTextMasking.widthNormalised(name).replaceAll("[\\s\u00B7\u30FB\u2022]", "")
                .toLowerCase(java.util.Locale.ROOT);
    }

    /**
     * @param purpose one of the purpose constants
     * @param value   what to hash (UTF-8)
     * @return lower-case hex of the 256-bit hash
     */
    String hash(String purpose, String value);

    /** Constant-time comparison of {@code hash(purpose, value)} with an expected hex hash. */
    boolean matches(String purpose, String value, String expectedHash);
}
