package org.weimin.events.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;

/** The plain Monday–Friday counting rule (rules.md "Deadlines and calendar"), every deadline provisional. */
class WeekdayCalendarTest {
    private final WeekdayCalendar calendar = new WeekdayCalendar();

    private static Instant beijing(String localDateTime) {
        return ZonedDateTime.parse(localDateTime + "+08:00[Asia/Shanghai]").toInstant();
    }

    @Test
    void countingStartsOnTheNextWorkingDayAndEndsAtMidnightBeijingTime() {
        // Received Mon 2025-03-03, limit 5 → counted 03-04 … 03-10, due at 24:00 on 03-10 (rules.md example A).
        Deadline deadline = calendar.deadline(beijing("2025-03-03T10:00"), 5);
        assertThat(deadline.dueAt()).isEqualTo(Instant.parse("2025-03-10T16:00:00Z"));
        assertThat(deadline.provisional()).isTrue();
        assertThat(deadline.calendarRevision()).isEqualTo(WeekdayCalendar.REVISION);
    }

    @Test
    void theTimeOfDayDoesNotMatter() {
        assertThat(calendar.deadline(beijing("2025-03-03T00:00"), 1).dueAt())
                .isEqualTo(calendar.deadline(beijing("2025-03-03T23:59:59"), 1).dueAt())
                .isEqualTo(Instant.parse("2025-03-04T16:00:00Z"));
    }

    @Test
    void aReceiptOnASaturdayCountsFromMonday() {
        assertThat(calendar.deadline(beijing("2025-03-08T09:00"), 1).dueAt())
                .isEqualTo(Instant.parse("2025-03-10T16:00:00Z"));
    }

    @Test
    void aReceiptOnFridayCountsOverTheWeekend() {
        assertThat(calendar.deadline(beijing("2025-03-07T17:00"), 3).dueAt())
                .isEqualTo(Instant.parse("2025-03-12T16:00:00Z"));
    }

    @Test
    void theBeijingDateDecidesEvenWhenUtcIsStillTheDayBefore() {
        // 07:30 on Monday in Beijing is 23:30 on Sunday in UTC: it is a Monday receipt.
        Instant mondayMorning = beijing("2025-03-03T07:30");
        assertThat(mondayMorning).isEqualTo(Instant.parse("2025-03-02T23:30:00Z"));
        assertThat(calendar.deadline(mondayMorning, 1).dueAt()).isEqualTo(Instant.parse("2025-03-04T16:00:00Z"));
    }

    @Test
    void aLimitBelowOneWorkingDayIsRefused() {
        assertThatThrownBy(() -> calendar.deadline(beijing("2025-03-03T10:00"), 0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
