package org.weimin.command.cases;

import static org.weimin.command.cases.CaseFixtures.*;
import static org.weimin.command.cases.Rejections.rejectedWith;

import org.axonframework.test.aggregate.FixtureConfiguration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.weimin.events.ErrorCode;
import org.weimin.events.UnitId;
import org.weimin.events.calendar.WeekdayCalendar;

/**
 * Supervision of a case by supervisors of the holder's unit or above: supervision orders (督办) with a due time and
 * their overdue timer, urging (催办), accountability findings (问责).
 */
class CaseSupervisionTest {

    private FixtureConfiguration<Case> fixture;

    @BeforeEach
    void setUp() {
        fixture = caseFixture(new WeekdayCalendar());
    }

    // --- supervision orders ------------------------------------------------------------------------------------------

    @Test
    void aSupervisorIssuesAnOrderToTheHolderAndItsDueTimerIsScheduled() {
        StaffAct by = supervisorOf(STREET, ORDER_ISSUED_AT);
        fixture.given(caseReceived())
                .when(issueOrder(ORDER_DUE_AT, by))
                .expectEvents(orderIssued(1, ORDER_DUE_AT, HOLDER, by))
                .expectResultMessagePayload(1L)
                .expectScheduledDeadline(ORDER_DUE_AT, new CaseTimers.OrderTimer(1, ORDER_DUE_AT))
                .expectScheduledDeadlineWithName(ORDER_DUE_AT, CaseTimers.SUPERVISION_ORDER);
    }

    @Test
    void ordersAreNumberedOverTheCasesLife() {
        StaffAct first = supervisorOf(STREET, ORDER_ISSUED_AT);
        StaffAct second = supervisorOf(DISTRICT, ORDER_ANSWERED_AT);
        fixture.given(caseReceived(), orderIssued(1, ORDER_DUE_AT, HOLDER, first))
                .when(issueOrder(ORDER_DUE_AT, second))
                .expectEvents(orderIssued(2, ORDER_DUE_AT, HOLDER, second))
                .expectScheduledDeadline(ORDER_DUE_AT, new CaseTimers.OrderTimer(2, ORDER_DUE_AT));
    }

    @Test
    void anOrderIsAddressedToTheUnitHoldingTheCaseNow() {
        StaffAct by = supervisorOf(DISTRICT, ORDER_ISSUED_AT);
        fixture.given(caseReceived(), caseForwardedTo(CIVIL_AFFAIRS), caseAcceptedBy(CIVIL_AFFAIRS))
                .when(issueOrder(ORDER_DUE_AT, by))
                .expectEvents(orderIssued(1, ORDER_DUE_AT, CIVIL_AFFAIRS, by));
    }

    @Test
    void anOrderDueNowOrEarlierIsRejected() {
        fixture.given(caseReceived())
                .when(issueOrder(ORDER_ISSUED_AT, supervisorOf(STREET, ORDER_ISSUED_AT)))
                .expectException(rejectedWith(ErrorCode.DUE_DATE_IN_THE_PAST))
                .expectNoEvents();
        setUp();
        fixture.given(caseReceived())
                .when(issueOrder(RECEIVED_AT, supervisorOf(STREET, ORDER_ISSUED_AT)))
                .expectException(rejectedWith(ErrorCode.DUE_DATE_IN_THE_PAST))
                .expectNoEvents();
    }

    @Test
    void anOrderNeedsItsText() {
        fixture.given(caseReceived())
                .when(new StaffCommands.IssueSupervisionOrder(anyCaseId(), null, "  ", ORDER_DUE_AT,
                        supervisorOf(STREET, ORDER_ISSUED_AT)))
                .expectException(rejectedWith(ErrorCode.VALIDATION_FAILED))
                .expectNoEvents();
    }

    @ParameterizedTest(name = "supervisor of {0}")
    @ValueSource(strings = {"S02", "D02", "D-MZJ"})
    void aSupervisorOutsideTheHoldersSubtreeCannotIssueAnOrder(String unit) {
        fixture.given(caseReceived())
                .when(issueOrder(ORDER_DUE_AT, supervisorOf(UnitId.of(unit), ORDER_ISSUED_AT)))
                .expectException(rejectedWith(ErrorCode.FORBIDDEN))
                .expectNoEvents();
    }

