package org.weimin.events.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.weimin.events.calendar.CalendarFixtures.beijing;
import static org.weimin.events.calendar.CalendarFixtures.date;
import static org.weimin.events.calendar.CalendarFixtures.endOf;
import static org.weimin.events.calendar.CalendarFixtures.facts2024To2026;
import static org.weimin.events.calendar.CalendarFixtures.newYear2019;
import static org.weimin.events.calendar.CalendarFixtures.off;
import static org.weimin.events.calendar.CalendarFixtures.published;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Counting over holidays and adjusted working days (rules.md "Deadlines and calendar"), Asia/Shanghai dates. */
class HolidayCalendarTest {
    private final HolidayCalendar calendar = new HolidayCalendar(facts2024To2026());

    @Test
    void aLimitOfThreeFromTheFridayBeforeSpringFestival2025EndsOnTheFifthOfFebruary() {
        // Counted: Sun 01-26 (adjusted working day), Mon 01-27, then 01-28..02-04 off, Wed 02-05.
        Deadline deadline = calendar.deadline(beijing("2025-01-24T17:00"), 3);
        assertThat(deadline.dueAt()).isEqualTo(Instant.parse("2025-02-05T16:00:00Z"));
        assertThat(deadline.provisional()).isFalse();
        assertThat(deadline.calendarRevision()).isEqualTo("test-2026");
    }

    @Test
    void holidaysAreRestDaysAndAdjustedWeekendDaysAreWorkingDays() {
        assertThat(calendar.isWorkingDay(date("2025-01-28"))).isFalse();
        assertThat(calendar.isWorkingDay(date("2025-01-26"))).isTrue();
        assertThat(calendar.isWorkingDay(date("2025-02-08"))).isTrue();
        assertThat(calendar.isWorkingDay(date("2025-02-09"))).isFalse();
        assertThat(calendar.isWorkingDay(date("2025-02-05"))).isTrue();
    }

    @Test
    void aReceiptOnAnAdjustedWorkingSundayCountsFromTheNextWorkingDay() {
        assertThat(calendar.deadline(beijing("2025-01-26T10:00"), 1).dueAt()).isEqualTo(endOf("2025-01-27"));
        assertThat(calendar.deadline(beijing("2025-01-26T10:00"), 2).dueAt()).isEqualTo(endOf("2025-02-05"));
    }

    @Test
    void aReceiptDuringTheHolidayCountsFromTheFirstWorkingDayAfter() {
        assertThat(calendar.deadline(beijing("2025-01-30T09:00"), 1).dueAt()).isEqualTo(endOf("2025-02-05"));
    }

    @Test
    void aReceiptBeforeEightInTheMorningCountsFromItsBeijingDateNotItsUtcDate() {
        // 07:00 Beijing on Mon 01-27 is still Sun 01-26 in UTC, an adjusted working day: counting from the UTC date
        // would give Mon 01-27; from the Beijing date it is the first working day after the holiday.
        Instant received = Instant.parse("2025-01-26T23:00:00Z");
        assertThat(received).isEqualTo(beijing("2025-01-27T07:00"));
        assertThat(calendar.deadline(received, 1).dueAt()).isEqualTo(endOf("2025-02-05"));
    }

    @Test
    void theTimeOfDayDoesNotMatter() {
        assertThat(calendar.deadline(beijing("2025-01-24T00:00"), 3))
                .isEqualTo(calendar.deadline(beijing("2025-01-24T23:59:59"), 3));
    }

    @Test
    void theYearBoundaryFollowsTheNextYearsNotice() {
        // 2019's notice makes Sat 2018-12-29 a working day and 2018-12-31 a day off.
        HolidayCalendar withNewYear2019 = new HolidayCalendar(
                CalendarFacts.of(published(2018, 2019), newYear2019(), "test-2019"));
        Deadline one = withNewYear2019.deadline(beijing("2018-12-28T16:00"), 1);
        assertThat(one.dueAt()).isEqualTo(endOf("2018-12-29"));
        assertThat(one.provisional()).isFalse();
        assertThat(withNewYear2019.deadline(beijing("2018-12-28T16:00"), 2).dueAt()).isEqualTo(endOf("2019-01-02"));
    }

