package org.weimin.ops.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.weimin.events.calendar.CalendarFact;
import org.weimin.events.calendar.CalendarFacts;
import org.weimin.events.calendar.Deadline;
import org.weimin.events.calendar.HolidayCalendar;
import org.weimin.events.calendar.WorkingCalendar;

/**
 * The shipped calendar file ({@code calendar/cn-working-calendar.txt}) against the State Council schedules of
 * 2019–2026, written out here independently of the file, and deadlines counted over it.
 */
class ShippedCalendarTest {
    private static final String RESOURCE = "/calendar/cn-working-calendar.txt";

    private static CalendarFacts facts;
    private static HolidayCalendar calendar;

    @BeforeAll
    static void load() throws IOException {
        try (InputStream in = ShippedCalendarTest.class.getResourceAsStream(RESOURCE)) {
            assertThat(in).as(RESOURCE + " on the class path").isNotNull();
            facts = CalendarFacts.read(in);
        }
        calendar = new HolidayCalendar(facts);
    }

    private static Instant beijing(String localDateTime) {
        return ZonedDateTime.parse(localDateTime + "+08:00[Asia/Shanghai]").toInstant();
    }

    private static Instant endOf(String date) {
        return LocalDate.parse(date).plusDays(1).atStartOfDay(WorkingCalendar.ZONE).toInstant();
    }

    @Test
    void schedulesOf2007To2026ArePublishedAnd2027IsNot() {
        assertThat(facts.publishedYears()).containsExactlyElementsOf(IntStream.rangeClosed(2007, 2026).boxed().toList());
        assertThat(facts.isPublished(2027)).isFalse();
        assertThat(facts.lastPublishedYear()).hasValue(2026);
        assertThat(facts.published().values()).allSatisfy(notice -> assertThat(notice).startsWith("http"));
        assertThat(calendar.revision()).isEqualTo(facts.revision()).isNotBlank();
    }

    /**
     * Every day of the year: a working day exactly when it is Monday–Friday outside the holiday periods, or an
     * adjusted working day. {@code off}: periods {@code MM-dd[..MM-dd]} separated by {@code ;}; {@code work}: dates.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            2019 | 01-01; 02-04..02-10; 04-05; 05-01..05-04; 06-07; 09-13; 10-01..10-07 | 02-02 02-03 04-28 05-05 09-29 10-12
            2020 | 01-01; 01-24..02-02; 04-04..04-06; 05-01..05-05; 06-25..06-27; 10-01..10-08 | 01-19 04-26 05-09 06-28 09-27 10-10
            2021 | 01-01..01-03; 02-11..02-17; 04-03..04-05; 05-01..05-05; 06-12..06-14; 09-19..09-21; 10-01..10-07 | 02-07 02-20 04-25 05-08 09-18 09-26 10-09
            2022 | 01-01..01-03; 01-31..02-06; 04-03..04-05; 04-30..05-04; 06-03..06-05; 09-10..09-12; 10-01..10-07 | 01-29 01-30 04-02 04-24 05-07 10-08 10-09
            2023 | 01-01..01-02; 01-21..01-27; 04-05; 04-29..05-03; 06-22..06-24; 09-29..10-06 | 01-28 01-29 04-23 05-06 06-25 10-07 10-08
            2024 | 01-01; 02-10..02-17; 04-04..04-06; 05-01..05-05; 06-10; 09-15..09-17; 10-01..10-07 | 02-04 02-18 04-07 04-28 05-11 09-14 09-29 10-12
            2025 | 01-01; 01-28..02-04; 04-04..04-06; 05-01..05-05; 05-31..06-02; 10-01..10-08 | 01-26 02-08 04-27 09-28 10-11
            2026 | 01-01..01-03; 02-15..02-23; 04-04..04-06; 05-01..05-05; 06-19..06-21; 09-25..09-27; 10-01..10-07 | 01-04 02-14 02-28 05-09 09-20 10-10
            """)
    void everyHolidayPeriodAndAdjustedWorkingDayOfTheYear(int year, String off, String work) {
        Set<LocalDate> offDays = new HashSet<>();
        for (String period : off.split(";")) {
            String[] ends = period.strip().split("\\.\\.");
            LocalDate last = LocalDate.parse(year + "-" + ends[ends.length - 1]);
            for (LocalDate d = LocalDate.parse(year + "-" + ends[0]); !d.isAfter(last); d = d.plusDays(1)) {
                offDays.add(d);
            }
        }
        Set<LocalDate> workDays = new HashSet<>();
        for (String date : work.strip().split("\\s+")) {
            workDays.add(LocalDate.parse(year + "-" + date));
        }

        assertThat(offDays).allSatisfy(d -> assertThat(calendar.isWorkingDay(d)).as("%s is off", d).isFalse());
        assertThat(workDays).allSatisfy(d -> assertThat(calendar.isWorkingDay(d)).as("%s is worked", d).isTrue());
        for (LocalDate d = LocalDate.of(year, 1, 1); d.getYear() == year; d = d.plusDays(1)) {
            boolean weekday = d.getDayOfWeek() != DayOfWeek.SATURDAY && d.getDayOfWeek() != DayOfWeek.SUNDAY;
            boolean expected = workDays.contains(d) || (weekday && !offDays.contains(d));
            assertThat(calendar.isWorkingDay(d)).as("%s (%s)", d, d.getDayOfWeek()).isEqualTo(expected);
        }
        // No stray facts either (late December belongs to the next year's New Year and is tested below; the data
        // also keeps Mon 2020-02-03, the first working day after the extended 2020 Spring Festival, as WORK).
        assertThat(facts.facts().stream().map(CalendarFact::date)
                .filter(d -> d.getYear() == year && d.isBefore(LocalDate.of(year, 12, 18))))
                .as("every fact of %s is in the schedule above", year)
                .allSatisfy(d -> assertThat(offDays.contains(d) || workDays.contains(d)
                        || d.equals(LocalDate.of(2020, 2, 3))).as("%s", d).isTrue());
    }

    /** Spring Festival (SF) and National Day (ND) of 2019–2026: a receipt just before, counted across the holiday. */
    @ParameterizedTest(name = "{0}: received {1}, {2} working days → end of {3}")
    @CsvSource(textBlock = """
            SF 2019, 2019-02-01T10:00, 3, 2019-02-11
            SF 2020, 2020-01-23T10:00, 1, 2020-02-03
            SF 2021, 2021-02-10T10:00, 3, 2021-02-20
            SF 2022, 2022-01-28T10:00, 3, 2022-02-07
            SF 2023, 2023-01-20T10:00, 3, 2023-01-30
            SF 2024, 2024-02-09T10:00, 1, 2024-02-18
            SF 2025, 2025-01-24T17:00, 3, 2025-02-05
            SF 2026, 2026-02-13T10:00, 2, 2026-02-24
            ND 2019, 2019-09-27T10:00, 2, 2019-09-30
            ND 2019, 2019-09-30T10:00, 1, 2019-10-08
            ND 2020, 2020-09-30T10:00, 3, 2020-10-12
            ND 2021, 2021-09-30T10:00, 2, 2021-10-09
            ND 2022, 2022-09-30T10:00, 3, 2022-10-10
            ND 2023, 2023-09-28T10:00, 1, 2023-10-07
            ND 2024, 2024-09-30T10:00, 1, 2024-10-08
            ND 2025, 2025-09-30T10:00, 2, 2025-10-10
            ND 2026, 2026-09-30T10:00, 3, 2026-10-10
            """)
    void deadlinesAcrossSpringFestivalAndNationalDay(String holiday, String received, int limit, String due) {
        Deadline deadline = calendar.deadline(beijing(received), limit);
        assertThat(deadline.dueAt()).isEqualTo(endOf(due));
        assertThat(deadline.provisional()).isFalse();
        assertThat(deadline.calendarRevision()).isEqualTo(facts.revision());
    }

