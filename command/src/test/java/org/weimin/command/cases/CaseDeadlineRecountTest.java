package org.weimin.command.cases;

import static org.weimin.command.cases.CaseFixtures.*;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.axonframework.test.aggregate.TestExecutor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.weimin.command.calendar.RevisableWorkingCalendar;
import org.weimin.events.Actor;
import org.weimin.events.StaffId;
import org.weimin.events.calendar.CalendarEvent;
import org.weimin.events.calendar.CalendarFact;
import org.weimin.events.calendar.CalendarFacts;
import org.weimin.events.calendar.CalendarRevised;
import org.weimin.events.calendar.Deadline;
import org.weimin.events.calendar.HolidayCalendar;
import org.weimin.events.cases.DeadlineRevised;
import org.weimin.events.cases.MaterialsSupplemented;
import org.weimin.events.cases.MissingMaterialsNotified;
import org.weimin.events.cases.NotificationChannel;

/**
 * Provisional deadlines and their recount (rules.md "Deadlines and calendar", example C): receipt never fails for lack
 * of calendar data; once a year's schedule is loaded, {@link RecomputeDeadline} recounts an open, running case's
 * provisional deadline and records a {@link DeadlineRevised} only when it moved or firmed up, rescheduling its timers.
 *
 * <p>The fixture's calendar is a {@link SwitchableCalendar}, swapped between given and when as a calendar revision
 * swaps the application's; one test drives the application's own {@link RevisableWorkingCalendar} instead.
 */
class CaseDeadlineRecountTest {

    /** The shipped data: 2025 and 2026 published, so late December 2026 and all of 2027 are uncertain. */
    static final CalendarFacts SHIPPED = CalendarFacts.of(
            Map.of(2025, "国办发明电〔2024〕12号", 2026, "国办发明电〔2025〕7号"), List.of(), "test-shipped");
    static final String NOTICE_2027 = "国务院办公厅关于2027年部分节假日安排的通知";
    static final List<CalendarFact> FACTS_2027 = List.of(
            CalendarFact.off(LocalDate.of(2027, 1, 1), "元旦"),
            CalendarFact.off(LocalDate.of(2027, 1, 2), "元旦"),
            CalendarFact.off(LocalDate.of(2027, 1, 3), "元旦"));
    static final String REVISION_2027 = "test-shipped+2027";
    /** With 2027's schedule loaded. */
    static final CalendarFacts REVISED = SHIPPED.withYear(2027, NOTICE_2027, FACTS_2027, REVISION_2027);

    /** Example C: Wed 2026-12-30 10:00 Asia/Shanghai, limit 3. */
    static final Instant EXAMPLE_C_AT = Instant.parse("2026-12-30T02:00:00Z");
    /** Counted 12-31, 01-01, 01-04 under the plain rule → end of Mon 2027-01-04, provisional. */
    static final Deadline EXAMPLE_C_PROVISIONAL = new Deadline(Instant.parse("2027-01-04T16:00:00Z"), true,
            "test-shipped");
    /** With 元旦 off: counted 12-31, 01-04, 01-05 → end of Tue 2027-01-05, firm. */
    static final Deadline EXAMPLE_C_REVISED = new Deadline(Instant.parse("2027-01-05T16:00:00Z"), false,
            REVISION_2027);
    /** When the administrator loaded 2027 (Thu 2026-12-31 10:00 Asia/Shanghai). */
    static final Instant REVISED_AT = Instant.parse("2026-12-31T02:00:00Z");

    private final SwitchableCalendar calendar = new SwitchableCalendar();
    private FixtureConfiguration<Case> fixture;

    @BeforeEach
    void setUp() {
        fixture = caseFixture(calendar);
    }

    @Test
    void exampleC_receiptCountsIntoTheUnpublishedYearWithThePlainRuleAndMarksTheDeadlineProvisional() {
        calendar.use(new HolidayCalendar(SHIPPED));
        fixture.givenNoPriorActivity()
                .when(receiveCaseAt(EXAMPLE_C_AT, 3))
                .expectEvents(caseReceived(EXAMPLE_C_AT, 3, EXAMPLE_C_PROVISIONAL));
    }

    @Test
    void exampleC_loadingTheNextYearsScheduleMovesTheProvisionalDeadlineAndReschedulesItsTimers() {
        calendar.use(new HolidayCalendar(REVISED));
        fixture.given(caseReceived(EXAMPLE_C_AT, 3, EXAMPLE_C_PROVISIONAL))
                .when(recompute())
                .expectEvents(deadlineRevised(EXAMPLE_C_PROVISIONAL, EXAMPLE_C_REVISED))
                .expectResultMessagePayload(1L)
                .expectScheduledDeadline(Instant.parse("2027-01-04T16:00:00Z"), warningTimer(EXAMPLE_C_REVISED.dueAt()))
                .expectScheduledDeadline(EXAMPLE_C_REVISED.dueAt(), overdueTimer(EXAMPLE_C_REVISED.dueAt()));
    }