    @Test
    void anOfficerWithoutTheSupervisorRoleCannotIssueAnOrder() {
        fixture.given(caseReceived())
                .when(issueOrder(ORDER_DUE_AT, staff(COLLEAGUE, STREET, ORDER_ISSUED_AT)))
                .expectException(rejectedWith(ErrorCode.FORBIDDEN))
                .expectNoEvents();
    }

    @Test
    void aCompletedCaseTakesNoOrder() {
        fixture.given(caseReceived(), caseCompleted())
                .when(issueOrder(ORDER_DUE_AT, supervisorOf(STREET, ORDER_ISSUED_AT)))
                .expectException(rejectedWith(ErrorCode.CASE_ALREADY_COMPLETED))
                .expectNoEvents();
    }

    @Test
    void theHolderAnswersAnOpenOrder() {
        StaffAct by = officerAt(ORDER_ANSWERED_AT);
        fixture.given(caseReceived(), orderIssued(1, ORDER_DUE_AT, HOLDER, supervisorOf(STREET, ORDER_ISSUED_AT)))
                .when(answerOrder(1, by))
                .expectEvents(orderAnswered(1, HOLDER, by))
                .expectResultMessagePayload(2L);
    }

    @ParameterizedTest(name = "order {0}")
    @ValueSource(ints = {0, 2})
    void answeringAnOrderThatWasNeverIssuedIsRejected(int number) {
        fixture.given(caseReceived(), orderIssued(1, ORDER_DUE_AT, HOLDER, supervisorOf(STREET, ORDER_ISSUED_AT)))
                .when(answerOrder(number, officerAt(ORDER_ANSWERED_AT)))
                .expectException(rejectedWith(ErrorCode.NO_OPEN_SUPERVISION_ORDER))
                .expectNoEvents();
    }

    @Test
    void anOrderIsAnsweredOnlyOnce() {
        fixture.given(caseReceived(), orderIssued(1, ORDER_DUE_AT, HOLDER, supervisorOf(STREET, ORDER_ISSUED_AT)),
                        orderAnswered(1, HOLDER, officerAt(ORDER_ANSWERED_AT)))
                .when(answerOrder(1, officerAt(ORDER_ANSWERED_AT)))
                .expectException(rejectedWith(ErrorCode.NO_OPEN_SUPERVISION_ORDER))
                .expectNoEvents();
    }

    @Test
    void anOverdueOrderMayStillBeAnswered() {
        StaffAct late = officerAt(AFTER_DEADLINE.plusSeconds(86_400));
        fixture.given(caseReceived(), orderIssued(1, ORDER_DUE_AT, HOLDER, supervisorOf(STREET, ORDER_ISSUED_AT)),
                        orderOverdue(1, ORDER_DUE_AT, HOLDER))
                .when(answerOrder(1, late))
                .expectEvents(orderAnswered(1, HOLDER, late));
    }

    @Test
    void onlyTheHolderAnswersAnOrder() {
        fixture.given(caseReceived(), orderIssued(1, ORDER_DUE_AT, HOLDER, supervisorOf(STREET, ORDER_ISSUED_AT)))
                .when(answerOrder(1, civilAffairsAt(ORDER_ANSWERED_AT)))
                .expectException(rejectedWith(ErrorCode.NOT_CASE_HOLDER))
                .expectNoEvents();
    }

    @Test
    void anAnswerNeedsItsText() {
        fixture.given(caseReceived(), orderIssued(1, ORDER_DUE_AT, HOLDER, supervisorOf(STREET, ORDER_ISSUED_AT)))
                .when(new StaffCommands.AnswerSupervisionOrder(anyCaseId(), null, 1, "", officerAt(ORDER_ANSWERED_AT)))
                .expectException(rejectedWith(ErrorCode.VALIDATION_FAILED))
                .expectNoEvents();
    }

