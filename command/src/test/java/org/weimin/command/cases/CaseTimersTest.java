package org.weimin.command.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.weimin.command.cases.CaseFixtures.*;
import static org.weimin.command.cases.Rejections.rejectedWith;

import java.time.Instant;
import java.time.LocalDateTime;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.weimin.events.ErrorCode;
import org.weimin.events.calendar.WeekdayCalendar;
import org.weimin.events.calendar.WorkingCalendar;

/**
 * The case's timers (rules.md "Deadlines and calendar" → warning and overdue; "Custody" → deemed acceptance) through
 * the fixture's stub deadline manager: what receipt, supplement and forward schedule, what fires, and that a stale or
 * repeated timer changes nothing. The deadline handlers read the fixed {@link CaseFixtures#timersClock()}.
 */
class CaseTimersTest {

    private FixtureConfiguration<Case> fixture;

    @BeforeEach
    void setUp() {
        fixture = caseFixture(new WeekdayCalendar());
    }

    // --- warning and overdue ------------------------------------------------------------------------------------------

    @Test
    void theWarningIsDueAtMidnightBeijingTimeOfTheLastCountedWorkingDay() {
        assertThat(CaseTimers.warningAt(DUE_AT)).isEqualTo(WARNING_AT);
        assertThat(WARNING_AT.atZone(WorkingCalendar.ZONE).toLocalDateTime())
                .isEqualTo(LocalDateTime.of(2025, 3, 10, 0, 0));
        assertThat(DUE_AT.atZone(WorkingCalendar.ZONE).toLocalDateTime())
                .as("24:00 of Mon 03-10").isEqualTo(LocalDateTime.of(2025, 3, 11, 0, 0));
    }

    @Test
    void receiptSchedulesAWarningAtTheStartOfTheLastCountedDayAndAnOverdueTimerAtTheDeadline() {
        fixture.givenCurrentTime(RECEIVED_AT)
                .when(receiveCase())
                .expectEvents(caseReceived())
                .expectScheduledDeadline(WARNING_AT, warningTimer(DUE_AT))
                .expectScheduledDeadlineWithName(WARNING_AT, CaseTimers.WARNING)
                .expectScheduledDeadline(DUE_AT, overdueTimer(DUE_AT))
                .expectScheduledDeadlineWithName(DUE_AT, CaseTimers.OVERDUE)
                .expectNoScheduledDeadlineWithName(RECEIVED_AT, WARNING_AT.minusNanos(1), CaseTimers.WARNING);
    }

    @Test
    void nothingHappensBeforeTheWarningTime() {
        fixture.givenCurrentTime(RECEIVED_AT)
                .andGivenCommands(receiveCase())
                .whenTimeAdvancesTo(WARNING_AT.minusNanos(1))
                .expectNoEvents()
                .expectTriggeredDeadlines();
    }

    @Test
    void theWarningNamesTheHolder() {
        fixture.givenCurrentTime(RECEIVED_AT)
                .andGivenCommands(receiveCase())
                .whenTimeAdvancesTo(WARNING_AT)
                .expectEvents(caseWarned(DUE_AT, HOLDER))
                .expectTriggeredDeadlines(warningTimer(DUE_AT))
                .expectTriggeredDeadlinesWithName(CaseTimers.WARNING);
    }

    @Test
    void theWarningNamesTheUnitHoldingTheCaseAtThatMoment() {
        fixture.givenCurrentTime(RECEIVED_AT)
                .andGivenCommands(receiveCase(), forwardTo(CIVIL_AFFAIRS), acceptBy(CIVIL_AFFAIRS))
                .whenTimeAdvancesTo(WARNING_AT)
                .expectEvents(caseWarned(DUE_AT, CIVIL_AFFAIRS))
                .expectTriggeredDeadlinesWithName(CaseTimers.RETURN_WINDOW, CaseTimers.WARNING);
    }

