package org.weimin.events.cases;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Map;
import org.weimin.events.DomainException;
import org.weimin.events.ErrorCode;

/**
 * The verification code of a case (查询码), rules.md "Identifiers" → "Verification code": a short secret printed on the
 * receipt beside the tracking number, needed for details and for evaluation.
 *
 * <p>Shape: 8 Crockford base32 symbols (40 bits) over {@code 0123456789ABCDEFGHJKMNPQRSTVWXYZ}, canonical form upper
 * case without separators, e.g. {@code 7K3M9QXA}. The bits come from {@code SecureRandom} via the caller
 * ({@link #fromRandomBits(long)}).
 *
 * <p>It is a secret: {@link #toString()} never reveals it, error messages never echo it, and it is never serialised
 * (stores keep only a keyed hash, HMAC with a server secret — computed outside this module). Compare stored codes
 * through their HMACs, not with {@link #equals(Object)}.
 *
 * @param value the canonical form: 8 symbols, upper case, no separators
 */
public record VerificationCode(String value) {

    private static final String ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    private static final int SYMBOLS = 8;
    private static final long MASK = (1L << 40) - 1;
    private static final String FIELD = "verificationCode";

    /**
     * @throws IllegalArgumentException when {@code value} is null or not exactly 8 symbols of the alphabet in upper case
     *                                  (the message does not echo the value)
     */
    public VerificationCode {
        if (value == null || value.length() != SYMBOLS || !inAlphabet(value)) {
            throw new IllegalArgumentException("verification code is not 8 Crockford base32 symbols in canonical form");
        }
    }

    /** A new code from the low 40 bits of {@code bits} (higher bits ignored), most significant symbol first. */
    public static VerificationCode fromRandomBits(long bits) {
        long payload = bits & MASK;
        char[] symbols = new char[SYMBOLS];
        for (int i = SYMBOLS - 1; i >= 0; i--) {
            symbols[i] = ALPHABET.charAt((int) (payload & 31));
            payload >>>= 5;
        }
        return new VerificationCode(new String(symbols));
    }

    /**
     * The user-facing parser. Normalisation, as for {@link TrackingNumber#parse(String)}: Unicode NFKC (full-width →
     * ASCII); hyphen and dash look-alikes, white space and invisible format characters removed; upper case; the
     * Crockford aliases I, L → 1 and O → 0. What remains must be exactly 8 symbols of the alphabet.
     *
     * @param input anything, including null
     * @throws DomainException with {@link ErrorCode#VALIDATION_FAILED} and field {@code verificationCode} → reason, for
     *                         null, blank or malformed input; never anything else. Messages never echo the input.
     */
    public static VerificationCode parse(String input) {
        if (input == null || input.isBlank()) {
            throw invalid("The verification code printed on the receipt is required.", "required");
        }
        String s = normalise(input).replace('I', '1').replace('L', '1').replace('O', '0');
        if (s.length() != SYMBOLS) {
            throw invalid("A verification code has 8 characters; please check the code on the receipt.",
                    "expected 8 characters, got " + s.length());
        }
        if (!inAlphabet(s)) {
            throw invalid("A verification code contains only digits and the letters A–Z without U; "
                    + "please check the code on the receipt.", "contains a character other than a digit or a letter "
                    + "A–Z other than U");
        }
        return new VerificationCode(s);
    }

    /** Never reveals the code. */
    @Override
    public String toString() {
        return "VerificationCode[********]";
    }

    private static boolean inAlphabet(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (ALPHABET.indexOf(s.charAt(i)) < 0) {
                return false;
            }
        }
        return true;
    }

    /** NFKC, drop dashes, white space and format characters, upper case. */
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
        return out.toString().toUpperCase(Locale.ROOT);
    }

    private static boolean isDash(int cp) {
        return cp == '-' || Character.getType(cp) == Character.DASH_PUNCTUATION
                || cp == 0x30FC /* ー */ || cp == 0xFF70 /* ｰ */ || cp == 0x2212 /* − */ || cp == 0x2043 /* ⁃ */
                || cp == 0x02D7 /* ˗ */ || cp == 0x2796 /* ➖ */;
    }

    private static DomainException invalid(String message, String reason) {
        return new DomainException(ErrorCode.VALIDATION_FAILED, message, Map.of(FIELD, reason));
    }
}
