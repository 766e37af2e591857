package org.weimin.query.pages;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import org.springframework.stereotype.Component;
import org.weimin.events.calendar.WorkingCalendar;

/**
 * Date formats of the web pages, always in Asia/Shanghai whatever the server's zone: templates call
 * {@code ${@pageDates.dateTime(instant)}}. Null in, empty text out.
 */
@Component("pageDates")
public class PageDates {
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    /** {@code 2025-03-04 10:00} (Beijing time). */
    public String dateTime(Instant instant) {
        return instant == null ? "" : DATE_TIME.format(instant.atZone(WorkingCalendar.ZONE));
    }

    /**
     * A deadline instant (24:00 Asia/Shanghai at the end of its last working day, rules.md "Deadlines and calendar")
     * as that day: {@code 2025-03-10 24:00}.
     */
    public String deadline(Instant deadline) {
        return deadline == null ? ""
                : deadline.minusMillis(1).atZone(WorkingCalendar.ZONE).toLocalDate() + " 24:00";
    }

    /** {@code 2025-03-04}. */
    public String date(LocalDate date) {
        return date == null ? "" : date.toString();
    }
}
