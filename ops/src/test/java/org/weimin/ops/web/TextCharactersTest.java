package org.weimin.ops.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@link TextCharacters#firstForbidden}: controls, unpaired surrogates and U+FFFE/U+FFFF out; written text in. */
class TextCharactersTest {

    @Test
    void controlCharactersUnpairedSurrogatesAndNoncharactersAreFound() {
        assertThat(TextCharacters.firstForbidden("ab\u0000")).isEqualTo(2);
        assertThat(TextCharacters.firstForbidden("\u001b[0m")).isZero();
        assertThat(TextCharacters.firstForbidden("a\u007f")).isEqualTo(1);
        assertThat(TextCharacters.firstForbidden("a\u0085")).isEqualTo(1);
        assertThat(TextCharacters.firstForbidden("x\ud800")).isEqualTo(1);
        assertThat(TextCharacters.firstForbidden("x\ud800y")).isEqualTo(1);
        assertThat(TextCharacters.firstForbidden("\udc00")).isZero();
        assertThat(TextCharacters.firstForbidden("\ufffe")).isZero();
        assertThat(TextCharacters.firstForbidden("\uffff")).isZero();
    }

    @Test
    void writtenTextIncludingMarksFullWidthFormsAndEmojiPasses() {
        assertThat(TextCharacters.firstForbidden("")).isEqualTo(-1);
        assertThat(TextCharacters.firstForbidden("物业管理有问题\t第一行\r\n第二行")).isEqualTo(-1);
        assertThat(TextCharacters.firstForbidden("零\u200b宽\u200c\u200d\u2060\ufeff")).isEqualTo(-1);
        assertThat(TextCharacters.firstForbidden("\u200e\u200f\u202a\u202e\u2066\u2069")).isEqualTo(-1);
        assertThat(TextCharacters.firstForbidden("１２３ＡＢＣ😀e\u0301\ufffd")).isEqualTo(-1);
    }
}
