package org.weimin.query.pages;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import org.weimin.events.calendar.WorkingCalendar;
import org.weimin.query.cases.PublicCaseView;

/**
 * Where a case stands against its committed deadline, in the words the public pages use (issue 10): working days
 * left counting today, due today, or overdue; or, while the clock is paused, the working days that remain once it
 * runs again (as the public API gives them). Working days and dates are those of Asia/Shanghai (rules.md "Deadlines
 * and calendar": the deadline is 24:00 at the end of its last working day).
 *
 * @param lastDay   the deadline's last working day; null while paused or when completed
 * @param daysLeft  working days from today through {@code lastDay} (today counted when it is a working day); null
 *                  when there is no running deadline or it has passed
 * @param dueToday  today is the last working day
 * @param overdue   the deadline has passed and the case is not completed
 * @param paused    the clock is paused; {@code pausedRemaining} then holds the working days left when it resumes
 */
public record DeadlineProgress(LocalDate lastDay, Integer daysLeft, boolean dueToday, boolean overdue, boolean paused,
                               Integer pausedRemaining) {
    /** Statuses whose deadline no longer runs: completed, and completed then evaluated. */
    private static final java.util.Set<String> FINISHED = java.util.Set.of("COMPLETED", "EVALUATED");

    /**
     * The progress of a public view at {@code now}.
     *
     * @param calendar the application's working calendar
     */
    public static DeadlineProgress of(PublicCaseView view, WorkingCalendar calendar, Instant now) {
        if (view.paused()) {
            return new DeadlineProgress(null, null, false, false, true, view.remainingWorkingDays());
        }
        if (view.deadline() == null || FINISHED.contains(view.status())) {
            return new DeadlineProgress(lastDay(view.deadline()), null, false, false, false, null);
        }
        LocalDate lastDay = lastDay(view.deadline());
        if (!now.isBefore(view.deadline())) {
            return new DeadlineProgress(lastDay, null, false, true, false, null);
        }
        // countWorkingDays counts the days after its start's date: start yesterday to count today too.
        int left = calendar.countWorkingDays(now.minus(Duration.ofDays(1)), view.deadline().minusMillis(1));
        boolean today = lastDay.equals(now.atZone(WorkingCalendar.ZONE).toLocalDate());
        return new DeadlineProgress(lastDay, left, today, false, false, null);
    }

    private static LocalDate lastDay(Instant deadline) {
        return deadline == null ? null : deadline.minusMillis(1).atZone(WorkingCalendar.ZONE).toLocalDate();
    }
}
