package org.weimin.projections.search;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SearchTextTest {

    @Test
    void everyLetterAndDigitIsAWordOfItsOwn() {
        assertThat(SearchText.chars("位于A3区东侧")).isEqualTo("位 于 a 3 区 东 侧");
    }

    @Test
    void widthAndCaseAndPunctuationDoNotMatter() {
        assertThat(SearchText.chars("Ａ３区")).isEqualTo(SearchText.chars("a3-区"));
        assertThat(SearchText.chars("张**，电话139****5678")).isEqualTo("张 电 话 1 3 9 5 6 7 8");
    }

    @Test
    void charactersOutsideTheBasicPlaneStayWhole() {
        assertThat(SearchText.chars("𡈼村")).isEqualTo("𡈼 村");
    }

    @Test
    void nothingSearchableGivesEmpty() {
        assertThat(SearchText.chars("，。！ ")).isEmpty();
        assertThat(SearchText.chars(null)).isEmpty();
    }
}
