package org.weimin.events.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.weimin.events.DomainException;
import org.weimin.events.ErrorCode;

class TrackingNumberTest {

    private static final String ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    @Test
    void knownVectorsFollowLuhnModNOverCrockfordBase32() {
        assertThat(TrackingNumber.fromRandomBits(0).value()).isEqualTo("WM-00000-00000-0");
        // rightmost payload symbol weighted 2: 1*2 = 2 → check (32 - 2) % 32 = 30 = 'Y'
        assertThat(TrackingNumber.fromRandomBits(1).value()).isEqualTo("WM-00000-00001-Y");
        // second from right weighted 1: 1 → check 31 = 'Z'
        assertThat(TrackingNumber.fromRandomBits(32).value()).isEqualTo("WM-00000-00010-Z");
        // all Z: 5 * (62/32 + 62%32) + 5 * 31 = 310; 310 % 32 = 22 → check 10 = 'A'
        assertThat(TrackingNumber.fromRandomBits(-1L).value()).isEqualTo("WM-ZZZZZ-ZZZZZ-A");
    }

    @Test
    void onlyTheLow50BitsAreUsed() {
        assertThat(TrackingNumber.fromRandomBits(1L << 50)).isEqualTo(TrackingNumber.fromRandomBits(0));
        assertThat(TrackingNumber.fromRandomBits(0xFFFC_0000_0000_0005L)).isEqualTo(TrackingNumber.fromRandomBits(5));
        assertThat(TrackingNumber.fromRandomBits((1L << 50) - 1)).isEqualTo(TrackingNumber.fromRandomBits(-1L));
    }