    @Test
    void exampleC_countingIntoAnUnpublishedYearUsesMondayToFridayAndIsProvisional() {
        // rules.md example C: 2026 the last published year; counted 12-31, 2027-01-01, 2027-01-04.
        Deadline deadline = calendar.deadline(beijing("2026-12-30T10:00"), 3);
        assertThat(deadline.dueAt()).isEqualTo(Instant.parse("2027-01-04T16:00:00Z"));
        assertThat(deadline.provisional()).isTrue();
    }

    @Test
    void loadingTheNextYearsScheduleFirmsUpAProvisionalDeadline() {
        HolidayCalendar revised = new HolidayCalendar(calendar.facts()
                .withYear(2027, "an invented 2027 notice", off("2027-01-01", "2027-01-01", "元旦"), "test-2027"));
        // Counted: 2026-12-31, (2027-01-01 now off), 2027-01-04, 2027-01-05.
        Deadline deadline = revised.deadline(beijing("2026-12-30T10:00"), 3);
        assertThat(deadline.dueAt()).isEqualTo(Instant.parse("2027-01-05T16:00:00Z"));
        assertThat(deadline.provisional()).isFalse();
        assertThat(deadline.calendarRevision()).isEqualTo("test-2027");
        assertThat(revised.revision()).isEqualTo("test-2027");
    }

    @Test
    void aDeadlineTouchingTheLastTwoWeeksOfTheLastPublishedYearIsProvisional() {
        // Wed 2026-12-16: limit 1 → Thu 12-17, certain; limit 2 → Fri 12-18, which 2027's notice may still change.
        assertThat(calendar.deadline(beijing("2026-12-16T10:00"), 1).provisional()).isFalse();
        Deadline touching = calendar.deadline(beijing("2026-12-16T10:00"), 2);
        assertThat(touching.dueAt()).isEqualTo(endOf("2026-12-18"));
        assertThat(touching.provisional()).isTrue();
        assertThat(calendar.deadline(beijing("2025-12-17T10:00"), 5).provisional())
                .as("December 2025 is certain: 2026 is published").isFalse();
    }

    @Test
    void datesOfAnUnpublishedYearCountMondayToFriday() {
        Deadline deadline = calendar.deadline(beijing("2027-03-05T10:00"), 1); // a Friday
        assertThat(deadline.dueAt()).isEqualTo(endOf("2027-03-08"));
        assertThat(deadline.provisional()).isTrue();
    }

    @Test
    void withoutAnyDataReceiptStillGetsAProvisionalDeadline() {
        HolidayCalendar none = new HolidayCalendar(CalendarFacts.empty("no-data"));
        Deadline deadline = none.deadline(beijing("2025-03-03T10:00"), 5);
        assertThat(deadline.dueAt()).isEqualTo(endOf("2025-03-10"));
        assertThat(deadline.provisional()).isTrue();
        assertThat(deadline.calendarRevision()).isEqualTo("no-data");
    }

    @Test
    void aLimitBelowOneIsRejected() {
        assertThatThrownBy(() -> calendar.deadline(beijing("2025-03-03T10:00"), 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 1 working day");
    }

    @Test
    void countWorkingDaysMatchesExamplesAAndB() {
        Instant received = beijing("2025-03-03T10:00"); // Monday
        // Example A: notice Wed 03-05 → 03-04 and 03-05 used.
        assertThat(calendar.countWorkingDays(received, beijing("2025-03-05T15:00"))).isEqualTo(2);
        // Example B: notice the same day → none used.
        assertThat(calendar.countWorkingDays(received, beijing("2025-03-03T16:00"))).isZero();
        assertThat(calendar.countWorkingDays(received, beijing("2025-03-01T16:00"))).isZero();
    }

    @Test
    void countWorkingDaysSkipsHolidaysAndCountsAdjustedWorkingDays() {
        // After Fri 01-24 up to Wed 02-05: Sun 01-26, Mon 01-27, Wed 02-05.
        assertThat(calendar.countWorkingDays(beijing("2025-01-24T17:00"), beijing("2025-02-05T09:00")))
                .isEqualTo(3);
    }

    @Test
    void countWorkingDaysUsesBeijingDates() {
        // 2025-03-04T07:00 Beijing is 03-03 in UTC; one working day (03-04) has begun in Beijing.
        assertThat(calendar.countWorkingDays(beijing("2025-03-03T10:00"), Instant.parse("2025-03-03T23:00:00Z")))
                .isEqualTo(1);
    }
}
