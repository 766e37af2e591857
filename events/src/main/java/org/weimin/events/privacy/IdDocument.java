package org.weimin.events.privacy;

import java.text.Normalizer;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.weimin.events.DomainException;
import org.weimin.events.ErrorCode;

/**
 * An applicant's identity document: type and normalised number (rules.md "Personal data": identifiers are
 * width-normalised and validated per type; "Identifiers" → "Applicant": the normalised number is the applicant's key).
 *
 * <p>Obtain one from user input with {@link #parse(IdDocumentType, String)}, which normalises (Unicode NFKC, so
 * full-width → ASCII; white space removed; upper case) and validates:
 * <ul>
 *   <li>{@link IdDocumentType#RESIDENT_ID}: 18 characters, 17 digits and a check character per GB 11643-1999
 *       (weights 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2, sum mod 11 indexes {@code 10X98765432}); region code's first
 *       digit 1–9 (so the 81/82/83 prefixes of HK/Macau/Taiwan residence permits pass); birth date {@code yyyyMMdd} at
 *       characters 7–14 a real calendar date from 1900-01-01 to 2099-12-31 (a fixed bound: the clock is not read).
 *       First-generation 15-digit numbers are rejected.</li>
 *   <li>{@link IdDocumentType#PASSPORT}: 5–17 letters A–Z or digits.</li>
 *   <li>{@link IdDocumentType#HK_MACAU_PERMIT}: H or M followed by 8 or 10 digits.</li>
 *   <li>{@link IdDocumentType#TAIWAN_PERMIT}: 8 or 10 digits. Older permits print a parenthesised suffix after the
 *       10 digits, e.g. {@code 1234567890(B)}; one or two letters or digits in parentheses are accepted there and
 *       dropped, so the number (the applicant's key) stays the same across reissues.</li>
 * </ul>
 *
 * <p>The canonical constructor only checks for null and blank: it is how stored records are read back, which must
 * keep working if validation is tightened later. {@link #toString()} masks the number with
 * {@link Masking#idNumber(String)}; {@link #number()} is the unmasked value (personal data — rules.md "Masking").
 *
 * @param type   the kind of document
 * @param number the normalised number (for data from {@link #parse}: valid for its type)
 */
public record IdDocument(IdDocumentType type, String number) {

    private static final String FIELD = "idNumber";
    private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final String CHECK_CHARS = "10X98765432";
    private static final LocalDate EARLIEST_BIRTH = LocalDate.of(1900, 1, 1);
    private static final LocalDate LATEST_BIRTH = LocalDate.of(2099, 12, 31);
    private static final Pattern PASSPORT = Pattern.compile("[A-Z0-9]{5,17}");
    private static final Pattern HK_MACAU = Pattern.compile("[HM](?:\\d{8}|\\d{10})");
    private static final Pattern TAIWAN = Pattern.compile("(\\d{8})|(\\d{10})(?:\\([A-Z0-9]{1,2}\\))?");

    /**
     * @throws NullPointerException     when type or number is null
     * @throws IllegalArgumentException when number is blank
     */
    public IdDocument {
        Objects.requireNonNull(type, "id document type");
        Objects.requireNonNull(number, "id document number");
        if (number.isBlank()) {
            throw new IllegalArgumentException("id document number must not be blank");
        }
    }

    /**
     * Normalises and validates a document number typed or scanned by staff (see the class comment for the rules).
     *
     * @param type the kind of document
     * @param raw  the number as entered, possibly full-width, with spaces, lower case; may be null
     * @return the document with its normalised number
     * @throws DomainException {@link ErrorCode#INVALID_PERSONAL_IDENTIFIER} with field {@code idNumber} → reason when
     *                         the number is missing or invalid for its type; {@link ErrorCode#VALIDATION_FAILED} with
     *                         field {@code idType} when type is null. Messages never echo the number.
     */
    public static IdDocument parse(IdDocumentType type, String raw) {
        if (type == null) {
            throw new DomainException(ErrorCode.VALIDATION_FAILED, "The kind of identity document is required.",
                    Map.of("idType", "required"));
        }
        if (raw == null || raw.isBlank()) {
            throw invalid("The " + type.chineseName() + " number is required.", "required");
        }
        String s = normalise(raw);
        String number = switch (type) {
            case RESIDENT_ID -> residentId(s);
            case PASSPORT -> matching(s, PASSPORT, type, "must be 5 to 17 letters or digits");
            case HK_MACAU_PERMIT -> matching(s, HK_MACAU, type, "must be H or M followed by 8 or 10 digits");
            case TAIWAN_PERMIT -> taiwanPermit(s);
        };
        return new IdDocument(type, number);
    }

