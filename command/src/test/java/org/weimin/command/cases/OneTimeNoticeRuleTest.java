package org.weimin.command.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.weimin.command.cases.CaseFixtures.BANK_STATEMENTS;
import static org.weimin.command.cases.CaseFixtures.BANK_STATEMENTS_RETYPED;
import static org.weimin.command.cases.CaseFixtures.COMMUNITY_STATEMENT;
import static org.weimin.command.cases.CaseFixtures.HOUSEHOLD_REGISTER;
import static org.weimin.command.cases.CaseFixtures.INCOME_PROOF;
import static org.weimin.command.cases.CaseFixtures.INCOME_PROOF_RENAMED;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.weimin.events.cases.NoticeItem;

/** 一次性告知制: which items of a later notice no earlier notice of the round listed. */
class OneTimeNoticeRuleTest {

    private static Set<String> listed(NoticeItem... items) {
        return List.of(items).stream().map(NoticeItem::identity).collect(Collectors.toSet());
    }

    @Test
    void theFirstNoticeOfARoundIsNeverABreach() {
        assertThat(OneTimeNoticeRule.unlistedItems(Set.of(), List.of(INCOME_PROOF, COMMUNITY_STATEMENT))).isEmpty();
    }

    @Test
    void askingAgainForListedItemsIsNoBreach() {
        assertThat(OneTimeNoticeRule.unlistedItems(listed(INCOME_PROOF, BANK_STATEMENTS),
                List.of(BANK_STATEMENTS, INCOME_PROOF))).isEmpty();
    }

    @Test
    void aMaterialIsRecognisedByItsCodeWhateverItsName() {
        assertThat(OneTimeNoticeRule.unlistedItems(listed(INCOME_PROOF), List.of(INCOME_PROOF_RENAMED))).isEmpty();
    }

    @Test
    void freeTextIsMatchedIgnoringWidthCaseAndWhiteSpace() {
        assertThat(OneTimeNoticeRule.unlistedItems(listed(BANK_STATEMENTS), List.of(BANK_STATEMENTS_RETYPED)))
                .isEmpty();
        assertThat(OneTimeNoticeRule.unlistedItems(listed(BANK_STATEMENTS_RETYPED), List.of(BANK_STATEMENTS)))
                .isEmpty();
    }

    @Test
    void theUnlistedItemsAreReturnedInTheNoticesOrder() {
        assertThat(OneTimeNoticeRule.unlistedItems(listed(INCOME_PROOF),
                List.of(COMMUNITY_STATEMENT, INCOME_PROOF, HOUSEHOLD_REGISTER)))
                .containsExactly(COMMUNITY_STATEMENT, HOUSEHOLD_REGISTER);
    }

    @Test
    void differentFreeTextIsUnlisted() {
        assertThat(OneTimeNoticeRule.unlistedItems(listed(BANK_STATEMENTS), List.of(COMMUNITY_STATEMENT)))
                .containsExactly(COMMUNITY_STATEMENT);
    }
}
