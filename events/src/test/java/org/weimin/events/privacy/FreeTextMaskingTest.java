package org.weimin.events.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class FreeTextMaskingTest {

    @Test
    void masksMobileNumbersAlsoFullWidthAndSpaced() {
        assertThat(FreeTextMasking.mask("请回电13912345678谢谢", List.of())).isEqualTo("请回电139****5678谢谢");
        assertThat(FreeTextMasking.mask("电话：１３９１２３４５６７８", List.of())).isEqualTo("电话：139****5678");
        assertThat(FreeTextMasking.mask("call 139 1234 5678 now", List.of())).isEqualTo("call 139****5678 now");
    }

    @Test
    void masksLandlinesAndResidentIds() {
        assertThat(FreeTextMasking.mask("座机021-62345678", List.of())).isEqualTo("座机021-****5678");
        assertThat(FreeTextMasking.mask("身份证11010519491231002X已核", List.of()))
                .isEqualTo("身份证110105********002X已核");
        assertThat(FreeTextMasking.mask("旧证110105491231002", List.of())).isEqualTo("旧证110105*****1002");
    }

    @Test
    void leavesLongerDigitRunsAndOrdinaryNumbersAlone() {
        assertThat(FreeTextMasking.mask("订单号1391234567890123456789", List.of()))
                .isEqualTo("订单号1391234567890123456789");
        assertThat(FreeTextMasking.mask("A3区5栋1201室，面积88平方米", List.of())).isEqualTo("A3区5栋1201室，面积88平方米");
    }

    @Test
    void masksTheApplicantsNameWhereverItOccursButNotSingleCharacters() {
        assertThat(FreeTextMasking.mask("张三反映：张三家门口积水", List.of("张三"))).isEqualTo("张**反映：张**家门口积水");
        assertThat(FreeTextMasking.mask("王家门口", List.of("王"))).isEqualTo("王家门口");
        assertThat(FreeTextMasking.mask("李四说", java.util.Arrays.asList(null, " 李四 "))).isEqualTo("李**说");
    }

    @Test
    void numbersDisguisedWithCountryCodesSeparatorsAndBracketsAreMaskedToo() {
        for (String phone : List.of("+8613912340004", "8613912340004", "+86 139 1234 0004", "139.1234.0004",
                "139  1234  0004", "(139)1234-0004", "139\u200b1234\u200b0004")) {
            assertThat(FreeTextMasking.mask("联系" + phone + "谢谢", List.of())).as(phone)
                    .isEqualTo("联系139****0004谢谢");
        }
        assertThat(FreeTextMasking.mask("座机(010)88880008", List.of())).isEqualTo("座机010-****0008");
        for (String id : List.of("110105 19491231 0006", "110105-1949-1231-0006", "11010519491231000X")) {
            assertThat(FreeTextMasking.mask("证件" + id + "号", List.of())).as(id).doesNotContain("1949");
        }
        assertThat(FreeTextMasking.mask("身份证11010519491231007XA栋", List.of()))
                .isEqualTo("身份证110105********007XA栋");
    }

    @Test
    void aNameWithCharactersSlippedBetweenIsStillTheName() {
        assertThat(FreeTextMasking.mask("王 小 明来访", List.of("王小明"))).isEqualTo("王**来访");
        assertThat(FreeTextMasking.mask("王\u200b小明来访", List.of("王小明"))).isEqualTo("王**来访");
        assertThat(FreeTextMasking.mask("Li Ming said", List.of("li ming"))).isEqualTo("L** said");
    }

    @Test
    void nullAndEmptyStayAsTheyAre() {
        assertThat(FreeTextMasking.mask(null, List.of("张三"))).isNull();
        assertThat(FreeTextMasking.mask("", null)).isEmpty();
    }

    @Test
    void namesAreNormalisedForHashing() {
        assertThat(KeyedHasher.normaliseName(" 张 三 ")).isEqualTo("张三");
        assertThat(KeyedHasher.normaliseName("张\u3000三")).isEqualTo("张三");
        assertThat(KeyedHasher.normaliseName("Li·Ming")).isEqualTo(KeyedHasher.normaliseName("li ming"));
        assertThat(KeyedHasher.normaliseName("ＺＨＡＮＧ")).isEqualTo("zhang");
        assertThat(KeyedHasher.normaliseName(null)).isEmpty();
    }
}
