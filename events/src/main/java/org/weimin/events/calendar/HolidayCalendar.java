package org.weimin.events.calendar;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;

/**
 * The working-day calendar of the State Council's schedules (rules.md "Deadlines and calendar"): Monday to Friday,
 * minus statutory holidays, plus adjusted working days (调休上班日), from {@link CalendarFacts}. Dates of years
 * without a published schedule count by the plain Monday–Friday rule, and a deadline counted over any date that is
 * not {@linkplain CalendarFacts#isCertain(LocalDate) certain} is provisional. Pure and immutable; dates are
 * Asia/Shanghai ({@link #ZONE}).
 */
public final class HolidayCalendar implements WorkingCalendar {

    private final CalendarFacts facts;

    /** The calendar of {@code facts}; its {@link #revision()} is theirs. */
    public HolidayCalendar(CalendarFacts facts) {
        this.facts = Objects.requireNonNull(facts, "facts");
    }

    /** The facts this calendar counts with. */
    public CalendarFacts facts() {
        return facts;
    }

    /**
     * The deadline for {@code workingDays} counted from {@code start}: counting begins at the first working day after
     * {@code start}'s Asia/Shanghai date (the time of day does not matter); the deadline is 24:00 at the end of the
     * last counted day, i.e. 00:00 Asia/Shanghai of the next calendar day. Provisional when any date from the day after
     * the start date through the due date is uncertain (an unpublished year, or December 18–31 of the last published
     * year).
     *
     * @throws IllegalArgumentException when {@code workingDays < 1}; never for lack of calendar data
     */
    @Override
    public Deadline deadline(Instant start, int workingDays) {
        Objects.requireNonNull(start, "start");
        if (workingDays < 1) {
            throw new IllegalArgumentException("a time limit is at least 1 working day, got " + workingDays);
        }
        LocalDate day = start.atZone(ZONE).toLocalDate();
        boolean provisional = false;
        int counted = 0;
        while (counted < workingDays) {
            day = day.plusDays(1);
            provisional |= !facts.isCertain(day);
            if (facts.isWorkingDay(day)) {
                counted++;
            }
        }
        return new Deadline(day.plusDays(1).atStartOfDay(ZONE).toInstant(), provisional, facts.revision());
    }

    /**
     * The working days {@code d} with {@code runStart}'s date &lt; {@code d} ≤ {@code until}'s date (Asia/Shanghai);
     * 0 when {@code until}'s date is not after {@code runStart}'s (rules.md examples A and B).
     */
    @Override
    public int countWorkingDays(Instant runStart, Instant until) {
        LocalDate day = runStart.atZone(ZONE).toLocalDate();
        LocalDate last = until.atZone(ZONE).toLocalDate();
        int counted = 0;
        while (day.isBefore(last)) {
            day = day.plusDays(1);
            if (facts.isWorkingDay(day)) {
                counted++;
            }
        }
        return counted;
    }

    /** Whether {@code date} (an Asia/Shanghai date) is a working day; see {@link CalendarFacts#isWorkingDay}. */
    public boolean isWorkingDay(LocalDate date) {
        return facts.isWorkingDay(date);
    }

    @Override
    public String revision() {
        return facts.revision();
    }
}
