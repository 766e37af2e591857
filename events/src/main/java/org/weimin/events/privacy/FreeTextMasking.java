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
 *   <li>an 18-character resident ID (17 digits + digit or X) or a 15-digit old one → {@link Masking#idNumber};</li>
 *   <li>a mobile number {@code 1[3-9]} + 9 digits, optionally split by spaces or hyphens (139 1234 5678) → 139****5678;</li>
 *   <li>a landline with area code ({@code 0} + 2–3 digits, optional hyphen or space, 7–8 digits) → 021-****5678;</li>
 *   <li>each given name (2 or more code points after stripping) → {@link Masking#name} (张三 → 张**).</li>
 * </ul>
 * Digit runs are only matched whole (a number inside a longer run of digits is not a phone number, which keeps order
 * numbers and amounts intact). Never throws; null gives null.
 */
public final class FreeTextMasking {
    private static final Pattern ID_NUMBER = Pattern.compile("(?<![0-9A-Za-z])(\\d{17}[\\dXx]|\\d{15})(?![0-9A-Za-z])");
    private static final Pattern MOBILE =
            Pattern.compile("(?<![0-9])1[3-9]\\d[ -]?\\d{4}[ -]?\\d{4}(?![0-9])");
    private static final Pattern LANDLINE =
            Pattern.compile("(?<![0-9])0\\d{2,3}[ -]?[1-9]\\d{6,7}(?![0-9])");

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
                for (int at = normal.indexOf(n); at >= 0; at = normal.indexOf(n, at + n.length())) {
                    ranges.add(new int[] {at, at + n.length(), 3});
                }
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
            out.append(switch (r[2]) {
                case 0 -> Masking.idNumber(found);
                case 1 -> Masking.phone(found.replaceAll("[ -]", ""));
                case 2 -> Masking.phone(found.replaceFirst("^(0\\d{2,3})[ -]?", "$1-"));
                default -> Masking.name(text.substring(r[0], r[1]));
            });
            done = r[1];
        }
        out.append(text, done, text.length());
        return out.toString();
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
