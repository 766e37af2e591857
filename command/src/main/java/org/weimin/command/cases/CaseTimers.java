package org.weimin.command.cases;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import org.weimin.events.calendar.WorkingCalendar;

/**
 * The case's persistent timers (Axon deadlines, stored by db-scheduler in the event-store database, so one that falls
 * due while the service is down fires after restart). Each carries the instant it is about; a handler ignores a timer
 * whose instant is no longer the one in force (the deadline moved, the case was accepted, completed or paused), so
 * delivery at least once is safe and a moved deadline needs no cancellation.
 */
public final class CaseTimers {
    private CaseTimers() {
    }

    /** Deadline name of the warning timer (预警). */
    public static final String WARNING = "case-warning";
    /** Deadline name of the overdue timer (超期). */
    public static final String OVERDUE = "case-overdue";
    /** Deadline name of the return-window timer (deemed acceptance). */
    public static final String RETURN_WINDOW = "case-return-window";

    /** Deadline name of a supervision order's due timer. */
    public static final String SUPERVISION_ORDER = "case-supervision-order";
    /** Deadline name of a rectification's due timer. */
    public static final String RECTIFICATION = "case-rectification";

    /**
     * Payload of every case timer.
     *
     * @param about  the deadline (or return-window end) this timer belongs to
     * @param firesAt when it fires: the business time of the event it produces
     */
    public record Timer(Instant about, Instant firesAt) {
    }

    /** Payload of a supervision order's timer. */
    public record OrderTimer(int orderNumber, Instant dueAt) {
    }

    /**
     * The warning time: 00:00 Asia/Shanghai of the last counted working day, i.e. 24 hours before a deadline at 24:00
     * of that day (rules.md "Deadlines and calendar"; Asia/Shanghai has no daylight saving time).
     */
    public static Instant warningAt(Instant dueAt) {
        return dueAt.minus(Duration.ofDays(1));
    }

    /**
     * The warning time when the warning is due {@code workingDaysBefore} working days before the deadline: 00:00
     * Asia/Shanghai of the {@code workingDaysBefore}-th last counted working day (1 = the last one; rules.md).
     */
    public static Instant warningAt(Instant dueAt, int workingDaysBefore, WorkingCalendar calendar) {
        LocalDate day = dueAt.atZone(WorkingCalendar.ZONE).toLocalDate().minusDays(1);
        for (int counted = 1; counted < workingDaysBefore; ) {
            day = day.minusDays(1);
            if (calendar.countWorkingDays(noon(day.minusDays(1)), noon(day)) == 1) {
                counted++;
            }
        }
        return day.atStartOfDay(WorkingCalendar.ZONE).toInstant();
    }

    private static Instant noon(LocalDate day) {
        return day.atTime(12, 0).atZone(WorkingCalendar.ZONE).toInstant();
    }
}