    @Test
    void atTheDeadlineTheCaseBecomesOverdueAndIsEscalatedToTheHoldersParentUnit() {
        fixture.givenCurrentTime(RECEIVED_AT)
                .andGivenCommands(receiveCase())
                .whenTimeAdvancesTo(DUE_AT)
                .expectEvents(caseWarned(DUE_AT, HOLDER), caseBecameOverdue(DUE_AT, HOLDER),
                        caseEscalated(DUE_AT, HOLDER, STREET))
                .expectTriggeredDeadlines(warningTimer(DUE_AT), overdueTimer(DUE_AT))
                .expectTriggeredDeadlinesWithName(CaseTimers.WARNING, CaseTimers.OVERDUE);
    }

    @Test
    void theWarningCanBeGivenSeveralWorkingDaysBeforeTheDeadline() {
        // Due at the end of Mon 03-10: two working days before means 00:00 of Fri 03-07 (the weekend is skipped).
        Instant friday = Instant.parse("2025-03-06T16:00:00Z");
        assertThat(CaseTimers.warningAt(DUE_AT, 2, new WeekdayCalendar())).isEqualTo(friday);
        assertThat(CaseTimers.warningAt(DUE_AT, 1, new WeekdayCalendar())).isEqualTo(WARNING_AT);
        FixtureConfiguration<Case> early = new AggregateTestFixture<>(Case.class);
        early.registerInjectableResource(new WeekdayCalendar());
        early.registerInjectableResource(orgTree());
        early.registerInjectableResource(timersClock());
        early.registerInjectableResource(new TimeLimitSettings(null, 2));
        early.givenCurrentTime(RECEIVED_AT)
                .when(receiveCase())
                .expectScheduledDeadline(friday, new CaseTimers.Timer(DUE_AT, friday))
                .expectScheduledDeadlineWithName(DUE_AT, CaseTimers.OVERDUE);
    }

    @Test
    void anImportedHistoricalCaseBecomesOverdueWithoutEscalation() {
        org.weimin.events.Actor importer = new org.weimin.events.Actor(org.weimin.events.ActorKind.IMPORTER, "import-1");
        ReceiveCase c = receiveCase();
        ReceiveCase imported = new ReceiveCase(c.caseId(), c.trackingNumber(), c.verificationCodeHash(), c.serviceItem(),
                c.window(), c.holder(), c.channel(), c.firstContactOfficer(), c.applicant(), c.subject(),
                c.description(), c.limitWorkingDays(), importer, c.occurredAt(), c.recordedAt());
        fixture.givenCurrentTime(RECEIVED_AT)
                .andGivenCommands(imported)
                .whenTimeAdvancesTo(DUE_AT)
                .expectEvents(caseWarned(DUE_AT, HOLDER), caseBecameOverdue(DUE_AT, HOLDER));
    }

    @Test
    void anOverdueCaseHeldByALineDepartmentIsEscalatedToItsDistrict() {
        fixture.givenCurrentTime(RECEIVED_AT)
                .andGivenCommands(receiveCase(), forwardTo(CIVIL_AFFAIRS), acceptBy(CIVIL_AFFAIRS))
                .whenTimeAdvancesTo(DUE_AT)
                .expectEvents(caseWarned(DUE_AT, CIVIL_AFFAIRS), caseBecameOverdue(DUE_AT, CIVIL_AFFAIRS),
                        caseEscalated(DUE_AT, CIVIL_AFFAIRS, DISTRICT));
    }

    @Test
    void aForwardLeftUnansweredIsDeemedAcceptedAndTheTargetAnswersForTheDeadline() {
        fixture.givenCurrentTime(RECEIVED_AT)
                .andGivenCommands(receiveCase(), forwardTo(CIVIL_AFFAIRS))
                .whenTimeAdvancesTo(DUE_AT)
                .expectEvents(caseDeemedAccepted(CIVIL_AFFAIRS, RETURN_WINDOW_CLOSES_AT),
                        caseWarned(DUE_AT, CIVIL_AFFAIRS), caseBecameOverdue(DUE_AT, CIVIL_AFFAIRS),
                        caseEscalated(DUE_AT, CIVIL_AFFAIRS, DISTRICT));
    }

