package org.weimin.events.calendar;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Test vocabulary for calendars: facts typed in code (the shipped file lives in ops and is tested there). */
final class CalendarFixtures {
    private CalendarFixtures() {
    }

    /** An instant given as Beijing local time, e.g. {@code "2025-01-24T17:00"}. */
    static Instant beijing(String localDateTime) {
        return ZonedDateTime.parse(localDateTime + "+08:00[Asia/Shanghai]").toInstant();
    }

    /** 24:00 Beijing time at the end of {@code date}, as an instant. */
    static Instant endOf(String date) {
        return LocalDate.parse(date).plusDays(1).atStartOfDay(WorkingCalendar.ZONE).toInstant();
    }

    static LocalDate date(String date) {
        return LocalDate.parse(date);
    }

    /** Days off from {@code first} to {@code last} inclusive, named {@code name}. */
    static List<CalendarFact> off(String first, String last, String name) {
        List<CalendarFact> facts = new ArrayList<>();
        for (LocalDate d = date(first); !d.isAfter(date(last)); d = d.plusDays(1)) {
            facts.add(CalendarFact.off(d, name));
        }
        return facts;
    }

    static CalendarFact work(String date, String name) {
        return CalendarFact.work(date(date), name);
    }

    @SafeVarargs
    static List<CalendarFact> concat(List<CalendarFact>... parts) {
        List<CalendarFact> all = new ArrayList<>();
        for (List<CalendarFact> part : parts) {
            all.addAll(part);
        }
        return all;
    }

    /** Published years {@code from}..{@code to}, each with a made-up notice text. */
    static Map<Integer, String> published(int from, int to) {
        Map<Integer, String> years = new TreeMap<>();
        for (int y = from; y <= to; y++) {
            years.put(y, "notice of " + y);
        }
        return years;
    }

    /** Spring Festival 2025 (rules.md issue example): 01-28 to 02-04 off; Sun 01-26 and Sat 02-08 working. */
    static List<CalendarFact> springFestival2025() {
        return concat(off("2025-01-28", "2025-02-04", "春节"),
                List.of(work("2025-01-26", "春节"), work("2025-02-08", "春节")));
    }

    /** New Year 2019 as 2019's notice fixes it: Sat 2018-12-29 working, 2018-12-30 to 2019-01-01 off. */
    static List<CalendarFact> newYear2019() {
        return concat(List.of(work("2018-12-29", "元旦")), off("2018-12-30", "2019-01-01", "元旦"));
    }

    /** 2024–2026 published (2026 the last), with Spring Festival 2025. */
    static CalendarFacts facts2024To2026() {
        return CalendarFacts.of(published(2024, 2026), springFestival2025(), "test-2026");
    }
}
