package org.weimin.query.pages;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.weimin.events.calendar.WeekdayCalendar;
import org.weimin.query.cases.PublicCaseView;

/** Working days left, due today, overdue and paused as the public pages say them; fixed instants, Monday–Friday. */
class DeadlineProgressTest {
    private final WeekdayCalendar calendar = new WeekdayCalendar();
    /** Friday 2025-03-07 24:00 Beijing. */
    private static final Instant FRIDAY_MIDNIGHT = Instant.parse("2025-03-07T16:00:00Z");

    private static PublicCaseView view(String status, Instant deadline, boolean paused, Integer remaining) {
        return new PublicCaseView("WM-00000-00001-Y", status, new PublicCaseView.Named("MZ-002", "x"),
                Instant.parse("2025-03-03T02:00:00Z"), deadline, false, paused, remaining,
                new PublicCaseView.Named("JJD-ZX", "y"), null, null, List.of(), 1);
    }

    @Test
    void onTuesdayMorningADeadlineAtFridayMidnightLeavesFourWorkingDaysCountingToday() {
        DeadlineProgress progress = DeadlineProgress.of(view("IN_PROGRESS", FRIDAY_MIDNIGHT, false, null), calendar,
                Instant.parse("2025-03-04T02:00:00Z"));
        assertThat(progress.daysLeft()).isEqualTo(4);
        assertThat(progress.lastDay()).isEqualTo(LocalDate.of(2025, 3, 7));
        assertThat(progress.dueToday()).isFalse();
        assertThat(progress.overdue()).isFalse();
    }

    @Test
    void onTheWeekendBeforeTheDeadlineOnlyTheWorkingDaysAhead() {
        // Saturday 2025-03-01 10:00 Beijing, deadline Tuesday 2025-03-04 24:00: Monday and Tuesday.
        DeadlineProgress progress = DeadlineProgress.of(view("IN_PROGRESS", Instant.parse("2025-03-04T16:00:00Z"),
                false, null), calendar, Instant.parse("2025-03-01T02:00:00Z"));
        assertThat(progress.daysLeft()).isEqualTo(2);
    }

    @Test
    void onTheLastDayItIsDueTodayAndAtMidnightOverdue() {
        DeadlineProgress today = DeadlineProgress.of(view("IN_PROGRESS", FRIDAY_MIDNIGHT, false, null), calendar,
                Instant.parse("2025-03-07T15:59:00Z"));
        assertThat(today.dueToday()).isTrue();
        assertThat(today.daysLeft()).isEqualTo(1);
        DeadlineProgress overdue = DeadlineProgress.of(view("IN_PROGRESS", FRIDAY_MIDNIGHT, false, null), calendar,
                FRIDAY_MIDNIGHT);
        assertThat(overdue.overdue()).isTrue();
        assertThat(overdue.daysLeft()).isNull();
    }

    @Test
    void aPausedCaseShowsTheDaysRemainingAndACompletedOneNeitherDaysNorOverdue() {
        DeadlineProgress paused = DeadlineProgress.of(view("PAUSED", null, true, 3), calendar, FRIDAY_MIDNIGHT);
        assertThat(paused.paused()).isTrue();
        assertThat(paused.pausedRemaining()).isEqualTo(3);
        assertThat(paused.lastDay()).isNull();
        for (String status : List.of("COMPLETED", "EVALUATED")) {
            DeadlineProgress done = DeadlineProgress.of(view(status, FRIDAY_MIDNIGHT, false, null), calendar,
                    Instant.parse("2025-03-10T02:00:00Z"));
            assertThat(done.overdue()).as(status).isFalse();
            assertThat(done.daysLeft()).as(status).isNull();
            assertThat(done.lastDay()).as(status).isEqualTo(LocalDate.of(2025, 3, 7));
        }
    }
}
