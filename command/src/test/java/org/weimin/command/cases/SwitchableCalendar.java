package org.weimin.command.cases;

import java.time.Instant;
import java.util.Objects;
import org.weimin.events.calendar.Deadline;
import org.weimin.events.calendar.WeekdayCalendar;
import org.weimin.events.calendar.WorkingCalendar;

/**
 * A working calendar for fixtures whose data can be swapped between given and when, like the application's
 * {@code RevisableWorkingCalendar} after a {@code CalendarRevised}: a fixture's injectable resources are fixed, the
 * calendar behind this one is not. Starts as the plain {@link WeekdayCalendar}.
 */
final class SwitchableCalendar implements WorkingCalendar {
    private WorkingCalendar current = new WeekdayCalendar();

    /** From now on, count with {@code calendar}. */
    void use(WorkingCalendar calendar) {
        current = Objects.requireNonNull(calendar);
    }

    @Override
    public Deadline deadline(Instant start, int workingDays) {
        return current.deadline(start, workingDays);
    }

    @Override
    public int countWorkingDays(Instant runStart, Instant until) {
        return current.countWorkingDays(runStart, until);
    }

    @Override
    public String revision() {
        return current.revision();
    }
}