    @Test
    void theIssueExample_springFestival2025() {
        // Received Fri 2025-01-24 17:00 Beijing, limit 3: Sun 01-26, Mon 01-27, (01-28..02-04 off), Wed 02-05.
        Deadline deadline = calendar.deadline(beijing("2025-01-24T17:00"), 3);
        assertThat(deadline.dueAt()).isEqualTo(Instant.parse("2025-02-05T16:00:00Z"));
        assertThat(deadline.provisional()).isFalse();
    }

    @Test
    void yearBoundariesFollowTheNextYearsNotice() {
        assertThat(calendar.isWorkingDay(LocalDate.of(2018, 12, 29))).as("Sat, from 2019's notice").isTrue();
        assertThat(calendar.isWorkingDay(LocalDate.of(2018, 12, 31))).as("Mon, from 2019's notice").isFalse();
        assertThat(calendar.deadline(beijing("2018-12-28T10:00"), 1).dueAt()).isEqualTo(endOf("2018-12-29"));
        assertThat(calendar.deadline(beijing("2018-12-28T10:00"), 2).dueAt()).isEqualTo(endOf("2019-01-02"));
        assertThat(facts.fact(LocalDate.of(2022, 12, 31))).as("Sat, off in 2023's New Year period")
                .contains(CalendarFact.off(LocalDate.of(2022, 12, 31), "元旦"));
        assertThat(calendar.deadline(beijing("2022-12-30T10:00"), 1).dueAt()).isEqualTo(endOf("2023-01-03"));
        assertThat(facts.facts().stream().map(CalendarFact::date)
                .filter(d -> d.getYear() >= 2019 && d.getYear() <= 2025 && d.getMonthValue() == 12))
                .as("late-December facts of 2019-2025").containsExactly(LocalDate.of(2022, 12, 31));
    }

    @Test
    void aReceiptOnAnAdjustedWorkingSundayCountsFromTheNextWorkingDay() {
        assertThat(calendar.isWorkingDay(LocalDate.of(2026, 1, 4))).isTrue();
        assertThat(calendar.deadline(beijing("2026-01-04T15:00"), 1).dueAt()).isEqualTo(endOf("2026-01-05"));
    }

    @Test
    void aReceiptBeforeEightInTheMorningCountsFromTheBeijingDate() {
        // 2025-02-05T06:30 Beijing is 2025-02-04 (a holiday) in UTC: counting starts the day after 02-05.
        Instant received = Instant.parse("2025-02-04T22:30:00Z");
        assertThat(calendar.deadline(received, 1).dueAt()).isEqualTo(endOf("2025-02-06"));
    }

    @Test
    void exampleC_countingInto2027IsProvisional() {
        Deadline deadline = calendar.deadline(beijing("2026-12-30T10:00"), 3);
        assertThat(deadline.dueAt()).isEqualTo(Instant.parse("2027-01-04T16:00:00Z"));
        assertThat(deadline.provisional()).isTrue();
        assertThat(calendar.deadline(beijing("2026-12-16T10:00"), 2).provisional()).as("touches 12-18").isTrue();
        assertThat(calendar.deadline(beijing("2026-12-16T10:00"), 1).provisional()).isFalse();
    }

    @Test
    void countWorkingDaysMatchesExamplesAAndB() {
        assertThat(calendar.countWorkingDays(beijing("2025-03-03T10:00"), beijing("2025-03-05T15:00"))).isEqualTo(2);
        assertThat(calendar.countWorkingDays(beijing("2025-03-03T10:00"), beijing("2025-03-03T16:00"))).isZero();
    }
}
