package org.weimin.command.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.weimin.command.cases.CaseFixtures.DEADLINE;
import static org.weimin.command.cases.CaseFixtures.DUE_AT;

import org.junit.jupiter.api.Test;

class OnTimeRuleTest {

    @Test
    void completingAtTheDeadlineInstantIsOnTime() {
        assertThat(OnTimeRule.isOnTime(DUE_AT, DEADLINE)).isTrue();
    }

    @Test
    void completingOneNanosecondAfterTheDeadlineIsLate() {
        assertThat(OnTimeRule.isOnTime(DUE_AT.plusNanos(1), DEADLINE)).isFalse();
    }

    @Test
    void completingBeforeTheDeadlineIsOnTime() {
        assertThat(OnTimeRule.isOnTime(DUE_AT.minusNanos(1), DEADLINE)).isTrue();
        assertThat(OnTimeRule.isOnTime(CaseFixtures.RECEIVED_AT, DEADLINE)).isTrue();
    }
}