    /** Type and masked number, e.g. {@code IdDocument[type=RESIDENT_ID, number=110105********002X]}. */
    @Override
    public String toString() {
        return "IdDocument[type=" + type + ", number=" + Masking.idNumber(number) + "]";
    }

    // ---------------------------------------------------------------------------------------------------------------

    private static String normalise(String raw) {
        String nfkc = Normalizer.normalize(raw, Normalizer.Form.NFKC);
        StringBuilder out = new StringBuilder(nfkc.length());
        nfkc.codePoints().forEach(cp -> {
            if (Character.isWhitespace(cp) || Character.isSpaceChar(cp) || Character.getType(cp) == Character.FORMAT) {
                return;
            }
            out.appendCodePoint(cp);
        });
        return out.toString().toUpperCase(Locale.ROOT);
    }

    private static String residentId(String s) {
        String name = IdDocumentType.RESIDENT_ID.chineseName();
        if (s.length() != 18) {
            throw invalid("A " + name + " number has 18 characters.", "must have 18 characters, got " + s.length());
        }
        for (int i = 0; i < 17; i++) {
            if (!isAsciiDigit(s.charAt(i))) {
                throw invalid("The first 17 characters of a " + name + " number are digits.",
                        "character " + (i + 1) + " must be a digit");
            }
        }
        char last = s.charAt(17);
        if (!isAsciiDigit(last) && last != 'X') {
            throw invalid("The last character of a " + name + " number is a digit or X.",
                    "character 18 must be a digit or X");
        }
        if (s.charAt(0) == '0') {
            throw invalid("A " + name + " number starts with a region code from 1 to 9.",
                    "region code must start with a digit from 1 to 9");
        }
        if (!validBirthDate(s.substring(6, 14))) {
            throw invalid("The birth date in the " + name + " number (characters 7–14) is not a valid date.",
                    "birth date (characters 7–14) must be a real date from " + EARLIEST_BIRTH + " to " + LATEST_BIRTH);
        }
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (s.charAt(i) - '0') * WEIGHTS[i];
        }
        if (CHECK_CHARS.charAt(sum % 11) != last) {
            throw invalid("The check character of the " + name + " number does not match; "
                    + "a character was probably mistyped.", "check character does not match");
        }
        return s;
    }

    private static boolean validBirthDate(String yyyyMMdd) {
        int year = Integer.parseInt(yyyyMMdd.substring(0, 4));
        int month = Integer.parseInt(yyyyMMdd.substring(4, 6));
        int day = Integer.parseInt(yyyyMMdd.substring(6, 8));
        try {
            LocalDate date = LocalDate.of(year, month, day);
            return !date.isBefore(EARLIEST_BIRTH) && !date.isAfter(LATEST_BIRTH);
        } catch (DateTimeException e) {
            return false;
        }
    }

    private static String taiwanPermit(String s) {
        Matcher m = TAIWAN.matcher(s);
        if (!m.matches()) {
            throw invalid("A " + IdDocumentType.TAIWAN_PERMIT.chineseName() + " number has 8 or 10 digits.",
                    "must be 8 digits, or 10 digits optionally followed by one or two letters or digits in parentheses");
        }
        return m.group(1) != null ? m.group(1) : m.group(2);
    }

    private static String matching(String s, Pattern pattern, IdDocumentType type, String rule) {
        if (!pattern.matcher(s).matches()) {
            throw invalid("The " + type.chineseName() + " number " + rule + ".", rule);
        }
        return s;
    }

    private static boolean isAsciiDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static DomainException invalid(String message, String reason) {
        return new DomainException(ErrorCode.INVALID_PERSONAL_IDENTIFIER, message, Map.of(FIELD, reason));
    }
}
