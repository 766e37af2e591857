package org.weimin.command.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.weimin.command.cases.CaseFixtures.DEADLINE;
import static org.weimin.command.cases.CaseFixtures.DUE_AT_A;
import static org.weimin.command.cases.CaseFixtures.DUE_AT_B;
import static org.weimin.command.cases.CaseFixtures.NOTICE_AT;
import static org.weimin.command.cases.CaseFixtures.RECEIPT_DAY_AFTERNOON;
import static org.weimin.command.cases.CaseFixtures.RECEIVED_AT;
import static org.weimin.command.cases.CaseFixtures.SUPPLEMENT_A_AT;
import static org.weimin.command.cases.CaseFixtures.SUPPLEMENT_B_AT;
import static org.weimin.command.cases.CaseFixtures.TWO_DAYS_LATE;
import static org.weimin.command.cases.CaseFixtures.weekdayDeadline;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.weimin.events.calendar.WeekdayCalendar;
import org.weimin.events.calendar.WorkingCalendar;

/** Counting while paused, rules.md "One-time notice and the paused clock", examples A and B. */
class PausedClockTest {

    private final WorkingCalendar calendar = new WeekdayCalendar();

    @Test
    void exampleA_aNoticeOnWednesdayHasUsedTuesdayAndWednesday() {
        assertThat(PausedClock.used(calendar, RECEIVED_AT, NOTICE_AT)).isEqualTo(2);
    }

    @Test
    void exampleA_threeRemainingAfterAMondaySupplementAreDueAtTheEndOfThursday() {
        assertThat(PausedClock.resumed(calendar, SUPPLEMENT_A_AT, 3, DEADLINE)).isEqualTo(weekdayDeadline(DUE_AT_A));
    }

    @Test
    void exampleB_aNoticeOnTheDayOfReceiptUsesNothing() {
        assertThat(PausedClock.used(calendar, RECEIVED_AT, RECEIPT_DAY_AFTERNOON)).isZero();
    }

    @Test
    void exampleB_fiveRemainingAfterAWednesdaySupplementRunOverTheWeekendToTheEndOfTheNextWednesday() {
        assertThat(PausedClock.resumed(calendar, SUPPLEMENT_B_AT, 5, DEADLINE)).isEqualTo(weekdayDeadline(DUE_AT_B));
    }

    @Test
    void restDaysAreNotUsed() {
        // received Mon 03-03; a notice on Sunday 03-09 (10:00 Asia/Shanghai) has used Tue to Fri.
        assertThat(PausedClock.used(calendar, RECEIVED_AT, Instant.parse("2025-03-09T02:00:00Z"))).isEqualTo(4);
    }

    @Test
    void theDayIsTakenInAsiaShanghai() {
        // 2025-03-04T16:30Z is already Wednesday 00:30 in Asia/Shanghai: Tuesday and Wednesday are used.
        assertThat(PausedClock.used(calendar, RECEIVED_AT, Instant.parse("2025-03-04T16:30:00Z"))).isEqualTo(2);
        assertThat(PausedClock.used(calendar, RECEIVED_AT, Instant.parse("2025-03-04T15:59:59Z"))).isEqualTo(1);
    }

    @Test
    void aNoticeAfterTheDeadlineHasUsedMoreThanTheLimit() {
        assertThat(PausedClock.used(calendar, RECEIVED_AT, TWO_DAYS_LATE)).isEqualTo(7);
    }

    @Test
    void withNothingRemainingTheDeadlineBeforeThePauseStays() {
        assertThat(PausedClock.resumed(calendar, TWO_DAYS_LATE, 0, DEADLINE)).isSameAs(DEADLINE);
    }

    @Test
    void withANegativeBudgetTheDeadlineBeforeThePauseStays() {
        assertThat(PausedClock.resumed(calendar, TWO_DAYS_LATE, -2, DEADLINE)).isSameAs(DEADLINE);
    }

    @Test
    void oneRemainingDayIsTheNextWorkingDay() {
        // supplement on Friday 03-07 → the one remaining day is Monday 03-10.
        assertThat(PausedClock.resumed(calendar, Instant.parse("2025-03-07T02:00:00Z"), 1, DEADLINE).dueAt())
                .isEqualTo(Instant.parse("2025-03-10T16:00:00Z"));
    }
}