    @Test
    void anUnansweredOrderBecomesOverdueAtItsDueTime() {
        fixture.givenCurrentTime(RECEIVED_AT)
                .andGivenCommands(receiveCase(), issueOrder(ORDER_DUE_AT, supervisorOf(STREET, ORDER_ISSUED_AT)))
                .whenTimeAdvancesTo(ORDER_DUE_AT)
                .expectEvents(caseWarned(DUE_AT, HOLDER), caseBecameOverdue(DUE_AT, HOLDER),
                        caseEscalated(DUE_AT, HOLDER, STREET), orderOverdue(1, ORDER_DUE_AT, HOLDER))
                .expectTriggeredDeadlinesWithName(CaseTimers.WARNING, CaseTimers.OVERDUE,
                        CaseTimers.SUPERVISION_ORDER);
    }

    @Test
    void anUnansweredOrderOnACompletedCaseStillBecomesOverdue() {
        // The order's own timer does not look at the case's state: the holder owed an answer by the due time.
        fixture.givenCurrentTime(RECEIVED_AT)
                .andGivenCommands(receiveCase(), issueOrder(ORDER_DUE_AT, supervisorOf(STREET, ORDER_ISSUED_AT)),
                        completeCase())
                .whenTimeAdvancesTo(ORDER_DUE_AT)
                .expectEvents(orderOverdue(1, ORDER_DUE_AT, HOLDER));
    }

    @Test
    void anOverdueOrderNamesTheUnitItWasAddressedToEvenAfterAForward() {
        Instant issuedAt = Instant.parse("2025-03-04T01:00:00Z"); // Tue 09:00, before the forward at 10:00
        Instant dueAt = Instant.parse("2025-03-05T16:00:00Z");    // end of Wed 03-05
        fixture.givenCurrentTime(RECEIVED_AT)
                .andGivenCommands(receiveCase(), issueOrder(dueAt, supervisorOf(STREET, issuedAt)),
                        forwardTo(CIVIL_AFFAIRS), acceptBy(CIVIL_AFFAIRS))
                .whenTimeAdvancesTo(dueAt)
                .expectEvents(orderOverdue(1, dueAt, HOLDER));
    }

    @Test
    void anAnsweredOrderDoesNotGoOverdue() {
        fixture.givenCurrentTime(RECEIVED_AT)
                .andGivenCommands(receiveCase(), issueOrder(ORDER_DUE_AT, supervisorOf(STREET, ORDER_ISSUED_AT)),
                        answerOrder(1, officerAt(ORDER_ANSWERED_AT)), completeCaseAt(ORDER_ANSWERED_AT))
                .whenTimeAdvancesTo(ORDER_DUE_AT)
                .expectNoEvents()
                .expectTriggeredDeadlines(warningTimer(DUE_AT), overdueTimer(DUE_AT),
                        new CaseTimers.OrderTimer(1, ORDER_DUE_AT));
    }

    @Test
    void eachOrderHasItsOwnTimer() {
        Instant secondDue = ORDER_DUE_AT.plusSeconds(86_400);
        fixture.givenCurrentTime(RECEIVED_AT)
                .andGivenCommands(receiveCase(), issueOrder(ORDER_DUE_AT, supervisorOf(STREET, ORDER_ISSUED_AT)),
                        issueOrder(secondDue, supervisorOf(DISTRICT, ORDER_ISSUED_AT)),
                        answerOrder(1, officerAt(ORDER_ANSWERED_AT)), completeCaseAt(ORDER_ANSWERED_AT))
                .whenTimeAdvancesTo(secondDue)
                .expectEvents(orderOverdue(2, secondDue, HOLDER));
    }

    // --- urging --------------------------------------------------------------------------------------------------------

    @ParameterizedTest(name = "supervisor of {0}")
    @ValueSource(strings = {"S01-C", "S01", "D01", "CITY"})
    void aSupervisorOverTheHolderUrgesIt(String unit) {
        StaffAct by = supervisorOf(UnitId.of(unit), ORDER_ISSUED_AT);
        fixture.given(caseReceived())
                .when(urge(by))
                .expectEvents(caseUrged(HOLDER, by))
                .expectResultMessagePayload(1L);
    }

    @Test
    void anUrgeGoesToTheUnitHoldingTheCaseNow() {
        StaffAct by = supervisorOf(DISTRICT, ORDER_ISSUED_AT);
        fixture.given(caseReceived(), caseForwardedTo(CIVIL_AFFAIRS))
                .when(urge(by))
                .expectEvents(caseUrged(CIVIL_AFFAIRS, by));
    }

