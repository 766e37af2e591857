package org.weimin.events.calendar;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;

/**
 * The plain Monday–Friday calendar: no statutory holidays and no adjusted working days, so every deadline it
 * computes is {@linkplain Deadline#provisional() provisional}. It stands in for the real holiday calendar until
 * that is loaded (time-limit issue), and is the rule rules.md prescribes for years without a published schedule.
 */
public final class WeekdayCalendar implements WorkingCalendar {

    /** The revision string recorded in deadlines computed by this calendar. */
    public static final String REVISION = "weekdays-only";

    @Override
    public Deadline deadline(Instant start, int workingDays) {
        if (workingDays < 1) {
            throw new IllegalArgumentException("a time limit is at least 1 working day, got " + workingDays);
        }
        LocalDate day = start.atZone(ZONE).toLocalDate();
        int counted = 0;
        while (counted < workingDays) {
            day = day.plusDays(1);
            if (isWorkingDay(day)) {
                counted++;
            }
        }
        Instant endOfDay = day.plusDays(1).atStartOfDay(ZONE).toInstant();
        return new Deadline(endOfDay, true, REVISION);
    }

    @Override
    public int countWorkingDays(Instant runStart, Instant until) {
        LocalDate day = runStart.atZone(ZONE).toLocalDate();
        LocalDate last = until.atZone(ZONE).toLocalDate();
        int counted = 0;
        while (day.isBefore(last)) {
            day = day.plusDays(1);
            if (isWorkingDay(day)) {
                counted++;
            }
        }
        return counted;
    }

    /** Monday to Friday. */
    public boolean isWorkingDay(LocalDate day) {
        DayOfWeek dow = day.getDayOfWeek();
        return dow != DayOfWeek.SATURDAY && dow != DayOfWeek.SUNDAY;
    }

    @Override
    public String revision() {
        return REVISION;
    }
}