    @Test
    void aProvisionalDeadlineThatDoesNotMoveIsRecordedWhenItFirmsUp() {
        // received Mon 2025-03-03 under the plain weekday calendar; 2025's schedule has no day off in March
        Deadline firm = new Deadline(DUE_AT, false, "test-shipped");
        calendar.use(new HolidayCalendar(SHIPPED));
        fixture.given(caseReceived())
                .when(recompute())
                .expectEvents(deadlineRevised(DEADLINE, firm))
                .expectScheduledDeadline(WARNING_AT, warningTimer(DUE_AT))
                .expectScheduledDeadline(DUE_AT, overdueTimer(DUE_AT));
    }

    @Test
    void aDeadlineThatStaysTheSameAndProvisionalRecordsNothing() {
        calendar.use(new HolidayCalendar(SHIPPED));
        fixture.given(caseReceived(EXAMPLE_C_AT, 3, EXAMPLE_C_PROVISIONAL))
                .when(recompute())
                .expectNoEvents()
                .expectResultMessagePayload(0L)
                .expectNoScheduledDeadlines();
    }

    @Test
    void aFirmDeadlineIsNotRecounted() {
        // a firm deadline of the 2025 data; a later (hypothetical) change of 2025 does not move it
        Deadline firm = new Deadline(DUE_AT, false, "test-shipped");
        calendar.use(new HolidayCalendar(SHIPPED.withYear(2025, "更正通知",
                List.of(CalendarFact.off(LocalDate.of(2025, 3, 7), "调整")), "test-corrected")));
        fixture.given(caseReceived(RECEIVED_AT, LIMIT_WORKING_DAYS, firm))
                .when(recompute())
                .expectNoEvents()
                .expectNoScheduledDeadlines();
    }

    @Test
    void aPausedCaseIsNotRecounted() {
        calendar.use(new HolidayCalendar(REVISED));
        fixture.given(caseReceived(EXAMPLE_C_AT, 3, EXAMPLE_C_PROVISIONAL),
                        new MissingMaterialsNotified(CASE_ID, 1, List.of(INCOME_PROOF), NotificationChannel.SMS, 0, 3,
                                STAFF, EXAMPLE_C_AT, EXAMPLE_C_AT))
                .when(recompute())
                .expectNoEvents()
                .expectNoScheduledDeadlines();
    }

    @Test
    void aCompletedCaseIsNotRecounted() {
        calendar.use(new HolidayCalendar(REVISED));
        fixture.given(caseReceived(EXAMPLE_C_AT, 3, EXAMPLE_C_PROVISIONAL),
                        caseCompleted(1, officerAt(Instant.parse("2026-12-30T08:00:00Z")), true))
                .when(recompute())
                .expectNoEvents()
                .expectNoScheduledDeadlines();
    }

    @Test
    void anApprovedExtensionIsKeptWhenTheDeadlineIsRecounted() {
        // Thu 2026-12-24, limit 5 → 12-25, 28, 29, 30, 31 → end of 12-31 (provisional: late December);
        // +3 approved → 01-01, 01-04, 01-05 → end of 01-05; with 元旦 off, 8 days from 12-24 → end of Wed 01-06.
        Instant receivedAt = Instant.parse("2026-12-24T02:00:00Z");
        Deadline atReceipt = new Deadline(Instant.parse("2026-12-31T16:00:00Z"), true, "test-shipped");
        Deadline extended = new Deadline(Instant.parse("2027-01-05T16:00:00Z"), true, "test-shipped");
        Deadline recounted = new Deadline(Instant.parse("2027-01-06T16:00:00Z"), false, REVISION_2027);
        StaffAct requested = officerAt(Instant.parse("2026-12-28T02:00:00Z"));
        StaffAct approved = supervisorOf(STREET, Instant.parse("2026-12-28T06:00:00Z"));
        calendar.use(new HolidayCalendar(REVISED));
        fixture.given(caseReceived(receivedAt, 5, atReceipt), extensionRequested(1, 3, HOLDER, requested),
                        extensionApproved(1, HOLDER, 3, extended, null, approved))
                .when(recompute())
                .expectEvents(deadlineRevised(extended, recounted));
    }

