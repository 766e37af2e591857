package org.weimin.events.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.weimin.events.DomainException;
import org.weimin.events.ErrorCode;

class VerificationCodeTest {

    @Test
    void eightCrockfordSymbolsFromTheLow40Bits() {
        assertThat(VerificationCode.fromRandomBits(0).value()).isEqualTo("00000000");
        assertThat(VerificationCode.fromRandomBits(31).value()).isEqualTo("0000000Z");
        assertThat(VerificationCode.fromRandomBits(-1L).value()).isEqualTo("ZZZZZZZZ");
        assertThat(VerificationCode.fromRandomBits(1L << 40)).isEqualTo(VerificationCode.fromRandomBits(0));
        // 10 = A, 18 = J (I skipped), 22 = P (O skipped), 27 = V (U skipped)
        long bits = (10L << 15) | (18L << 10) | (22L << 5) | 27L;
        assertThat(VerificationCode.fromRandomBits(bits).value()).isEqualTo("0000AJPV");
    }

    @Test
    void generatedCodesRoundTripThroughParse() {
        Random random = new Random(3);
        for (int i = 0; i < 1_000; i++) {
            VerificationCode code = VerificationCode.fromRandomBits(random.nextLong());
            assertThat(code.value()).matches("[0-9A-HJKMNP-TV-Z]{8}");
            assertThat(VerificationCode.parse(code.value())).isEqualTo(code);
            assertThat(VerificationCode.parse(code.value().toLowerCase())).isEqualTo(code);
            assertThat(new VerificationCode(code.value())).isEqualTo(code);
        }
    }

    @Test
    void parseAcceptsSeparatorsFullWidthAndLowerCase() {
        VerificationCode code = VerificationCode.fromRandomBits(0xAB_CDEF_1234L);
        String v = code.value();
        String grouped = v.substring(0, 4) + "-" + v.substring(4);
        assertThat(VerificationCode.parse(grouped)).isEqualTo(code);
        assertThat(VerificationCode.parse(v.substring(0, 4) + " " + v.substring(4).toLowerCase())).isEqualTo(code);
        assertThat(VerificationCode.parse(TrackingNumberTest.toFullWidth(grouped))).isEqualTo(code);
        assertThat(VerificationCode.parse(v.substring(0, 4) + "ー" + v.substring(4))).isEqualTo(code);
        assertThat(VerificationCode.parse(v.substring(0, 4) + "\u3000" + v.substring(4))).isEqualTo(code);
    }

    @Test
    void parseMapsTheCrockfordAliases() {
        VerificationCode code = VerificationCode.fromRandomBits((1L << 35) | (1L << 15) | 1L);
        assertThat(code.value()).isEqualTo("10001001");
        assertThat(VerificationCode.parse("IOOOLOOI")).isEqualTo(code);
        assertThat(VerificationCode.parse("looo-lool")).isEqualTo(code);
        assertThat(VerificationCode.parse("ｉｏｏｏｌｏｏｉ")).isEqualTo(code);
    }

    @Test
    void toStringNeverRevealsTheCode() {
        VerificationCode code = VerificationCode.parse("7K3M9QXA");
        assertThat(code.toString()).isEqualTo("VerificationCode[********]").doesNotContain("7K3M");
        assertThat(String.valueOf(code)).doesNotContain("9QXA");
    }

    @Test
    void malformedCodesAreRejectedWithoutEchoingThem() {
        assertInvalid(null, "required");
        assertInvalid("  ", "required");
        assertInvalid("7K3M9QX", "expected 8 characters, got 7");
        assertInvalid("7K3M9QXAB", "expected 8 characters, got 9");
        assertInvalid("7K3M9QXU", "contains a character other than a digit or a letter A–Z other than U");
        assertInvalid("7K3M9QX!", "contains a character other than a digit or a letter A–Z other than U");
        assertThatThrownBy(() -> VerificationCode.parse("SECRETUU"))
                .isInstanceOfSatisfying(DomainException.class, e -> {
                    assertThat(e.getMessage()).doesNotContain("SECRET");
                    assertThat(e.fields().values()).noneMatch(reason -> reason.contains("SECRET"));
                });
    }

    @Test
    void theStrictConstructorAcceptsOnlyTheCanonicalFormAndDoesNotEchoIt() {
        for (String bad : new String[] {null, "", "7k3m9qxa", "7K3M-9QXA", "7K3M9QXI", "7K3M9QX"}) {
            assertThatThrownBy(() -> new VerificationCode(bad))
                    .isInstanceOf(IllegalArgumentException.class)
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("7K3M").doesNotContain("7k3m"));
        }
    }

    @Test
    void randomUnicodeInputNeverThrowsAnythingButDomainException() {
        Random random = new Random(40);
        String valid = VerificationCode.fromRandomBits(4242).value();
        for (int i = 0; i < 50_000; i++) {
            String input = i % 4 == 0 ? TrackingNumberTest.mutate(valid, random) : TrackingNumberTest.randomString(random);
            try {
                VerificationCode code = VerificationCode.parse(input);
                assertThat(code.value()).matches("[0-9A-HJKMNP-TV-Z]{8}");
            } catch (DomainException e) {
                assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_FAILED);
                assertThat(e.fields()).containsKey("verificationCode");
            }
        }
    }

    private static void assertInvalid(String input, String reason) {
        assertThatThrownBy(() -> VerificationCode.parse(input))
                .isInstanceOfSatisfying(DomainException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_FAILED);
                    assertThat(e.fields()).containsExactlyEntriesOf(Map.of("verificationCode", reason));
                });
    }
}
