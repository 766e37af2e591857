package org.weimin.events.privacy;

/**
 * Masks personal data for display and logs (rules.md "Personal data" → "Masking": name → 张**, phone → 139****5678,
 * resident ID → first 6 + last 4 visible). All methods work on Unicode code points, so characters outside the BMP
 * (e.g. the rare name character 𡈼) are never split. They never throw: null or blank input gives {@code ""}, and input
 * too short to mask partially is masked entirely.
 */
public final class Masking {

    private static final String STARS = "****";

    private Masking() {
    }

    /**
     * First code point + {@code **}: 张三丰 → 张**, John → J**. Leading and trailing white space is ignored.
     */
    public static String name(String name) {
        if (name == null || name.isBlank()) {
            return "";
        }
        String s = name.strip();
        return new StringBuilder().appendCodePoint(s.codePointAt(0)).append("**").toString();
    }

    /**
     * A phone number as returned by {@link PhoneNumbers#normalise(String)}: mobile 13912345678 → 139****5678; landline
     * 021-12345678 → 021-****5678 (area code and last 4 digits kept, always four asterisks so the length is not
     * revealed). Other input: with a hyphen, treated like a landline; without, first 3 + **** + last 4 when at least
     * 8 code points long, otherwise **** alone.
     */
    public static String phone(String normalised) {
        if (normalised == null || normalised.isBlank()) {
            return "";
        }
        String s = normalised.strip();
        int hyphen = s.indexOf('-');
        if (hyphen >= 0) {
            String rest = s.substring(hyphen + 1);
            return s.substring(0, hyphen) + "-" + STARS + (length(rest) > 4 ? lastCodePoints(rest, 4) : "");
        }
        if (length(s) >= 8) {
            return firstCodePoints(s, 3) + STARS + lastCodePoints(s, 4);
        }
        return STARS;
    }

    /**
     * An identity document number: longer than 10 code points → first 6 + one asterisk per hidden code point + last 4
     * (11010519491231002X → 110105********002X); 5 to 10 → first 2 + asterisks + last 2 (E12345678 → E1*****78);
     * 4 or fewer → all asterisks.
     */
    public static String idNumber(String number) {
        if (number == null || number.isBlank()) {
            return "";
        }
        int n = length(number);
        if (n > 10) {
            return firstCodePoints(number, 6) + "*".repeat(n - 10) + lastCodePoints(number, 4);
        }
        if (n > 4) {
            return firstCodePoints(number, 2) + "*".repeat(n - 4) + lastCodePoints(number, 2);
        }
        return "*".repeat(n);
    }

    /**
     * An address: more than 6 code points → the first 6 + {@code ****} (北京市朝阳区建国路88号 → 北京市朝阳区****); 3 to 6 →
     * the first 2 + {@code ****}; 1 or 2 → {@code ****}. Leading and trailing white space is ignored.
     */
    public static String address(String address) {
        if (address == null || address.isBlank()) {
            return "";
        }
        String s = address.strip();
        int n = length(s);
        if (n > 6) {
            return firstCodePoints(s, 6) + STARS;
        }
        if (n > 2) {
            return firstCodePoints(s, 2) + STARS;
        }
        return STARS;
    }

    private static int length(String s) {
        return s.codePointCount(0, s.length());
    }

    private static String firstCodePoints(String s, int count) {
        return s.substring(0, s.offsetByCodePoints(0, count));
    }

    private static String lastCodePoints(String s, int count) {
        return s.substring(s.offsetByCodePoints(s.length(), -count));
    }
}