    @Test
    void distinctBitsGiveDistinctNumbers() {
        Random random = new Random(50);
        java.util.Set<String> seen = new java.util.HashSet<>();
        java.util.Set<Long> bits = new java.util.HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            long b = random.nextLong() & ((1L << 50) - 1);
            if (bits.add(b)) {
                assertThat(seen.add(TrackingNumber.fromRandomBits(b).value())).isTrue();
            }
        }
    }

    @Test
    void generatedNumbersRoundTripThroughParseAndTheStrictConstructor() {
        Random random = new Random(1);
        for (int i = 0; i < 1_000; i++) {
            TrackingNumber tn = TrackingNumber.fromRandomBits(random.nextLong());
            assertThat(tn.value()).matches("WM-[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]");
            assertThat(TrackingNumber.parse(tn.value())).isEqualTo(tn);
            assertThat(new TrackingNumber(tn.value())).isEqualTo(tn);
            assertThat(TrackingNumber.of(tn.value())).isEqualTo(tn);
            assertThat(tn.toString()).isEqualTo(tn.value());
        }
    }

    @Test
    void parseAcceptsLowerCaseWithoutHyphensAndWithoutPrefix() {
        TrackingNumber tn = TrackingNumber.fromRandomBits(0x2_3456_789A_BCDEL);
        String v = tn.value();
        String bare = v.replace("-", "").substring(2);
        assertThat(TrackingNumber.parse(v.toLowerCase())).isEqualTo(tn);
        assertThat(TrackingNumber.parse(v.replace("-", ""))).isEqualTo(tn);
        assertThat(TrackingNumber.parse(bare)).isEqualTo(tn);
        assertThat(TrackingNumber.parse(bare.toLowerCase())).isEqualTo(tn);
        assertThat(TrackingNumber.parse(v.substring(3))).isEqualTo(tn);
        assertThat(TrackingNumber.parse("  " + v.replace("-", " ") + "\t")).isEqualTo(tn);
    }

    @Test
    void parseAcceptsFullWidthInputAndChineseDashes() {
        TrackingNumber tn = TrackingNumber.fromRandomBits(0x1_2345_6789_ABCDL);
        String v = tn.value();
        assertThat(TrackingNumber.parse(toFullWidth(v))).isEqualTo(tn);
        assertThat(TrackingNumber.parse(toFullWidth(v).replace('－', '—'))).isEqualTo(tn);
        for (char dash : new char[] {'－', '—', '–', '‐', '‑', 'ー', '−', '―', '﹣'}) {
            assertThat(TrackingNumber.parse(v.replace('-', dash))).as("dash U+%04X", (int) dash).isEqualTo(tn);
        }
        // ideographic space between groups, as an input method produces
        assertThat(TrackingNumber.parse(v.replace('-', '\u3000'))).isEqualTo(tn);
        // zero-width space from a copy-paste
        assertThat(TrackingNumber.parse(v.replace("-", "\u200B"))).isEqualTo(tn);
    }

    @Test
    void parseMapsTheCrockfordAliasesIAndLToOneAndOToZero() {
        TrackingNumber tn = TrackingNumber.fromRandomBits(1L | (1L << 5) | (0L << 10)); // payload ...0011 → has 0s and 1s
        String v = tn.value();
        assertThat(v).contains("1").contains("0");
        assertThat(TrackingNumber.parse(v.substring(2).replace('1', 'I').replace('0', 'O'))).isEqualTo(tn);
        assertThat(TrackingNumber.parse(v.replace('1', 'l').replace('0', 'o').substring(2))).isEqualTo(tn);
        assertThat(TrackingNumber.parse(v.substring(2).replace('1', 'L'))).isEqualTo(tn);
    }

    @Test
    void aSingleTypoIsCaughtByTheCheckCharacter() {
        Random random = new Random(7);
        for (int round = 0; round < 20; round++) {
            char[] payload = payloadOf(TrackingNumber.fromRandomBits(random.nextLong()));
            for (int pos = 0; pos < 10; pos++) {
                for (int a = 0; a < 32; a++) {
                    for (int b = 0; b < 32; b++) {
                        if (a == b) {
                            continue;
                        }
                        char[] original = payload.clone();
                        original[pos] = ALPHABET.charAt(a);
                        TrackingNumber valid = validWithPayload(original);
                        char[] typo = original.clone();
                        typo[pos] = ALPHABET.charAt(b);
                        String mistyped = "WM" + new String(typo) + valid.value().charAt(15);
                        assertInvalidCheck(mistyped);
                    }
                }
            }
        }
    }

    @Test
    void everyAdjacentTranspositionOfDistinctSymbolsIsCaughtExceptTheLuhnBlindSpotZeroZ() {
        Random random = new Random(11);
        List<String> undetected = new ArrayList<>();
        for (int round = 0; round < 5; round++) {
            char[] payload = payloadOf(TrackingNumber.fromRandomBits(random.nextLong()));
            for (int pos = 0; pos < 9; pos++) {
                for (int a = 0; a < 32; a++) {
                    for (int b = 0; b < 32; b++) {
                        if (a == b) {
                            continue;
                        }
                        char[] original = payload.clone();
                        original[pos] = ALPHABET.charAt(a);
                        original[pos + 1] = ALPHABET.charAt(b);
                        TrackingNumber valid = validWithPayload(original);
                        char[] swapped = original.clone();
                        swapped[pos] = original[pos + 1];
                        swapped[pos + 1] = original[pos];
                        String transposed = "WM" + new String(swapped) + valid.value().charAt(15);
                        Throwable thrown = catchThrowable(() -> TrackingNumber.parse(transposed));
                        if (thrown == null) {
                            undetected.add("" + original[pos] + original[pos + 1]);
                        } else {
                            assertThat(thrown).isInstanceOf(DomainException.class);
                        }
                    }
                }
            }
        }
        // Luhn mod N cannot see 0↔(N-1) swaps (like 09↔90 in decimal Luhn): here 0Z↔Z0, at every position.
        assertThat(undetected).containsOnly("0Z", "Z0").hasSize(2 * 9 * 5);
    }

    @Test
    void aWrongCheckCharacterIsRejectedWithAHelpfulMessage() {
        String v = TrackingNumber.fromRandomBits(123_456_789L).value();
        char wrong = v.charAt(15) == '0' ? '1' : '0';
        String bad = v.substring(0, 15) + wrong;
        assertThatThrownBy(() -> TrackingNumber.parse(bad))
                .isInstanceOfSatisfying(DomainException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_TRACKING_NUMBER);
                    assertThat(e.fields()).containsEntry("trackingNumber", "check character does not match");
                    assertThat(e.getMessage()).contains("check character");
                });
    }

    @Test
    void wrongLengthsAndForeignSymbolsAreRejected() {
        String v = TrackingNumber.fromRandomBits(42).value();
        assertInvalid(v.substring(0, 15), "expected 11 characters after the WM prefix, got 10");
        assertInvalid(v + "0", "expected 11 characters after the WM prefix, got 12");
        assertInvalid("WM-0000U-00000-0", "character 5 is not a digit or a letter A–Z other than U");
        assertInvalid("WM-00000-00000-*", "character 11 is not a digit or a letter A–Z other than U");
        assertInvalid("XX-00000-00000-0", "expected 11 characters after the WM prefix, got 13");
        assertInvalid("WM-00000-00000", "expected 11 characters after the WM prefix, got 10");
        assertInvalid("WM", "expected 11 characters after the WM prefix, got 0");
    }

    @Test
    void aPrefixlessNumberWhosePayloadStartsWithWMIsNotMistakenForThePrefix() {
        TrackingNumber tn = TrackingNumber.fromRandomBits((28L << 45) | (20L << 40) | 12345L); // payload "WM..."
        assertThat(tn.value()).startsWith("WM-WM");
        assertThat(TrackingNumber.parse(tn.value().substring(3))).isEqualTo(tn);
        assertThat(TrackingNumber.parse(tn.value())).isEqualTo(tn);
    }

    @Test
    void nullAndBlankAreRejectedAsRequired() {
        for (String input : new String[] {null, "", "   ", "\u3000", "\t\n"}) {
            assertInvalid(input, "required");
        }
        assertInvalid("－－－", "expected 11 characters after the WM prefix, got 0");
    }

    @Test
    void theStrictConstructorAcceptsOnlyTheCanonicalForm() {
        String v = TrackingNumber.fromRandomBits(987_654_321L).value();
        char wrong = v.charAt(15) == '0' ? '1' : '0';
        for (String notCanonical : new String[] {
                null, "", v.toLowerCase(), v.replace("-", ""), v.substring(3), " " + v, v + " ",
                v.substring(0, 15) + wrong, v.replace('-', '－'), "WM-00000-0000U-0", "WM_00000-00000-0",
                "WM-0000-000000-0"}) {
            assertThatThrownBy(() -> new TrackingNumber(notCanonical)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> TrackingNumber.of(notCanonical)).isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> new TrackingNumber("WM-0000I-00000-0")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void jsonIsThePlainCanonicalString() throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        TrackingNumber tn = TrackingNumber.fromRandomBits(0x3_FFFF_0000_1234L);
        String json = mapper.writeValueAsString(tn);
        assertThat(json).isEqualTo("\"" + tn.value() + "\"");
        assertThat(mapper.readValue(json, TrackingNumber.class)).isEqualTo(tn);
        assertThatThrownBy(() -> mapper.readValue("\"wm-00000-00000-0\"", TrackingNumber.class))
                .hasRootCauseInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void randomUnicodeInputNeverThrowsAnythingButDomainException() {
        Random random = new Random(20250303);
        String valid = TrackingNumber.fromRandomBits(77).value();
        int accepted = 0;
        for (int i = 0; i < 50_000; i++) {
            String input = i % 4 == 0 ? mutate(valid, random) : randomString(random);
            try {
                TrackingNumber tn = TrackingNumber.parse(input);
                assertThat(new TrackingNumber(tn.value())).isEqualTo(tn);
                accepted++;
            } catch (DomainException e) {
                assertThat(e.code()).isEqualTo(ErrorCode.INVALID_TRACKING_NUMBER);
                assertThat(e.fields()).containsKey("trackingNumber");
            }
        }
        assertThat(accepted).isLessThan(50_000);
    }

    // ---------------------------------------------------------------------------------------------------------------

    static String randomString(Random random) {
        int length = random.nextInt(20);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < length; i++) {
            switch (random.nextInt(5)) {
                case 0 -> sb.append((char) random.nextInt(0x80)); // ASCII, incl. controls
                case 1 -> sb.append((char) random.nextInt(0x10000)); // any BMP char, incl. lone surrogates
                case 2 -> sb.appendCodePoint(random.nextInt(Character.MAX_CODE_POINT + 1));
                case 3 -> sb.append((char) (0xFF01 + random.nextInt(0x5E))); // full-width ASCII
                default -> {
                    String specials = "WM-－ー\u3000ßﬁⅨ①\uD800\uDFFFıIlLoO";
                    sb.append(specials.charAt(random.nextInt(specials.length())));
                }
            }
        }
        return sb.toString();
    }

    static String mutate(String valid, Random random) {
        StringBuilder sb = new StringBuilder(valid);
        int edits = 1 + random.nextInt(3);
        for (int i = 0; i < edits; i++) {
            int pos = random.nextInt(sb.length() + 1);
            String piece = randomString(random);
            if (random.nextBoolean() && pos < sb.length()) {
                sb.replace(pos, pos + 1, piece);
            } else {
                sb.insert(pos, piece);
            }
        }
        return sb.toString();
    }

    private static char[] payloadOf(TrackingNumber tn) {
        String v = tn.value();
        return (v.substring(3, 8) + v.substring(9, 14)).toCharArray();
    }

    /** The valid tracking number with this payload, obtained through the public API. */
    private static TrackingNumber validWithPayload(char[] payload) {
        long bits = 0;
        for (char c : payload) {
            bits = (bits << 5) | ALPHABET.indexOf(c);
        }
        TrackingNumber tn = TrackingNumber.fromRandomBits(bits);
        assertThat(payloadOf(tn)).isEqualTo(payload);
        return tn;
    }

    private static void assertInvalidCheck(String input) {
        assertThatThrownBy(() -> TrackingNumber.parse(input))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.fields())
                        .containsEntry("trackingNumber", "check character does not match"));
    }

    private static void assertInvalid(String input, String reason) {
        assertThatThrownBy(() -> TrackingNumber.parse(input))
                .isInstanceOfSatisfying(DomainException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_TRACKING_NUMBER);
                    assertThat(e.fields()).containsExactlyEntriesOf(java.util.Map.of("trackingNumber", reason));
                    assertThat(e.getMessage()).isNotBlank();
                });
    }

    static String toFullWidth(String ascii) {
        StringBuilder sb = new StringBuilder();
        for (char c : ascii.toCharArray()) {
            sb.append(c >= '!' && c <= '~' ? (char) (c - '!' + 0xFF01) : c == ' ' ? '\u3000' : c);
        }
        return sb.toString();
    }
}
