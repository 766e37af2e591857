package org.weimin.events.calendar;

import java.time.Instant;
import java.time.ZoneId;

/**
 * Port: counts working days in Asia/Shanghai and computes committed deadlines (rules.md "Deadlines and calendar").
 * Pure: no clock, no I/O; safe to use inside aggregates.
 *
 * <p>Counting rule: received on a working day, counting starts the next working day; received on a rest day, the
 * first working day after; the time of day does not matter. The deadline is 24:00 at the end of the N-th counted
 * working day.
 */
public interface WorkingCalendar {

    /** The zone every working day is counted in. */
    ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    /**
     * The deadline for a limit counted from a receipt (or any other start event).
     *
     * @param start       when the counting event happened (any instant; its Asia/Shanghai date is what counts)
     * @param workingDays the limit in working days, at least 1
     * @return the deadline; never fails for lack of calendar data (it is then provisional)
     * @throws IllegalArgumentException when {@code workingDays < 1}
     */
    Deadline deadline(Instant start, int workingDays);

    /**
     * The working days counted in a run that started at {@code runStart}: those after {@code runStart}'s date up to
     * and including {@code until}'s date (Asia/Shanghai). A notice on the day of receipt uses none (rules.md "One-time
     * notice and the paused clock", examples A and B).
     *
     * @return 0 when {@code until}'s date is not after {@code runStart}'s
     */
    int countWorkingDays(Instant runStart, Instant until);

    /** The revision of the calendar data, recorded in every {@link Deadline} computed with it. */
    String revision();
}