    @Test
    void theStreetsSupervisorCannotUrgeTheDistrictDepartmentHoldingTheCase() {
        fixture.given(caseReceived(), caseForwardedTo(CIVIL_AFFAIRS), caseAcceptedBy(CIVIL_AFFAIRS))
                .when(urge(supervisorOf(STREET, ORDER_ISSUED_AT)))
                .expectException(rejectedWith(ErrorCode.FORBIDDEN))
                .expectNoEvents();
    }

    @Test
    void anOfficerCannotUrge() {
        fixture.given(caseReceived())
                .when(urge(officerAt(ORDER_ISSUED_AT)))
                .expectException(rejectedWith(ErrorCode.FORBIDDEN))
                .expectNoEvents();
    }

    @Test
    void anUrgeNeedsItsText() {
        fixture.given(caseReceived())
                .when(new StaffCommands.UrgeCase(anyCaseId(), null, "", supervisorOf(STREET, ORDER_ISSUED_AT)))
                .expectException(rejectedWith(ErrorCode.VALIDATION_FAILED))
                .expectNoEvents();
    }

    @Test
    void aCompletedCaseIsNotUrged() {
        fixture.given(caseReceived(), caseCompleted())
                .when(urge(supervisorOf(STREET, ORDER_ISSUED_AT)))
                .expectException(rejectedWith(ErrorCode.CASE_ALREADY_COMPLETED))
                .expectNoEvents();
    }

    // --- accountability findings -------------------------------------------------------------------------------------

    @Test
    void aSupervisorOverAUnitRecordsAFindingAgainstItsStaffMember() {
        StaffAct by = supervisorOf(STREET, AFTER_DEADLINE);
        fixture.given(caseReceived())
                .when(finding(HOLDER, OFFICER, by))
                .expectEvents(findingRecorded(1, HOLDER, OFFICER, by))
                .expectResultMessagePayload(1L);
    }

    @Test
    void aFindingMayNameOnlyTheUnitAndIsNumbered() {
        StaffAct by = supervisorOf(DISTRICT, AFTER_DEADLINE);
        fixture.given(caseReceived(), findingRecorded(1, HOLDER, OFFICER, supervisorOf(STREET, AFTER_DEADLINE)))
                .when(finding(CIVIL_AFFAIRS, null, by))
                .expectEvents(findingRecorded(2, CIVIL_AFFAIRS, null, by));
    }

    @Test
    void aFindingMayBeRecordedAfterCompletion() {
        StaffAct by = supervisorOf(STREET, EVALUATED_AT);
        fixture.given(caseReceived(), caseCompleted())
                .when(finding(HOLDER, OFFICER, by))
                .expectEvents(findingRecorded(1, HOLDER, OFFICER, by));
    }

    @ParameterizedTest(name = "supervisor of {0}")
    @ValueSource(strings = {"S02", "D02", "D-MZJ", "S01-C-W01"})
    void aSupervisorOutsideTheUnitsSubtreeCannotRecordAFindingAgainstIt(String unit) {
        fixture.given(caseReceived())
                .when(finding(HOLDER, OFFICER, supervisorOf(UnitId.of(unit), AFTER_DEADLINE)))
                .expectException(rejectedWith(ErrorCode.FORBIDDEN))
                .expectNoEvents();
    }

    @Test
    void anOfficerCannotRecordAFinding() {
        fixture.given(caseReceived())
                .when(finding(HOLDER, OFFICER, staff(COLLEAGUE, STREET, AFTER_DEADLINE)))
                .expectException(rejectedWith(ErrorCode.FORBIDDEN))
                .expectNoEvents();
    }

    @Test
    void aFindingNeedsAReason() {
        fixture.given(caseReceived())
                .when(new StaffCommands.RecordFinding(anyCaseId(), null, HOLDER, OFFICER, " ",
                        supervisorOf(STREET, AFTER_DEADLINE)))
                .expectException(rejectedWith(ErrorCode.VALIDATION_FAILED))
                .expectNoEvents();
    }
}
