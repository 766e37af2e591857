package org.weimin.events.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MaskingTest {

    /** U+2123C, a rare character used in personal names; outside the BMP (two UTF-16 chars). */
    private static final String NON_BMP = new String(Character.toChars(0x2123C));

    @Test
    void aNameKeepsItsFirstCharacterFollowedByTwoAsterisks() {
        assertThat(Masking.name("张三丰")).isEqualTo("张**");
        assertThat(Masking.name("张三")).isEqualTo("张**");
        assertThat(Masking.name("欧阳娜娜")).isEqualTo("欧**");
        assertThat(Masking.name("John Smith")).isEqualTo("J**");
        assertThat(Masking.name(" 李四 ")).isEqualTo("李**");
        assertThat(Masking.name("王")).isEqualTo("王**");
    }

    @Test
    void aNameStartingOutsideTheBmpKeepsTheWholeCodePoint() {
        assertThat(Masking.name(NON_BMP + "明")).isEqualTo(NON_BMP + "**");
        assertThat(Masking.name("陈" + NON_BMP)).isEqualTo("陈**");
    }

    @Test
    void nullOrBlankMasksToEmpty() {
        assertThat(Masking.name(null)).isEmpty();
        assertThat(Masking.name("  ")).isEmpty();
        assertThat(Masking.phone(null)).isEmpty();
        assertThat(Masking.phone("")).isEmpty();
        assertThat(Masking.idNumber(null)).isEmpty();
        assertThat(Masking.idNumber(" ")).isEmpty();
        assertThat(Masking.address(null)).isEmpty();
        assertThat(Masking.address("\u3000")).isEmpty();
    }

    @Test
    void aMobileKeepsTheFirstThreeAndLastFourDigits() {
        assertThat(Masking.phone("13912345678")).isEqualTo("139****5678");
    }

    @Test
    void aLandlineKeepsTheAreaCodeAndLastFourDigits() {
        assertThat(Masking.phone("021-12345678")).isEqualTo("021-****5678");
        assertThat(Masking.phone("0755-1234567")).isEqualTo("0755-****4567");
        assertThat(Masking.phone(PhoneNumbers.normalise("(010) 8765-4321"))).isEqualTo("010-****4321");
    }

    @Test
    void unexpectedPhoneShapesNeverRevealMuch() {
        assertThat(Masking.phone("12345")).isEqualTo("****");
        assertThat(Masking.phone("021-1234")).isEqualTo("021-****");
    }

    @Test
    void aResidentIdKeepsTheFirstSixAndLastFour() {
        assertThat(Masking.idNumber("11010519491231002X")).isEqualTo("110105********002X");
    }

    @Test
    void aShortDocumentNumberKeepsTheFirstTwoAndLastTwo() {
        assertThat(Masking.idNumber("E12345678")).isEqualTo("E1*****78");
        assertThat(Masking.idNumber("H1234567890")).isEqualTo("H12345*7890");
        assertThat(Masking.idNumber("12345678")).isEqualTo("12****78");
        assertThat(Masking.idNumber("12345")).isEqualTo("12*45");
        assertThat(Masking.idNumber("1234")).isEqualTo("****");
        assertThat(Masking.idNumber("1")).isEqualTo("*");
    }

    @Test
    void idNumberMaskingCountsCodePoints() {
        String twelve = NON_BMP.repeat(12);
        assertThat(Masking.idNumber(twelve)).isEqualTo(NON_BMP.repeat(6) + "**" + NON_BMP.repeat(4));
        assertThat(Masking.idNumber(NON_BMP.repeat(6))).isEqualTo(NON_BMP.repeat(2) + "**" + NON_BMP.repeat(2));
    }

    @Test
    void anAddressKeepsItsFirstSixCharacters() {
        assertThat(Masking.address("北京市朝阳区建国路88号")).isEqualTo("北京市朝阳区****");
        assertThat(Masking.address("上海市浦东新区")).isEqualTo("上海市浦东新****");
    }

    @Test
    void aShortAddressKeepsItsFirstTwoCharacters() {
        assertThat(Masking.address("朝阳区建国路")).isEqualTo("朝阳****");
        assertThat(Masking.address("某村")).isEqualTo("****");
    }

    @Test
    void addressMaskingNeverSplitsASurrogatePair() {
        String address = NON_BMP.repeat(3) + "村" + NON_BMP.repeat(5);
        assertThat(Masking.address(address)).isEqualTo(NON_BMP.repeat(3) + "村" + NON_BMP.repeat(2) + "****");
        assertThat(Masking.address(NON_BMP.repeat(4))).isEqualTo(NON_BMP.repeat(2) + "****");
        String masked = Masking.address(address);
        assertThat(masked.codePoints().noneMatch(cp -> Character.isSurrogate((char) cp) && cp <= 0xFFFF)).isTrue();
    }
}
