package org.weimin.command.calendar;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.weimin.command.calendar.CalendarBook.ReviseCalendar;
import org.weimin.events.Actor;
import org.weimin.events.StaffId;
import org.weimin.events.calendar.CalendarEvent;
import org.weimin.events.calendar.CalendarFact;
import org.weimin.events.calendar.CalendarRevised;

/**
 * The calendar's history: the first {@link ReviseCalendar} creates the book ({@link CalendarEvent#CALENDAR_ID}), each
 * further one appends a {@link CalendarRevised} in order.
 */
class CalendarBookTest {

    static final Actor ADMIN = Actor.staff(StaffId.of("admin.liu"));
    static final String NOTICE_2027 = "国务院办公厅关于2027年部分节假日安排的通知";
    static final String NOTICE_2027_CORRECTED = "国务院办公厅关于2027年部分节假日安排的通知（更正）";
    static final List<CalendarFact> FACTS_2027 = List.of(
            CalendarFact.off(LocalDate.of(2027, 1, 1), "元旦"),
            CalendarFact.off(LocalDate.of(2027, 2, 8), "春节"),
            CalendarFact.work(LocalDate.of(2027, 2, 20), "春节"));
    static final List<CalendarFact> FACTS_2027_CORRECTED = List.of(
            CalendarFact.off(LocalDate.of(2027, 1, 1), "元旦"),
            CalendarFact.off(LocalDate.of(2027, 2, 8), "春节"),
            CalendarFact.off(LocalDate.of(2027, 2, 9), "春节"));
    static final Instant LOADED_AT = Instant.parse("2026-12-31T02:00:00Z");
    static final Instant CORRECTED_AT = Instant.parse("2027-01-06T03:00:00Z");

    private FixtureConfiguration<CalendarBook> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(CalendarBook.class);
    }

    @Test
    void theFirstRevisionCreatesTheBookAndRecordsTheYearsSchedule() {
        fixture.givenNoPriorActivity()
                .when(revise(2027, NOTICE_2027, FACTS_2027, "shipped+2027-a", LOADED_AT))
                .expectSuccessfulHandlerExecution()
                .expectEvents(revised(2027, NOTICE_2027, FACTS_2027, "shipped+2027-a", LOADED_AT))
                .expectResultMessagePayload(0L);
    }

    @Test
    void aFurtherRevisionIsAppendedToTheBook() {
        fixture.given(revised(2027, NOTICE_2027, FACTS_2027, "shipped+2027-a", LOADED_AT))
                .when(revise(2027, NOTICE_2027_CORRECTED, FACTS_2027_CORRECTED, "shipped+2027-a+2027-b",
                        CORRECTED_AT))
                .expectEvents(revised(2027, NOTICE_2027_CORRECTED, FACTS_2027_CORRECTED, "shipped+2027-a+2027-b",
                        CORRECTED_AT))
                .expectResultMessagePayload(1L);
    }

    @Test
    void revisionsOfDifferentYearsFollowOneAnother() {
        fixture.given(revised(2027, NOTICE_2027, FACTS_2027, "r1", LOADED_AT),
                        revised(2027, NOTICE_2027_CORRECTED, FACTS_2027_CORRECTED, "r2", CORRECTED_AT))
                .when(revise(2028, "国务院办公厅关于2028年部分节假日安排的通知",
                        List.of(CalendarFact.off(LocalDate.of(2028, 1, 1), "元旦")), "r3",
                        Instant.parse("2027-11-20T02:00:00Z")))
                .expectEvents(revised(2028, "国务院办公厅关于2028年部分节假日安排的通知",
                        List.of(CalendarFact.off(LocalDate.of(2028, 1, 1), "元旦")), "r3",
                        Instant.parse("2027-11-20T02:00:00Z")))
                .expectResultMessagePayload(2L);
    }

    @Test
    void theRecordedFactsAreACopyOfTheCommands() {
        List<CalendarFact> mutable = new ArrayList<>(FACTS_2027);
        ReviseCalendar command = revise(2027, NOTICE_2027, mutable, "shipped+2027-a", LOADED_AT);
        var validator = fixture.givenNoPriorActivity().when(command);
        mutable.clear();

        validator.expectEvents(revised(2027, NOTICE_2027, FACTS_2027, "shipped+2027-a", LOADED_AT));
    }

    private static ReviseCalendar revise(int year, String notice, List<CalendarFact> facts, String revision,
                                         Instant at) {
        return new ReviseCalendar(CalendarEvent.CALENDAR_ID, year, notice, facts, revision, ADMIN, at, at);
    }

    private static CalendarRevised revised(int year, String notice, List<CalendarFact> facts, String revision,
                                           Instant at) {
        return new CalendarRevised(CalendarEvent.CALENDAR_ID, year, notice, facts, revision, ADMIN, at, at);
    }
}
