package org.weimin.events.cases;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.text.Normalizer;
import java.util.Map;
import org.weimin.events.DomainException;
import org.weimin.events.ErrorCode;

/**
 * The public tracking number of a case (受理编号), rules.md "Identifiers" → "Tracking number".
 *
 * <p>Shape: {@code WM-XXXXX-XXXXX-C}. The ten payload symbols carry 50 random bits (supplied by the caller from
 * {@code SecureRandom}, see {@link #fromRandomBits(long)}) in Crockford base32, most significant symbol first, over
 * the alphabet {@code 0123456789ABCDEFGHJKMNPQRSTVWXYZ} (no I, L, O, U). {@code C} is a check character over the same
 * alphabet, computed with Luhn mod N (N = 32) over the ten payload symbols, so a typo is caught before any lookup.
 *
 * <p>The check character catches every single-symbol substitution. It catches every adjacent transposition except
 * {@code 0Z} ↔ {@code Z0}: this is the inherent blind spot of Luhn mod N (the analogue of {@code 09} ↔ {@code 90} in
 * decimal Luhn) and is pinned down by a test. Uniqueness is not this type's business (a unique index does it).
 *
 * <p>The canonical constructor is strict (canonical form only, {@link IllegalArgumentException} otherwise) and is what
 * JSON uses ({@link #of(String)}); {@link #parse(String)} is the lenient, user-facing parser that throws
 * {@link DomainException} with {@link ErrorCode#INVALID_TRACKING_NUMBER}. {@link #toString()} is the canonical value.
 *
 * @param value the canonical form, e.g. {@code WM-00000-00001-Y}
 */
public record TrackingNumber(String value) {

    private static final String ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    private static final int N = 32;
    private static final int PAYLOAD_SYMBOLS = 10;
    private static final String PREFIX = "WM";
    private static final long PAYLOAD_MASK = (1L << 50) - 1;
    /** Canonical form: "WM-" + 5 + "-" + 5 + "-" + 1. */
    private static final int CANONICAL_LENGTH = 16;
    private static final String FIELD = "trackingNumber";

    /**
     * @throws IllegalArgumentException when {@code value} is null, not exactly in the canonical form
     *                                  {@code WM-XXXXX-XXXXX-C}, or its check character is wrong
     */
    public TrackingNumber {
        if (value == null) {
            throw new IllegalArgumentException("tracking number must not be null");
        }
        if (!isCanonical(value)) {
            throw new IllegalArgumentException(
                    "tracking number is not in the canonical form WM-XXXXX-XXXXX-C with a correct check character: "
                            + value);
        }
    }

    /**
     * A new tracking number from the low 50 bits of {@code bits}; the higher bits are ignored. The caller supplies the
     * bits from {@code SecureRandom} (rules.md: at least 50 random bits).
     */
    public static TrackingNumber fromRandomBits(long bits) {
        long payload = bits & PAYLOAD_MASK;
        char[] symbols = new char[PAYLOAD_SYMBOLS];
        for (int i = PAYLOAD_SYMBOLS - 1; i >= 0; i--) {
            symbols[i] = ALPHABET.charAt((int) (payload & 31));
            payload >>>= 5;
        }
        String p = new String(symbols);
        return new TrackingNumber(format(p, checkCharacter(p)));
    }

