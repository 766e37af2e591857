package org.weimin.events.privacy;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks personal data inside free text before it leaves the record for an index or an export (rules.md "Personal
 * data": phone and ID patterns, and the applicant's own name, are masked in free text before indexing). The events
 * keep the text as given; only the copy is rewritten.
 *
 * <p>Patterns are found on a width-normalised copy (full-width digits and letters count: １３９… is a phone number) and
 * replaced in the original at the same positions, so the rest of the text keeps its characters:
 * <ul>
 *   <li>an 18-character resident ID (17 digits + digit or X) or a 15-digit old one, also split by separators
 *       (110105 19491231 0006, 110105-1949-1231-0006) → {@link Masking#idNumber};</li>
 *   <li>a mobile number {@code 1[3-9]} + 9 digits, with or without +86 / 86, split by up to three separators
 *       (spaces, dots, hyphens, slashes, brackets, zero-width characters) between digits: 139 1234 5678,
 *       139.1234.5678, (139)1234-5678, +8613912345678 → 139****5678;</li>
 *   <li>a landline with area code ({@code 0} + 2–3 digits, in brackets or not, then 7–8 digits) → 021-****5678;</li>
 *   <li>each given name (2 or more code points after stripping), also with spaces, dots or zero-width characters
 *       slipped between its characters (王 小 明) → {@link Masking#name} (张三 → 张**).</li>
 * </ul>
 * Digit runs are only matched whole (a number inside a longer run of digits is not a phone number, which keeps order
 * numbers and amounts intact). Never throws; null gives null.
 */
public final class FreeTextMasking {
    /** Separators people put inside numbers: spaces, dots, hyphens, slashes, brackets, zero-width characters. */
    private static final String SEP = "[ .\\-/()\\u200B-\\u200D\\u2060]{0,3}";
    private static final Pattern ID_NUMBER = Pattern.compile("(?<![0-9])(\\d{6}" + SEP + "\\d{4}" + SEP + "\\d{4}"
            + SEP + "\\d{3}[\\dXx]|\\d{6}" + SEP + "\\d{6}" + SEP + "\\d{3})(?![0-9])");
    private static final Pattern MOBILE = Pattern.compile("(?<![0-9])(?:\\+?86" + SEP + ")?\\(?1[3-9]\\d\\)?"
            + SEP + "\\d" + SEP + "\\d" + SEP + "\\d" + SEP + "\\d" + SEP + "\\d" + SEP + "\\d" + SEP + "\\d"
            + SEP + "\\d(?![0-9])");
    private static final Pattern LANDLINE = Pattern.compile("(?<![0-9])(?:\\+?86" + SEP + ")?\\(?0\\d{2,3}\\)?"
            + SEP + "[1-9]\\d{2,3}" + SEP + "\\d{4}(?![0-9])");
    /** Characters that may be slipped between the characters of a name. */
    private static final String NAME_GAP = "[\\s\\u3000\\u00A0\\u00B7\\u200B-\\u200D\\u2060\\uFEFF*]*";

    private FreeTextMasking() {
    }

    /**
     * @param text  free text (subject, description, notice or result text); null gives null
     * @param names names to mask wherever they occur (the applicant's own name); null and blank entries and names of
     *              fewer than two code points (which would mask ordinary characters everywhere) are ignored
     * @return the text with every match masked
     */
    public static String mask(String text, List<String> names) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String normal = widthNormalised(text);
        List<int[]> ranges = new ArrayList<>();
        find(ID_NUMBER, normal, ranges, 0);
        find(MOBILE, normal, ranges, 1);
        find(LANDLINE, normal, ranges, 2);
        if (names != null) {
            for (String name : names) {
                if (name == null) {
                    continue;
                }
                String n = widthNormalised(name.strip());
                if (n.codePointCount(0, n.length()) < 2) {
                    continue;
                }
                StringBuilder regex = new StringBuilder();
                n.codePoints().filter(cp -> !Character.isWhitespace(cp) && cp != 0x3000).forEach(cp -> {
                    if (!regex.isEmpty()) {
                        regex.append(NAME_GAP);
                    }
                    regex.append(Pattern.quote(new String(Character.toChars(cp))));
                });
                find(Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE), normal,
                        ranges, 3);
            }
        }
        if (ranges.isEmpty()) {
            return text;
        }
        ranges.sort(Comparator.<int[]>comparingInt(r -> r[0]).thenComparingInt(r -> -r[1]));
        StringBuilder out = new StringBuilder(text.length());
        int done = 0;
        for (int[] r : ranges) {
            if (r[0] < done) {
                continue; // overlaps a range already masked
            }
            out.append(text, done, r[0]);
            String found = normal.substring(r[0], r[1]);
            String digits = found.replaceAll("[^0-9Xx]", "");
            out.append(switch (r[2]) {
                case 0 -> Masking.idNumber(digits);
                case 1 -> Masking.phone(digits.length() > 11 ? digits.substring(digits.length() - 11) : digits);
                case 2 -> landline(digits);
                default -> Masking.name(text.substring(r[0], r[1]));
            });
            done = r[1];
        }
        out.append(text, done, text.length());
        return out.toString();
    }

    /** 0AAA…: area code (3 digits for 01x/02x, else 4) kept, the rest masked like a phone. */
    private static String landline(String digits) {
        String local = digits.startsWith("86") && digits.length() > 11 ? digits.substring(2) : digits;
        int area = local.length() > 1 && (local.charAt(1) == '1' || local.charAt(1) == '2') ? 3 : 4;
        return local.length() > area ? Masking.phone(local.substring(0, area) + "-" + local.substring(area))
                : Masking.phone(local);
    }

    private static void find(Pattern pattern, String text, List<int[]> ranges, int kind) {
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            ranges.add(new int[] {m.start(), m.end(), kind});
        }
    }

    /**
     * Full-width ASCII (U+FF01–U+FF5E) to ASCII and the ideographic space to a space, one char for one char, so that
     * positions in the copy are positions in the original.
     */
    public static String widthNormalised(String text) {
        char[] chars = text.toCharArray();
        for (int i = 0; i < chars.length; i++) {
            char c = chars[i];
            if (c >= '\uFF01' && c <= '\uFF5E') {
                chars[i] = (char) (c - 0xFEE0);
            } else if (c == '\u3000') {
                chars[i] = ' ';
            }
        }
        return new String(chars);
    }
}
