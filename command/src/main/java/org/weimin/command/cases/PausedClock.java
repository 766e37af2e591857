package org.weimin.command.cases;

import java.time.Instant;
import org.weimin.events.calendar.Deadline;
import org.weimin.events.calendar.WorkingCalendar;

/**
 * Counting while paused (rules.md "One-time notice and the paused clock"). A counting run starts at receipt (or at a
 * supplement, or a reopen) with a budget of working days. At a notice, used = the working days counted after the
 * run's start day up to and including the notice day; remaining = budget − used. After the supplement counting
 * restarts on the next working day and the deadline is the end of the remaining-th working day.
 *
 * <p>Example A: received Mon 2025-03-03, limit 5; notice Wed 03-05 uses 2, 3 remain; supplement Mon 03-10 → due end
 * of 03-13. Example B: notice on the day of receipt uses none; supplement Wed 03-05 → due end of 03-12.
 */
public final class PausedClock {
    private PausedClock() {
    }

    /** Working days used in the run that started at {@code runStart}, up to and including the notice day. */
    public static int used(WorkingCalendar calendar, Instant runStart, Instant noticeAt) {
        return calendar.countWorkingDays(runStart, noticeAt);
    }

    /**
     * The deadline after a supplement: the remaining budget counted from the next working day; when nothing remains
     * (the case was already due when paused), the deadline in force before the pause stays.
     */
    public static Deadline resumed(WorkingCalendar calendar, Instant supplementAt, int remaining,
                                   Deadline beforePause) {
        return remaining > 0 ? calendar.deadline(supplementAt, remaining) : beforePause;
    }
}