    /**
     * The user-facing parser: accepts what people type or read out. Normalisation, in order: Unicode NFKC (full-width →
     * ASCII); hyphen and dash look-alikes (－ — – ‐ ‑ ー − and all other dash punctuation) → {@code -}; white space and
     * invisible format characters removed; upper case; hyphens removed; an optional {@code WM} prefix removed (unless
     * exactly 11 symbols remain without removing it); the
     * Crockford aliases I, L → 1 and O → 0 applied. What remains must be exactly 11 symbols of the alphabet (10 payload +
     * check) with a correct check character.
     *
     * @param input anything, including null
     * @return the tracking number in canonical form
     * @throws DomainException with {@link ErrorCode#INVALID_TRACKING_NUMBER} and field {@code trackingNumber} → reason,
     *                         for null, blank or malformed input or a wrong check character; never anything else
     */
    public static TrackingNumber parse(String input) {
        if (input == null || input.isBlank()) {
            throw invalid("A tracking number is required (it is printed on the receipt, e.g. WM-XXXXX-XXXXX-C).",
                    "required");
        }
        String s = normalise(input);
        // Exactly 11 symbols starting "WM" is a prefixless number whose payload happens to start with W, M.
        if (s.startsWith(PREFIX) && s.length() != PAYLOAD_SYMBOLS + 1) {
            s = s.substring(PREFIX.length());
        }
        s = applyAliases(s);
        if (s.length() != PAYLOAD_SYMBOLS + 1) {
            throw invalid("A tracking number has 11 characters after the WM prefix (WM-XXXXX-XXXXX-C); "
                            + "please check the number on the receipt.",
                    "expected 11 characters after the WM prefix, got " + s.length());
        }
        for (int i = 0; i < s.length(); i++) {
            if (ALPHABET.indexOf(s.charAt(i)) < 0) {
                throw invalid("A tracking number contains only digits and the letters A–Z without U "
                                + "(character " + (i + 1) + " is not allowed); please check the number on the receipt.",
                        "character " + (i + 1) + " is not a digit or a letter A–Z other than U");
            }
        }
        String payload = s.substring(0, PAYLOAD_SYMBOLS);
        char check = s.charAt(PAYLOAD_SYMBOLS);
        if (checkCharacter(payload) != check) {
            throw invalid("The tracking number's check character does not match; a character was probably "
                            + "mistyped. Please check the number on the receipt.",
                    "check character does not match");
        }
        return new TrackingNumber(format(payload, check));
    }

    /**
     * The JSON creator: strict, like the canonical constructor.
     *
     * @throws IllegalArgumentException when {@code value} is not in canonical form
     */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static TrackingNumber of(String value) {
        return new TrackingNumber(value);
    }

    /** The canonical form {@code WM-XXXXX-XXXXX-C}; also the JSON representation. */
    @JsonValue
    @Override
    public String value() {
        return value;
    }

    /** The canonical form {@code WM-XXXXX-XXXXX-C}. */
    @Override
    public String toString() {
        return value;
    }

    // ---------------------------------------------------------------------------------------------------------------

    private static boolean isCanonical(String v) {
        if (v.length() != CANONICAL_LENGTH || !v.startsWith(PREFIX + "-") || v.charAt(8) != '-' || v.charAt(14) != '-') {
            return false;
        }
        String payload = v.substring(3, 8) + v.substring(9, 14);
        for (int i = 0; i < payload.length(); i++) {
            if (ALPHABET.indexOf(payload.charAt(i)) < 0) {
                return false;
            }
        }
        char check = v.charAt(15);
        return ALPHABET.indexOf(check) >= 0 && checkCharacter(payload) == check;
    }

    /** Luhn mod N over {@link #ALPHABET}: factor 2 on the rightmost payload symbol, alternating leftwards. */
    private static char checkCharacter(String payload) {
        int factor = 2;
        int sum = 0;
        for (int i = payload.length() - 1; i >= 0; i--) {
            int addend = factor * ALPHABET.indexOf(payload.charAt(i));
            factor = factor == 2 ? 1 : 2;
            sum += addend / N + addend % N;
        }
        return ALPHABET.charAt((N - sum % N) % N);
    }

    private static String format(String payload, char check) {
        return PREFIX + "-" + payload.substring(0, 5) + "-" + payload.substring(5) + "-" + check;
    }

    /** NFKC, dashes → '-', drop white space and format characters, upper case, drop hyphens. */
    private static String normalise(String input) {
        String nfkc = Normalizer.normalize(input, Normalizer.Form.NFKC);
        StringBuilder out = new StringBuilder(nfkc.length());
        nfkc.codePoints().forEach(cp -> {
            if (isDash(cp) || Character.isWhitespace(cp) || Character.isSpaceChar(cp)
                    || Character.getType(cp) == Character.FORMAT) {
                return;
            }
            out.appendCodePoint(cp);
        });
        return out.toString().toUpperCase(java.util.Locale.ROOT);
    }

    private static boolean isDash(int cp) {
        return cp == '-' || Character.getType(cp) == Character.DASH_PUNCTUATION
                || cp == 0x30FC /* ー */ || cp == 0xFF70 /* ｰ */ || cp == 0x2212 /* − */ || cp == 0x2043 /* ⁃ */
                || cp == 0x02D7 /* ˗ */ || cp == 0x2796 /* ➖ */;
    }

    private static String applyAliases(String s) {
        return s.replace('I', '1').replace('L', '1').replace('O', '0');
    }

    private static DomainException invalid(String message, String reason) {
        return new DomainException(ErrorCode.INVALID_TRACKING_NUMBER, message, Map.of(FIELD, reason));
    }
}
