package org.weimin.events.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.weimin.events.DomainException;
import org.weimin.events.ErrorCode;

/** Staff-written reasons kept in clear must carry no personal data (rules.md "Personal data"). */
class PersonalDataInTextTest {
    private static final List<String> APPLICANT = List.of("张三丰", "11010519491231002X", "13912345678",
            "示范区甲街道幸福路1号");

    @Test
    void aPlainPurposePasses() {
        assertThatCode(() -> PersonalDataInText.requireNone("reason", "电话回访核实联系方式", APPLICANT))
                .doesNotThrowAnyException();
        assertThatCode(() -> PersonalDataInText.requireNone("reason", null, APPLICANT)).doesNotThrowAnyException();
    }

    @Test
    void theApplicantsValuesAreRefusedAlsoSpacedOrInFullWidth() {
        for (String text : List.of("核实张三丰的住址", "核实张 三·丰", "回拨13912345678", "回拨１３９１２３４５６７８",
                "寄送至示范区甲街道幸福路1号")) {
            assertThatThrownBy(() -> PersonalDataInText.requireNone("reason", text, APPLICANT))
                    .as(text)
                    .isInstanceOfSatisfying(DomainException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.PERSONAL_DATA_IN_TEXT);
                        assertThat(e.fields()).containsKey("reason");
                        assertThat(e.getMessage()).doesNotContain("张三丰").doesNotContain("13912345678");
                    });
        }
    }

    @Test
    void anyIdOrPhoneNumberIsRefusedEvenWithoutKnowingTheApplicant() {
        assertThatThrownBy(() -> PersonalDataInText.requireNone("basis", "申请人身份证 110105194912310021 请求删除",
                List.of())).isInstanceOf(DomainException.class);
        assertThatThrownBy(() -> PersonalDataInText.requireNone("basis", "来电 139 8765 4321", null))
                .isInstanceOf(DomainException.class);
    }
}
