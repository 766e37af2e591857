package org.weimin.events.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.weimin.events.DomainException;
import org.weimin.events.ErrorCode;

class PhoneNumbersTest {

    private static final String NOT_A_PHONE =
            "must be a mobile number 1[3-9] + 9 digits or a landline 0 + area code + 7–8 digits";

    @Test
    void aMobileIsReturnedAsElevenDigits() {
        for (String raw : new String[] {"13912345678", "139 1234 5678", "139-1234-5678", "１３９１２３４５６７８",
                "139－1234－5678", "+86 139 1234 5678", "+8613912345678", "0086 13912345678", "0086-139-1234-5678",
                "86 13912345678", "8613912345678", "(+86) 139 1234 5678", "＋８６ １３９ １２３４ ５６７８",
                "\u3000139 1234 5678\t"}) {
            assertThat(PhoneNumbers.normalise(raw)).as(raw).isEqualTo("13912345678");
        }
    }

    @Test
    void everyMobilePrefixFrom13To19IsAccepted() {
        for (int second = 3; second <= 9; second++) {
            String number = "1" + second + "012345678";
            assertThat(PhoneNumbers.normalise(number)).isEqualTo(number);
        }
        assertInvalid("12912345678", NOT_A_PHONE);
        assertInvalid("10912345678", NOT_A_PHONE);
    }

    @Test
    void aLandlineWithAThreeDigitAreaCodeIsFormatted() {
        for (String raw : new String[] {"021-12345678", "02112345678", "(021) 1234 5678", "（０２１）１２３４５６７８",
                "021 1234-5678", "+86 21 1234 5678", "0086-21-12345678", "+86 (0)21 12345678"}) {
            assertThat(PhoneNumbers.normalise(raw)).as(raw).isEqualTo("021-12345678");
        }
        assertThat(PhoneNumbers.normalise("010-87654321")).isEqualTo("010-87654321");
        assertThat(PhoneNumbers.normalise("020 8765432")).isEqualTo("020-8765432");
    }

    @Test
    void aLandlineWithAFourDigitAreaCodeIsFormatted() {
        assertThat(PhoneNumbers.normalise("0755-12345678")).isEqualTo("0755-12345678");
        assertThat(PhoneNumbers.normalise("075512345678")).isEqualTo("0755-12345678");
        assertThat(PhoneNumbers.normalise("0571 8765432")).isEqualTo("0571-8765432");
        assertThat(PhoneNumbers.normalise("+86 755 1234 5678")).isEqualTo("0755-12345678");
        assertThat(PhoneNumbers.normalise("０７５５－１２３４５６７８")).isEqualTo("0755-12345678");
    }

    @Test
    void malformedNumbersAreRejected() {
        assertInvalid("1391234567", NOT_A_PHONE); // 10 digits
        assertInvalid("139123456789", NOT_A_PHONE); // 12 digits
        assertInvalid("021-123456", NOT_A_PHONE); // 6-digit local number
        assertInvalid("021-123456789", NOT_A_PHONE); // 9-digit local number
        assertInvalid("021-01234567", NOT_A_PHONE); // local number starting with 0
        assertInvalid("12345678", NOT_A_PHONE); // no area code
        assertInvalid("021-12345678-123", NOT_A_PHONE); // extensions are not supported
        assertInvalid("8602112345678", NOT_A_PHONE); // bare 86 only before a mobile
        assertInvalid("+1 415 555 0100", NOT_A_PHONE);
        assertInvalid("一三九一二三四五六七八", NOT_A_PHONE);
        assertInvalid("phone", NOT_A_PHONE);
        assertInvalid("١٣٩١٢٣٤٥٦٧٨", NOT_A_PHONE); // Arabic-Indic digits
    }

    @Test
    void aMissingNumberIsRequired() {
        assertInvalid(null, "required");
        assertInvalid("", "required");
        assertInvalid(" \u3000", "required");
    }

    @Test
    void errorMessagesNeverEchoTheNumber() {
        assertThatThrownBy(() -> PhoneNumbers.normalise("1391234567"))
                .isInstanceOfSatisfying(DomainException.class, e -> {
                    assertThat(e.getMessage()).doesNotContain("1391234567");
                    assertThat(e.fields().values()).noneMatch(v -> v.contains("1391234567"));
                });
    }

    @Test
    void normalisedNumbersAreStable() {
        for (String normalised : new String[] {"13912345678", "021-12345678", "0755-1234567"}) {
            assertThat(PhoneNumbers.normalise(normalised)).isEqualTo(normalised);
        }
    }

    @Test
    void randomInputNeverThrowsAnythingButDomainException() {
        Random random = new Random(86);
        String[] seeds = {"+86 139 1234 5678", "(021) 1234-5678", "0755-1234567"};
        for (int i = 0; i < 40_000; i++) {
            String input = i % 3 == 0
                    ? IdDocumentTest.mutate(seeds[i % seeds.length], random)
                    : IdDocumentTest.randomString(random);
            try {
                String normalised = PhoneNumbers.normalise(input);
                assertThat(normalised).matches("1[3-9]\\d{9}|0\\d{2,3}-[1-9]\\d{6,7}");
            } catch (DomainException e) {
                assertThat(e.code()).isEqualTo(ErrorCode.INVALID_PERSONAL_IDENTIFIER);
                assertThat(e.fields()).containsKey("phone");
            }
        }
    }

    private static void assertInvalid(String input, String reason) {
        assertThatThrownBy(() -> PhoneNumbers.normalise(input))
                .isInstanceOfSatisfying(DomainException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_PERSONAL_IDENTIFIER);
                    assertThat(e.fields()).containsExactlyEntriesOf(Map.of("phone", reason));
                });
    }
}
