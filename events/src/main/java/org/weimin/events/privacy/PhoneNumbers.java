package org.weimin.events.privacy;

import java.text.Normalizer;
import java.util.Map;
import java.util.regex.Pattern;
import org.weimin.events.DomainException;
import org.weimin.events.ErrorCode;

/**
 * Normalises and validates an applicant's mainland-China phone number (rules.md "Personal data": phone, mobile or
 * landline; identifiers are width-normalised and validated per type).
 *
 * <p>Input is normalised with Unicode NFKC (full-width → ASCII), then white space, invisible format characters,
 * hyphens and dash look-alikes, and parentheses are removed. An international prefix {@code +86}, {@code 0086} or
 * (before an 11-digit mobile only) {@code 86} is accepted and dropped.
 * <ul>
 *   <li>Mobile: {@code 1[3-9]} and 9 more digits → returned as the 11 digits, e.g. {@code 13912345678}.</li>
 *   <li>Landline: trunk prefix 0, area code, 7–8 digit local number not starting with 0 → returned as
 *       {@code area-local}. Area codes 010 and 02x have 3 digits with the 0 ({@code 021-12345678}), all others 4
 *       ({@code 0755-12345678}). After {@code +86}/{@code 0086} the trunk 0 may be left out ({@code +86 21 12345678}).
 *       Extensions are not supported.</li>
 * </ul>
 */
public final class PhoneNumbers {

    private static final String FIELD = "phone";
    private static final Pattern MOBILE = Pattern.compile("1[3-9]\\d{9}");
    private static final Pattern LANDLINE_SHORT_AREA = Pattern.compile("0[12]\\d[1-9]\\d{6,7}");
    private static final Pattern LANDLINE_LONG_AREA = Pattern.compile("0[3-9]\\d{2}[1-9]\\d{6,7}");

    private PhoneNumbers() {
    }

    /**
     * @param raw the number as entered; may be null
     * @return a mobile as 11 digits ({@code 13912345678}) or a landline as {@code 0AA-NNNNNNNN} /
     *         {@code 0AAA-NNNNNNNN}
     * @throws DomainException {@link ErrorCode#INVALID_PERSONAL_IDENTIFIER} with field {@code phone} → reason when
     *                         the number is missing or neither a mobile nor a landline number; never anything else.
     *                         Messages never echo the number.
     */
    public static String normalise(String raw) {
        if (raw == null || raw.isBlank()) {
            throw invalid("A phone number is required.", "required");
        }
        String s = strip(raw);
        boolean international = false;
        if (s.startsWith("+86")) {
            s = s.substring(3);
            international = true;
        } else if (s.startsWith("0086")) {
            s = s.substring(4);
            international = true;
        } else if (s.length() == 13 && s.startsWith("86") && MOBILE.matcher(s.substring(2)).matches()) {
            s = s.substring(2);
        }
        if (MOBILE.matcher(s).matches()) {
            return s;
        }
        if (international && !s.startsWith("0")) {
            s = "0" + s;
        }
        if (LANDLINE_SHORT_AREA.matcher(s).matches()) {
            return s.substring(0, 3) + "-" + s.substring(3);
        }
        if (LANDLINE_LONG_AREA.matcher(s).matches()) {
            return s.substring(0, 4) + "-" + s.substring(4);
        }
        throw invalid("The phone number is neither a mobile number (11 digits starting 13–19) nor a landline "
                        + "number with area code (e.g. 021-12345678 or 0755-1234567).",
                "must be a mobile number 1[3-9] + 9 digits or a landline 0 + area code + 7–8 digits");
    }

    private static String strip(String raw) {
        String nfkc = Normalizer.normalize(raw, Normalizer.Form.NFKC);
        StringBuilder out = new StringBuilder(nfkc.length());
        nfkc.codePoints().forEach(cp -> {
            if (cp == '(' || cp == ')' || isDash(cp) || Character.isWhitespace(cp) || Character.isSpaceChar(cp)
                    || Character.getType(cp) == Character.FORMAT) {
                return;
            }
            out.appendCodePoint(cp);
        });
        return out.toString();
    }

    private static boolean isDash(int cp) {
        return cp == '-' || Character.getType(cp) == Character.DASH_PUNCTUATION
                || cp == 0x30FC /* ー */ || cp == 0xFF70 /* ｰ */ || cp == 0x2212 /* − */ || cp == 0x2043 /* ⁃ */
                || cp == 0x02D7 /* ˗ */ || cp == 0x2796 /* ➖ */;
    }

    private static DomainException invalid(String message, String reason) {
        return new DomainException(ErrorCode.INVALID_PERSONAL_IDENTIFIER, message, Map.of(FIELD, reason));
    }
}
