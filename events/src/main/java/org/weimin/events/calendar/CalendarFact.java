package org.weimin.events.calendar;

import java.time.LocalDate;
import java.util.Objects;

/**
 * One date whose status a State Council notice fixes: a day off or an adjusted working day, with the name of the
 * holiday it belongs to (e.g. {@code 春节}).
 *
 * @param date the date (Asia/Shanghai calendar date)
 * @param kind day off or working day
 * @param name the holiday's name; not blank, one line
 */
public record CalendarFact(LocalDate date, DayKind kind, String name) {
    public CalendarFact {
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        name = name.strip();
        if (name.isEmpty() || name.contains("\n") || name.contains("\r")) {
            throw new IllegalArgumentException("the holiday name of " + date + " must be one non-blank line");
        }
    }

    /** A day off named {@code name}. */
    public static CalendarFact off(LocalDate date, String name) {
        return new CalendarFact(date, DayKind.HOLIDAY, name);
    }

    /** An adjusted working day named after the holiday {@code name} it makes up for. */
    public static CalendarFact work(LocalDate date, String name) {
        return new CalendarFact(date, DayKind.ADJUSTED_WORKING_DAY, name);
    }

    /** True when this fact makes its date a working day. */
    @com.fasterxml.jackson.annotation.JsonIgnore
    public boolean isWorkingDay() {
        return kind == DayKind.ADJUSTED_WORKING_DAY;
    }
}