    @Test
    void aCaseHeldByTheRootUnitBecomesOverdueWithoutEscalation() {
        fixture.givenCurrentTime(RECEIVED_AT)
                .andGivenCommands(receiveCase(), forwardTo(CITY), acceptBy(CITY))
                .whenTimeAdvancesTo(DUE_AT)
                .expectEvents(caseWarned(DUE_AT, CITY), caseBecameOverdue(DUE_AT, CITY));
    }

    @Test
    void aCaseIsEscalatedOnlyTheFirstTimeItBecomesOverdue() {
        // Overdue at the end of 03-10 and escalated; a 3-day extension approved on 03-11 moves the deadline to the
        // end of 03-13; that deadline passes too: overdue again, but no second escalation.
        fixture.givenCurrentTime(RECEIVED_AT)
                .andGivenCommands(receiveCase())
                .andGiven(caseWarned(DUE_AT, HOLDER), caseBecameOverdue(DUE_AT, HOLDER),
                        caseEscalated(DUE_AT, HOLDER, STREET))
                .andGivenCommands(requestExtension(3, officerAt(AFTER_DEADLINE)),
                        approveExtension(1, supervisorOf(STREET, AFTER_DEADLINE)))
                .whenTimeAdvancesTo(EXTENDED_DUE_AT)
                .expectEvents(caseWarned(EXTENDED_DUE_AT, HOLDER), caseBecameOverdue(EXTENDED_DUE_AT, HOLDER))
                .expectTriggeredDeadlinesWithName(CaseTimers.WARNING, CaseTimers.OVERDUE, CaseTimers.WARNING,
                        CaseTimers.OVERDUE);
    }

    @Test
    void aCompletedCaseIgnoresItsTimers() {
        fixture.givenCurrentTime(RECEIVED_AT)
                .andGivenCommands(receiveCase(), completeCase())
                .whenTimeAdvancesTo(DUE_AT)
                .expectNoEvents()
                .expectTriggeredDeadlinesWithName(CaseTimers.WARNING, CaseTimers.OVERDUE);
    }

    @Test
    void aPausedCaseIgnoresItsTimers() {
        fixture.givenCurrentTime(RECEIVED_AT)
                .andGivenCommands(receiveCase(), notice(INCOME_PROOF))
                .whenTimeAdvancesTo(DUE_AT)
                .expectNoEvents()
                .expectTriggeredDeadlinesWithName(CaseTimers.WARNING, CaseTimers.OVERDUE);
    }

    @Test
    void aSupplementSchedulesTheTimersOfTheMovedDeadline() {
        fixture.givenCurrentTime(RECEIVED_AT)
                .andGivenCommands(receiveCase(), notice(INCOME_PROOF))
                .when(supplementAt(SUPPLEMENT_A_AT))
                .expectScheduledDeadline(CaseTimers.warningAt(DUE_AT_A), warningTimer(DUE_AT_A))
                .expectScheduledDeadline(DUE_AT_A, overdueTimer(DUE_AT_A));
    }

    @Test
    void theTimersOfADeadlineThatMovedAreIgnored() {
        fixture.givenCurrentTime(RECEIVED_AT)
                .andGivenCommands(receiveCase(), notice(INCOME_PROOF), supplementAt(SUPPLEMENT_A_AT))
                .whenTimeAdvancesTo(DUE_AT)
                .expectNoEvents()
                .expectTriggeredDeadlines(warningTimer(DUE_AT), overdueTimer(DUE_AT));
    }

    @Test
    void theMovedDeadlineIsWarnedAndBecomesOverdueOnItsOwnTimers() {
        fixture.givenCurrentTime(RECEIVED_AT)
                .andGivenCommands(receiveCase(), notice(INCOME_PROOF), supplementAt(SUPPLEMENT_A_AT))
                .whenTimeAdvancesTo(DUE_AT_A)
                .expectEvents(caseWarned(DUE_AT_A, HOLDER), caseBecameOverdue(DUE_AT_A, HOLDER),
                        caseEscalated(DUE_AT_A, HOLDER, STREET));
    }

