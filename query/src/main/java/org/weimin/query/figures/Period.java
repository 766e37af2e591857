package org.weimin.query.figures;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import org.weimin.events.calendar.WorkingCalendar;

/**
 * One figures period: a day, month or year in Asia/Shanghai, from 00:00 Beijing time on its first day (inclusive) to
 * 00:00 on the first day of the next period (exclusive). This is exactly the bucket Elasticsearch's
 * {@code date_histogram} with {@code time_zone: Asia/Shanghai} puts an instant in, so a case received at 23:59 on
 * 31 March Beijing time (15:59 UTC) is a March case and one received at 00:00 on 1 April (16:00 UTC on 31 March) is
 * an April case.
 *
 * @param granularity day, month or year
 * @param first       the first calendar day of the period
 */
public record Period(Granularity granularity, LocalDate first) {

    /**
     * @throws DateTimeParseException when {@code text} is not a period of that granularity
     */
    public static Period parse(Granularity granularity, String text) {
        return new Period(granularity, granularity.parseStart(text));
    }

    /** The period containing an instant (in Asia/Shanghai). */
    public static Period containing(Granularity granularity, Instant instant) {
        return new Period(granularity, granularity.startOf(instant.atZone(WorkingCalendar.ZONE).toLocalDate()));
    }

    /** The period's name as written in requests and responses: {@code 2026-03-05}, {@code 2026-03}, {@code 2026}. */
    public String key() {
        return granularity.format(first);
    }

    /** 00:00 Asia/Shanghai on the first day, inclusive. */
    public Instant start() {
        return first.atStartOfDay(WorkingCalendar.ZONE).toInstant();
    }

    /** 00:00 Asia/Shanghai on the first day of the next period, exclusive. */
    public Instant end() {
        return granularity.next(first).atStartOfDay(WorkingCalendar.ZONE).toInstant();
    }

    /** The period right after this one, of the same granularity. */
    public Period next() {
        return new Period(granularity, granularity.next(first));
    }
}
