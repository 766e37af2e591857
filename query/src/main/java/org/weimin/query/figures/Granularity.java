package org.weimin.query.figures;

import co.elastic.clients.elasticsearch._types.aggregations.CalendarInterval;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;

/**
 * The length of a figures period: a calendar day, month or year in Asia/Shanghai (rules.md "Figures (assessment)";
 * every period boundary is 00:00 Beijing time, whatever the server's zone). Periods are written {@code 2026-03-05},
 * {@code 2026-03} and {@code 2026}.
 */
public enum Granularity {
    DAY("day", CalendarInterval.Day),
    MONTH("month", CalendarInterval.Month),
    YEAR("year", CalendarInterval.Year);

    private final String param;
    private final CalendarInterval interval;

    Granularity(String param, CalendarInterval interval) {
        this.param = param;
        this.interval = interval;
    }

    /** The request parameter value: {@code day}, {@code month} or {@code year}. */
    public String param() {
        return param;
    }

    /** The {@code calendar_interval} of the matching {@code date_histogram}. */
    public CalendarInterval interval() {
        return interval;
    }

    /** @return the granularity for a request parameter value, or null when unknown */
    public static Granularity fromParam(String value) {
        for (Granularity g : values()) {
            if (g.param.equals(value)) {
                return g;
            }
        }
        return null;
    }

    /**
     * The first day of the period written {@code text}.
     *
     * @throws DateTimeParseException when the text is not a period of this granularity (e.g. {@code 2026-3}, or a
     *                                day where a month is expected)
     */
    LocalDate parseStart(String text) {
        return switch (this) {
            case DAY -> LocalDate.parse(text);
            case MONTH -> YearMonth.parse(text).atDay(1);
            case YEAR -> {
                if (!text.matches("[0-9]{4}")) {
                    throw new DateTimeParseException("not a year", text, 0);
                }
                yield LocalDate.of(Integer.parseInt(text), 1, 1);
            }
        };
    }

    /** The first day of the period containing {@code day}. */
    LocalDate startOf(LocalDate day) {
        return switch (this) {
            case DAY -> day;
            case MONTH -> day.withDayOfMonth(1);
            case YEAR -> day.withDayOfYear(1);
        };
    }

    LocalDate next(LocalDate start) {
        return switch (this) {
            case DAY -> start.plusDays(1);
            case MONTH -> start.plusMonths(1);
            case YEAR -> start.plusYears(1);
        };
    }

    String format(LocalDate start) {
        return switch (this) {
            case DAY -> start.toString();
            case MONTH -> YearMonth.from(start).toString();
            case YEAR -> Integer.toString(start.getYear());
        };
    }
}
