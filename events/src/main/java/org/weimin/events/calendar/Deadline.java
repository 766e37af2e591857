package org.weimin.events.calendar;

import java.time.Instant;
import java.util.Objects;

/**
 * A committed deadline (承诺时限): the instant at which the case becomes overdue, i.e. 24:00 Asia/Shanghai at the end
 * of the last counted working day (rules.md "Deadlines and calendar").
 *
 * @param dueAt            the deadline instant
 * @param provisional      true when counting ran through days whose holiday schedule is not yet published; firmed
 *                         up when the schedule is loaded
 * @param calendarRevision the revision of the working-day calendar it was computed with
 */
public record Deadline(Instant dueAt, boolean provisional, String calendarRevision) {
    public Deadline {
        Objects.requireNonNull(dueAt, "dueAt");
        Objects.requireNonNull(calendarRevision, "calendarRevision");
    }
}
