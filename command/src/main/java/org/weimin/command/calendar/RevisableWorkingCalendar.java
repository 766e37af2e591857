package org.weimin.command.calendar;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import org.weimin.events.calendar.CalendarFacts;
import org.weimin.events.calendar.CalendarRevised;
import org.weimin.events.calendar.Deadline;
import org.weimin.events.calendar.HolidayCalendar;
import org.weimin.events.calendar.WorkingCalendar;

/**
 * The application's working calendar: the shipped holiday facts plus every {@link CalendarRevised} recorded since,
 * swapped atomically when a revision is applied. Deadlines already computed keep the revision they name; a revision
 * triggers the recount of open cases' provisional deadlines ({@link CalendarRevisionPolicy}).
 */
public class RevisableWorkingCalendar implements WorkingCalendar {
    private final AtomicReference<HolidayCalendar> current;

    public RevisableWorkingCalendar(CalendarFacts shipped) {
        this.current = new AtomicReference<>(new HolidayCalendar(shipped));
    }

    /** Applies a recorded revision (idempotent: applying the same year's facts again changes nothing). */
    public void apply(CalendarRevised revision) {
        current.updateAndGet(calendar -> new HolidayCalendar(calendar.facts().withYear(revision.year(),
                revision.notice(), revision.facts(), revision.revision())));
    }

    /** The facts in force. */
    public CalendarFacts facts() {
        return current.get().facts();
    }

    @Override
    public Deadline deadline(Instant start, int workingDays) {
        return current.get().deadline(start, workingDays);
    }

    @Override
    public int countWorkingDays(Instant runStart, Instant until) {
        return current.get().countWorkingDays(runStart, until);
    }

    @Override
    public String revision() {
        return current.get().revision();
    }
}