    @Test
    void afterASupplementTheRemainingBudgetIsRecountedFromTheSupplement() {
        // Mon 2026-12-21, limit 5; notice Tue 12-22 (1 used, 4 remain); supplement Tue 12-29 → 12-30, 12-31, 01-01,
        // 01-04 → end of 01-04, provisional; with 元旦 off → 12-30, 12-31, 01-04, 01-05 → end of 01-05.
        Instant receivedAt = Instant.parse("2026-12-21T02:00:00Z");
        Instant noticeAt = Instant.parse("2026-12-22T02:00:00Z");
        Instant suppliedAt = Instant.parse("2026-12-29T02:00:00Z");
        Deadline atReceipt = new Deadline(Instant.parse("2026-12-28T16:00:00Z"), true, "test-shipped");
        Deadline resumed = new Deadline(Instant.parse("2027-01-04T16:00:00Z"), true, "test-shipped");
        Deadline recounted = new Deadline(Instant.parse("2027-01-05T16:00:00Z"), false, REVISION_2027);
        calendar.use(new HolidayCalendar(REVISED));
        fixture.given(caseReceived(receivedAt, 5, atReceipt),
                        new MissingMaterialsNotified(CASE_ID, 1, List.of(INCOME_PROOF), NotificationChannel.SMS, 1, 4,
                                STAFF, noticeAt, noticeAt),
                        new MaterialsSupplemented(CASE_ID, List.of(INCOME_PROOF), 4, resumed, STAFF, suppliedAt,
                                suppliedAt))
                .when(recompute())
                .expectEvents(deadlineRevised(resumed, recounted));
    }

    @Test
    void theApplicationsRevisableCalendarMovesTheDeadlineOnceTheRevisionIsApplied() {
        RevisableWorkingCalendar revisable = new RevisableWorkingCalendar(SHIPPED);
        FixtureConfiguration<Case> withRevisable = new AggregateTestFixture<>(Case.class);
        withRevisable.registerInjectableResource(TimeLimitSettings.defaults());
        withRevisable.registerInjectableResource(revisable);
        withRevisable.registerInjectableResource(orgTree());
        withRevisable.registerInjectableResource(timersClock());

        TestExecutor<Case> received = withRevisable.givenCurrentTime(EXAMPLE_C_AT)
                .andGivenCommands(receiveCaseAt(EXAMPLE_C_AT, 3));
        revisable.apply(calendarRevised2027());

        received.when(recompute())
                .expectEvents(deadlineRevised(EXAMPLE_C_PROVISIONAL, EXAMPLE_C_REVISED));
    }

    @Test
    void afterARecountOnlyTheTimersOfTheNewDeadlineTakeEffect() {
        RevisableWorkingCalendar revisable = new RevisableWorkingCalendar(SHIPPED);
        FixtureConfiguration<Case> withRevisable = new AggregateTestFixture<>(Case.class);
        withRevisable.registerInjectableResource(TimeLimitSettings.defaults());
        withRevisable.registerInjectableResource(revisable);
        withRevisable.registerInjectableResource(orgTree());
        withRevisable.registerInjectableResource(timersClock());

        TestExecutor<Case> received = withRevisable.givenCurrentTime(EXAMPLE_C_AT)
                .andGivenCommands(receiveCaseAt(EXAMPLE_C_AT, 3));
        revisable.apply(calendarRevised2027());
        Instant newDue = EXAMPLE_C_REVISED.dueAt();

        received.andGivenCommands(recompute())
                .whenTimeAdvancesTo(newDue)
                .expectEvents(caseWarned(newDue, HOLDER), caseBecameOverdue(newDue, HOLDER),
                        caseEscalated(newDue, HOLDER, STREET))
                .expectTriggeredDeadlines(warningTimer(EXAMPLE_C_PROVISIONAL.dueAt()),
                        overdueTimer(EXAMPLE_C_PROVISIONAL.dueAt()), warningTimer(newDue), overdueTimer(newDue));
    }

    private static RecomputeDeadline recompute() {
        return new RecomputeDeadline(CASE_ID, REVISION_2027, REVISED_AT);
    }

    private static DeadlineRevised deadlineRevised(Deadline previous, Deadline deadline) {
        return new DeadlineRevised(CASE_ID, previous, deadline, REVISION_2027, Actor.system("calendar-revision"),
                REVISED_AT, REVISED_AT);
    }

    static CalendarRevised calendarRevised2027() {
        return new CalendarRevised(CalendarEvent.CALENDAR_ID, 2027, NOTICE_2027, FACTS_2027, REVISION_2027,
                Actor.staff(StaffId.of("admin.liu")), REVISED_AT, REVISED_AT);
    }
}
