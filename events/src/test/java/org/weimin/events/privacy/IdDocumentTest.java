package org.weimin.events.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.weimin.events.DomainException;
import org.weimin.events.ErrorCode;

class IdDocumentTest {

    private static final String BAD_DATE =
            "birth date (characters 7–14) must be a real date from 1900-01-01 to 2099-12-31";

    /** Test fixture: appends the GB 11643-1999 check character to 17 digits (computed independently of the class). */
    static String withCheck(String seventeenDigits) {
        int[] weights = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += Character.digit(seventeenDigits.charAt(i), 10) * weights[i];
        }
        return seventeenDigits + "10X98765432".charAt(sum % 11);
    }

    @Test
    void theCheckFixtureReproducesTheWellKnownExample() {
        assertThat(withCheck("11010519491231002")).isEqualTo("11010519491231002X");
    }

    @Test
    void aValidResidentIdIsAccepted() {
        IdDocument doc = IdDocument.parse(IdDocumentType.RESIDENT_ID, "11010519491231002X");
        assertThat(doc.type()).isEqualTo(IdDocumentType.RESIDENT_ID);
        assertThat(doc.number()).isEqualTo("11010519491231002X");
        for (String seventeen : new String[] {"44052419800101001", "31011519900307123", "51010820000229456",
                "65010219000101777", "33010220991231888"}) {
            String number = withCheck(seventeen);
            assertThat(IdDocument.parse(IdDocumentType.RESIDENT_ID, number).number()).isEqualTo(number);
        }
    }

    @Test
    void residenceIdsOfHongKongMacauAndTaiwanResidentsAreAccepted() {
        for (String prefix : new String[] {"810000", "820000", "830000"}) {
            String number = withCheck(prefix + "19940823002");
            assertThat(IdDocument.parse(IdDocumentType.RESIDENT_ID, number).number()).isEqualTo(number);
        }
    }

    @Test
    void aResidentIdIsWidthNormalisedUpperCasedAndStrippedOfSpaces() {
        String expected = "11010519491231002X";
        assertThat(IdDocument.parse(IdDocumentType.RESIDENT_ID, "11010519491231002x").number()).isEqualTo(expected);
        assertThat(IdDocument.parse(IdDocumentType.RESIDENT_ID, "１１０１０５１９４９１２３１００２Ｘ").number())
                .isEqualTo(expected);
        assertThat(IdDocument.parse(IdDocumentType.RESIDENT_ID, "１１０１０５１９４９１２３１００２ｘ").number())
                .isEqualTo(expected);
        assertThat(IdDocument.parse(IdDocumentType.RESIDENT_ID, " 110105 19491231 002X\u3000").number())
                .isEqualTo(expected);
    }

    @Test
    void aWrongCheckCharacterIsRejected() {
        assertInvalid(IdDocumentType.RESIDENT_ID, "110105194912310021", "check character does not match");
        assertInvalid(IdDocumentType.RESIDENT_ID, "110105194912310020", "check character does not match");
        // a single mistyped digit
        assertInvalid(IdDocumentType.RESIDENT_ID, "11010519491231012X", "check character does not match");
    }

    @Test
    void anImpossibleBirthDateIsRejectedEvenWithACorrectCheckCharacter() {
        assertInvalid(IdDocumentType.RESIDENT_ID, withCheck("11010519490230002"), BAD_DATE); // Feb 30
        assertInvalid(IdDocumentType.RESIDENT_ID, withCheck("11010519491301002"), BAD_DATE); // month 13
        assertInvalid(IdDocumentType.RESIDENT_ID, withCheck("11010519490000002"), BAD_DATE); // month 0
        assertInvalid(IdDocumentType.RESIDENT_ID, withCheck("11010519490431002"), BAD_DATE); // Apr 31
        assertInvalid(IdDocumentType.RESIDENT_ID, withCheck("11010519000229002"), BAD_DATE); // 1900 not a leap year
        assertInvalid(IdDocumentType.RESIDENT_ID, withCheck("11010518991231002"), BAD_DATE); // before 1900
        assertInvalid(IdDocumentType.RESIDENT_ID, withCheck("11010521000101002"), BAD_DATE); // after 2099
    }

    @Test
    void aResidentIdOfTheWrongShapeIsRejected() {
        assertInvalid(IdDocumentType.RESIDENT_ID, "110105491231002", "must have 18 characters, got 15");
        assertInvalid(IdDocumentType.RESIDENT_ID, "11010519491231002X1", "must have 18 characters, got 19");
        assertInvalid(IdDocumentType.RESIDENT_ID, "1101051949123100XX", "character 17 must be a digit");
        assertInvalid(IdDocumentType.RESIDENT_ID, "A1010519491231002X", "character 1 must be a digit");
        assertInvalid(IdDocumentType.RESIDENT_ID, "11010519491231002Y", "character 18 must be a digit or X");
        assertInvalid(IdDocumentType.RESIDENT_ID, "110105-19491231-002X", "must have 18 characters, got 20");
        assertInvalid(IdDocumentType.RESIDENT_ID, withCheck("01010519491231002"),
                "region code must start with a digit from 1 to 9");
        // Arabic-Indic digits are not width variants and are not turned into ASCII digits
        assertInvalid(IdDocumentType.RESIDENT_ID, "١١٠١٠٥١٩٤٩١٢٣١٠٠٢X", "character 1 must be a digit");
    }

    @Test
    void aMissingNumberIsRequired() {
        for (IdDocumentType type : IdDocumentType.values()) {
            assertInvalid(type, null, "required");
            assertInvalid(type, " \u3000 ", "required");
        }
    }

    @Test
    void aMissingTypeIsAValidationFailure() {
        assertThatThrownBy(() -> IdDocument.parse(null, "11010519491231002X"))
                .isInstanceOfSatisfying(DomainException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_FAILED);
                    assertThat(e.fields()).containsEntry("idType", "required");
                });
    }

    @Test
    void aPassportHasFiveToSeventeenLettersOrDigits() {
        assertThat(IdDocument.parse(IdDocumentType.PASSPORT, "E12345678").number()).isEqualTo("E12345678");
        assertThat(IdDocument.parse(IdDocumentType.PASSPORT, "g1234 5678").number()).isEqualTo("G12345678");
        assertThat(IdDocument.parse(IdDocumentType.PASSPORT, "ＥＡ１２３４５６７").number()).isEqualTo("EA1234567");
        assertThat(IdDocument.parse(IdDocumentType.PASSPORT, "A1234").number()).isEqualTo("A1234");
        assertThat(IdDocument.parse(IdDocumentType.PASSPORT, "12345678901234567").number())
                .isEqualTo("12345678901234567");
        String rule = "must be 5 to 17 letters or digits";
        assertInvalid(IdDocumentType.PASSPORT, "A123", rule);
        assertInvalid(IdDocumentType.PASSPORT, "123456789012345678", rule);
        assertInvalid(IdDocumentType.PASSPORT, "E1234-5678", rule);
        assertInvalid(IdDocumentType.PASSPORT, "护照12345", rule);
    }

    @Test
    void aHongKongMacauPermitIsHOrMFollowedByEightOrTenDigits() {
        assertThat(IdDocument.parse(IdDocumentType.HK_MACAU_PERMIT, "H12345678").number()).isEqualTo("H12345678");
        assertThat(IdDocument.parse(IdDocumentType.HK_MACAU_PERMIT, "m1234567890").number()).isEqualTo("M1234567890");
        assertThat(IdDocument.parse(IdDocumentType.HK_MACAU_PERMIT, "Ｈ１２３４ ５６７８").number())
                .isEqualTo("H12345678");
        String rule = "must be H or M followed by 8 or 10 digits";
        assertInvalid(IdDocumentType.HK_MACAU_PERMIT, "H1234567", rule);
        assertInvalid(IdDocumentType.HK_MACAU_PERMIT, "H123456789", rule);
        assertInvalid(IdDocumentType.HK_MACAU_PERMIT, "H12345678901", rule);
        assertInvalid(IdDocumentType.HK_MACAU_PERMIT, "A12345678", rule);
        assertInvalid(IdDocumentType.HK_MACAU_PERMIT, "12345678", rule);
    }

    @Test
    void aTaiwanPermitIsEightOrTenDigitsAndTheOldParenthesisedSuffixIsDropped() {
        assertThat(IdDocument.parse(IdDocumentType.TAIWAN_PERMIT, "12345678").number()).isEqualTo("12345678");
        assertThat(IdDocument.parse(IdDocumentType.TAIWAN_PERMIT, "1234567890").number()).isEqualTo("1234567890");
        assertThat(IdDocument.parse(IdDocumentType.TAIWAN_PERMIT, "1234567890(B)").number()).isEqualTo("1234567890");
        assertThat(IdDocument.parse(IdDocumentType.TAIWAN_PERMIT, "1234567890(b)").number()).isEqualTo("1234567890");
        assertThat(IdDocument.parse(IdDocumentType.TAIWAN_PERMIT, "１２３４５６７８９０（Ｂ）").number())
                .isEqualTo("1234567890");
        String rule = "must be 8 digits, or 10 digits optionally followed by one or two letters or digits in parentheses";
        assertInvalid(IdDocumentType.TAIWAN_PERMIT, "123456789", rule);
        assertInvalid(IdDocumentType.TAIWAN_PERMIT, "12345678(B)", rule);
        assertInvalid(IdDocumentType.TAIWAN_PERMIT, "1234567890()", rule);
        assertInvalid(IdDocumentType.TAIWAN_PERMIT, "1234567890(ABC)", rule);
        assertInvalid(IdDocumentType.TAIWAN_PERMIT, "T12345678", rule);
    }

    @Test
    void toStringMasksTheNumber() {
        IdDocument doc = IdDocument.parse(IdDocumentType.RESIDENT_ID, "11010519491231002X");
        assertThat(doc.toString())
                .isEqualTo("IdDocument[type=RESIDENT_ID, number=110105********002X]")
                .doesNotContain("19491231");
        assertThat(IdDocument.parse(IdDocumentType.PASSPORT, "E12345678").toString()).contains("E1*****78");
    }

    @Test
    void errorMessagesNeverEchoTheNumber() {
        assertThatThrownBy(() -> IdDocument.parse(IdDocumentType.RESIDENT_ID, "110105194912310021"))
                .isInstanceOfSatisfying(DomainException.class, e -> {
                    assertThat(e.getMessage()).doesNotContain("19491231");
                    assertThat(e.fields().values()).noneMatch(v -> v.contains("19491231"));
                });
    }

    @Test
    void theConstructorRejectsOnlyMissingValues() {
        assertThatThrownBy(() -> new IdDocument(null, "E12345678")).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new IdDocument(IdDocumentType.PASSPORT, null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new IdDocument(IdDocumentType.PASSPORT, " "))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void everyTypeHasItsChineseName() {
        assertThat(IdDocumentType.RESIDENT_ID.chineseName()).isEqualTo("居民身份证");
        assertThat(IdDocumentType.PASSPORT.chineseName()).isEqualTo("护照");
        assertThat(IdDocumentType.HK_MACAU_PERMIT.chineseName()).isEqualTo("港澳居民来往内地通行证");
        assertThat(IdDocumentType.TAIWAN_PERMIT.chineseName()).isEqualTo("台湾居民来往大陆通行证");
    }

    @Test
    void randomInputNeverThrowsAnythingButDomainException() {
        Random random = new Random(11643);
        String[] seeds = {"11010519491231002X", "E12345678", "H1234567890", "1234567890(B)"};
        for (int i = 0; i < 40_000; i++) {
            IdDocumentType type = IdDocumentType.values()[i % 4];
            String input = i % 3 == 0 ? mutate(seeds[i % 4], random) : randomString(random);
            try {
                IdDocument doc = IdDocument.parse(type, input);
                assertThat(doc.type()).isEqualTo(type);
                assertThat(doc.number()).matches("[A-Z0-9]{5,18}");
            } catch (DomainException e) {
                assertThat(e.code()).isEqualTo(ErrorCode.INVALID_PERSONAL_IDENTIFIER);
                assertThat(e.fields()).containsKey("idNumber");
            }
        }
    }

    static String randomString(Random random) {
        int length = random.nextInt(22);
        StringBuilder sb = new StringBuilder();
        String specials = "0123456789Xx()（）－ー+\u3000ßﬁⅨ①١\uD800\uDFFF";
        for (int i = 0; i < length; i++) {
            switch (random.nextInt(4)) {
                case 0 -> sb.append((char) random.nextInt(0x80));
                case 1 -> sb.append((char) random.nextInt(0x10000));
                case 2 -> sb.appendCodePoint(random.nextInt(Character.MAX_CODE_POINT + 1));
                default -> sb.append(specials.charAt(random.nextInt(specials.length())));
            }
        }
        return sb.toString();
    }

    static String mutate(String valid, Random random) {
        StringBuilder sb = new StringBuilder(valid);
        int pos = random.nextInt(sb.length());
        String piece = randomString(random);
        if (random.nextBoolean()) {
            sb.replace(pos, pos + 1, piece.isEmpty() ? "" : piece.substring(0, 1));
        } else {
            sb.insert(pos, piece);
        }
        return sb.toString();
    }

    private static void assertInvalid(IdDocumentType type, String input, String reason) {
        assertThatThrownBy(() -> IdDocument.parse(type, input))
                .isInstanceOfSatisfying(DomainException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_PERSONAL_IDENTIFIER);
                    assertThat(e.fields()).containsExactlyEntriesOf(Map.of("idNumber", reason));
                    assertThat(e.getMessage()).isNotBlank();
                });
    }
}