    @Test
    void aWarningAlreadyGivenForTheDeadlineIsNotGivenAgain() {
        fixture.givenCurrentTime(RECEIVED_AT)
                .andGivenCommands(receiveCase())
                .andGiven(caseWarned(DUE_AT, HOLDER))
                .whenTimeAdvancesTo(WARNING_AT)
                .expectNoEvents()
                .expectTriggeredDeadlinesWithName(CaseTimers.WARNING);
    }

    @Test
    void anOverdueAlreadyRecordedForTheDeadlineIsNotRecordedAgain() {
        fixture.givenCurrentTime(RECEIVED_AT)
                .andGivenCommands(receiveCase())
                .andGiven(caseWarned(DUE_AT, HOLDER), caseBecameOverdue(DUE_AT, HOLDER))
                .whenTimeAdvancesTo(DUE_AT)
                .expectNoEvents()
                .expectTriggeredDeadlinesWithName(CaseTimers.WARNING, CaseTimers.OVERDUE);
    }

    @Test
    void twoTimersForTheSameDeadlineWarnAndMarkItOverdueOnlyOnce() {
        // A notice on the last day (Mon 03-10) uses the whole budget; the supplement on Tue 03-11 keeps the deadline
        // in force and schedules its timers a second time.
        Instant lastDay = Instant.parse("2025-03-10T02:00:00Z");
        Instant nextDay = Instant.parse("2025-03-11T02:00:00Z");
        fixture.givenCurrentTime(RECEIVED_AT)
                .andGivenCommands(receiveCase(), noticeBy(officerAt(lastDay), INCOME_PROOF), supplementAt(nextDay))
                .whenTimeAdvancesTo(DUE_AT)
                .expectEvents(caseWarned(DUE_AT, HOLDER), caseBecameOverdue(DUE_AT, HOLDER),
                        caseEscalated(DUE_AT, HOLDER, STREET))
                .expectTriggeredDeadlines(warningTimer(DUE_AT), warningTimer(DUE_AT), overdueTimer(DUE_AT),
                        overdueTimer(DUE_AT));
    }

    // --- the return window (rules.md "Custody") -----------------------------------------------------------------------

    @Test
    void aForwardSchedulesTheReturnWindowTimer() {
        fixture.givenCurrentTime(RECEIVED_AT)
                .andGivenCommands(receiveCase())
                .when(forwardTo(CIVIL_AFFAIRS))
                .expectEvents(caseForwardedTo(CIVIL_AFFAIRS))
                .expectScheduledDeadline(RETURN_WINDOW_CLOSES_AT,
                        new CaseTimers.Timer(RETURN_WINDOW_CLOSES_AT, RETURN_WINDOW_CLOSES_AT))
                .expectScheduledDeadlineWithName(RETURN_WINDOW_CLOSES_AT, CaseTimers.RETURN_WINDOW);
    }

    @Test
    void aForwardNeitherAcceptedNorReturnedIsDeemedAcceptedWhenTheWindowCloses() {
        // rules.md: forwarded Tue 03-04 10:00 → neither accepted nor returned by the end of Wed 03-05
        fixture.givenCurrentTime(RECEIVED_AT)
                .andGivenCommands(receiveCase(), forwardTo(CIVIL_AFFAIRS))
                .whenTimeAdvancesTo(RETURN_WINDOW_CLOSES_AT)
                .expectEvents(caseDeemedAccepted(CIVIL_AFFAIRS, RETURN_WINDOW_CLOSES_AT))
                .expectTriggeredDeadlinesWithName(CaseTimers.RETURN_WINDOW);
    }

    @Test
    void afterDeemedAcceptanceTheReturnOnThursdayIsRejected() {
        fixture.given(caseReceived(), caseForwardedTo(CIVIL_AFFAIRS),
                        caseDeemedAccepted(CIVIL_AFFAIRS, RETURN_WINDOW_CLOSES_AT))
                .when(returnBy(CIVIL_AFFAIRS, DAY_AFTER_RETURN_WINDOW))
                .expectException(rejectedWith(ErrorCode.RETURN_WINDOW_CLOSED))
                .expectNoEvents();
    }

    @Test
    void afterDeemedAcceptanceEvenAReturnStampedInsideTheWindowIsRejected() {
        fixture.given(caseReceived(), caseForwardedTo(CIVIL_AFFAIRS),
                        caseDeemedAccepted(CIVIL_AFFAIRS, RETURN_WINDOW_CLOSES_AT))
                .when(returnBy(CIVIL_AFFAIRS, RETURN_WINDOW_CLOSES_AT))
                .expectException(rejectedWith(ErrorCode.RETURN_WINDOW_CLOSED))
                .expectNoEvents();
    }

    @Test
    void aCaseDeemedAcceptedIsHandledByTheTargetWithoutAcceptingIt() {
        StaffAct by = civilAffairsAt(DAY_AFTER_RETURN_WINDOW);
        fixture.given(caseReceived(), caseForwardedTo(CIVIL_AFFAIRS),
                        caseDeemedAccepted(CIVIL_AFFAIRS, RETURN_WINDOW_CLOSES_AT))
                .when(completeCaseBy(by))
                .expectEvents(caseCompleted(1, by, true));
    }

    @Test
    void aCaseDeemedAcceptedCannotBeAcceptedAgain() {
        fixture.given(caseReceived(), caseForwardedTo(CIVIL_AFFAIRS),
                        caseDeemedAccepted(CIVIL_AFFAIRS, RETURN_WINDOW_CLOSES_AT))
                .when(acceptBy(CIVIL_AFFAIRS))
                .expectException(rejectedWith(ErrorCode.NOT_AWAITING_ACCEPTANCE))
                .expectNoEvents();
    }

    @Test
    void anAcceptedForwardIsNotDeemedAccepted() {
        fixture.givenCurrentTime(RECEIVED_AT)
                .andGivenCommands(receiveCase(), forwardTo(CIVIL_AFFAIRS), acceptBy(CIVIL_AFFAIRS))
                .whenTimeAdvancesTo(RETURN_WINDOW_CLOSES_AT)
                .expectNoEvents()
                .expectTriggeredDeadlinesWithName(CaseTimers.RETURN_WINDOW);
    }

    @Test
    void aReturnedForwardIsNotDeemedAccepted() {
        fixture.givenCurrentTime(RECEIVED_AT)
                .andGivenCommands(receiveCase(), forwardTo(CIVIL_AFFAIRS), returnBy(CIVIL_AFFAIRS, ACCEPTED_AT))
                .whenTimeAdvancesTo(RETURN_WINDOW_CLOSES_AT)
                .expectNoEvents()
                .expectTriggeredDeadlinesWithName(CaseTimers.RETURN_WINDOW);
    }

    @Test
    void theTimerOfAnEarlierForwardDoesNotCloseTheWindowOfALaterOne() {
        // forwarded Tue 03-04, returned Wed 09:15, forwarded again Wed 10:00 → the second window closes end of Thu
        Instant forwardedAgain = Instant.parse("2025-03-05T02:00:00Z");
        Instant secondWindowCloses = Instant.parse("2025-03-06T16:00:00Z");
        fixture.givenCurrentTime(RECEIVED_AT)
                .andGivenCommands(receiveCase(), forwardTo(CIVIL_AFFAIRS), returnBy(CIVIL_AFFAIRS, ACCEPTED_AT),
                        forward(officerAt(forwardedAgain), CIVIL_AFFAIRS, FORWARD_REASON))
                .whenTimeAdvancesTo(secondWindowCloses)
                .expectEvents(caseDeemedAccepted(CIVIL_AFFAIRS, secondWindowCloses))
                .expectTriggeredDeadlines(new CaseTimers.Timer(RETURN_WINDOW_CLOSES_AT, RETURN_WINDOW_CLOSES_AT),
                        new CaseTimers.Timer(secondWindowCloses, secondWindowCloses));
    }
}
