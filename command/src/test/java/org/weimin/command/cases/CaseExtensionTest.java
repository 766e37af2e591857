package org.weimin.command.cases;

import static org.weimin.command.cases.CaseFixtures.*;
import static org.weimin.command.cases.Rejections.rejectedWith;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.weimin.events.ErrorCode;
import org.weimin.events.UnitId;
import org.weimin.events.calendar.CalendarFact;
import org.weimin.events.calendar.CalendarFacts;
import org.weimin.events.calendar.Deadline;
import org.weimin.events.calendar.HolidayCalendar;

/**
 * Extensions (延期, rules.md "Deadlines and calendar"): requested by the holder with a reason and 1–60 working days;
 * approved or refused by a supervisor of the holder's unit or above. Approval adds the days to the deadline in force,
 * counted from the working day after it; while paused, to the remaining budget.
 */
class CaseExtensionTest {

    private final SwitchableCalendar calendar = new SwitchableCalendar();
    private FixtureConfiguration<Case> fixture;

    @BeforeEach
    void setUp() {
        fixture = caseFixture(calendar);
    }

    // --- request ---------------------------------------------------------------------------------------------------

    @Test
    void theHolderRequestsAnExtensionWithAReason() {
        StaffAct by = officerAt(EXTENSION_REQUESTED_AT);
        fixture.given(caseReceived())
                .when(requestExtension(3, by))
                .expectEvents(extensionRequested(1, 3, HOLDER, by))
                .expectResultMessagePayload(1L)
                .expectNoScheduledDeadlines();
    }

    @Test
    void requestsAreNumberedOverTheCasesLife() {
        StaffAct first = officerAt(EXTENSION_REQUESTED_AT);
        StaffAct refusal = supervisorOf(STREET, EXTENSION_DECIDED_AT);
        StaffAct second = officerAt(AFTER_DEADLINE);
        fixture.given(caseReceived(), extensionRequested(1, 3, HOLDER, first), extensionRefused(1, HOLDER, refusal))
                .when(requestExtension(2, second))
                .expectEvents(extensionRequested(2, 2, HOLDER, second));
    }

    @ParameterizedTest(name = "{0} working days")
    @ValueSource(ints = {1, 60})
    void anExtensionOfOneToSixtyWorkingDaysMayBeRequested(int days) {
        StaffAct by = officerAt(EXTENSION_REQUESTED_AT);
        fixture.given(caseReceived())
                .when(requestExtension(days, by))
                .expectEvents(extensionRequested(1, days, HOLDER, by));
    }

    @ParameterizedTest(name = "{0} working days")
    @ValueSource(ints = {-1, 0, 61, 365})
    void anExtensionOutsideOneToSixtyWorkingDaysIsRejected(int days) {
        fixture.given(caseReceived())
                .when(requestExtension(days, officerAt(EXTENSION_REQUESTED_AT)))
                .expectException(rejectedWith(ErrorCode.VALIDATION_FAILED))
                .expectNoEvents();
    }

    @Test
    void anExtensionRequestNeedsAReason() {
        fixture.given(caseReceived())
                .when(new StaffCommands.RequestExtension(anyCaseId(), null, 3, " ", officerAt(EXTENSION_REQUESTED_AT)))
                .expectException(rejectedWith(ErrorCode.VALIDATION_FAILED))
                .expectNoEvents();
    }

    @Test
    void onlyTheHolderRequestsAnExtension() {
        fixture.given(caseReceived())
                .when(requestExtension(3, civilAffairsAt(EXTENSION_REQUESTED_AT)))
                .expectException(rejectedWith(ErrorCode.NOT_CASE_HOLDER))
                .expectNoEvents();
    }

    @Test
    void aCompletedCaseTakesNoExtensionRequest() {
        fixture.given(caseReceived(), caseCompleted())
                .when(requestExtension(3, officerAt(EXTENSION_REQUESTED_AT)))
                .expectException(rejectedWith(ErrorCode.CASE_ALREADY_COMPLETED))
                .expectNoEvents();
    }

    // --- approve -----------------------------------------------------------------------------------------------------

    @ParameterizedTest(name = "supervisor of {0}")
    @ValueSource(strings = {"S01-C", "S01", "D01", "CITY"})
    void aSupervisorOfTheHoldersUnitOrAboveApprovesAndTheDaysAreAddedAfterTheDeadlineInForce(String unit) {
        // deadline end of Mon 03-10 + 3 working days → counted 03-11, 03-12, 03-13 → end of Thu 03-13
        StaffAct by = supervisorOf(UnitId.of(unit), EXTENSION_DECIDED_AT);
        fixture.given(caseReceived(), extensionRequested(1, 3, HOLDER, officerAt(EXTENSION_REQUESTED_AT)))
                .when(approveExtension(1, by))
                .expectEvents(extensionApproved(1, HOLDER, 3, weekdayDeadline(EXTENDED_DUE_AT), null, by))
                .expectResultMessagePayload(2L)
                .expectScheduledDeadline(CaseTimers.warningAt(EXTENDED_DUE_AT), warningTimer(EXTENDED_DUE_AT))
                .expectScheduledDeadline(EXTENDED_DUE_AT, overdueTimer(EXTENDED_DUE_AT));
    }

    @Test
    void anExtensionOverAWeekendCountsOnlyWorkingDays() {
        // deadline end of Thu 03-13 (after a first extension) + 2 → Fri 03-14, Mon 03-17 → end of Mon 03-17
        StaffAct first = supervisorOf(STREET, EXTENSION_DECIDED_AT);
        StaffAct second = supervisorOf(STREET, AFTER_DEADLINE);
        Instant dueMonday = Instant.parse("2025-03-17T16:00:00Z");
        fixture.given(caseReceived(), extensionRequested(1, 3, HOLDER, officerAt(EXTENSION_REQUESTED_AT)),
                        extensionApproved(1, HOLDER, 3, weekdayDeadline(EXTENDED_DUE_AT), null, first),
                        extensionRequested(2, 2, HOLDER, officerAt(AFTER_DEADLINE)))
                .when(approveExtension(2, second))
                .expectEvents(extensionApproved(2, HOLDER, 2, weekdayDeadline(dueMonday), null, second));
    }

    @Test
    void anExtensionSkipsTheStatutoryHolidaysOfThePublishedCalendar() {
        // 2025: 清明 Fri 04-04 to Sun 04-06 off. Received Mon 03-31, limit 3 → end of Thu 04-03; +2 working days →
        // Mon 04-07, Tue 04-08 → end of Tue 04-08 (the plain rule would say end of Mon 04-07).
        HolidayCalendar holidays = new HolidayCalendar(CalendarFacts.of(Map.of(2025, "国办发明电〔2024〕12号"),
                List.of(CalendarFact.off(LocalDate.of(2025, 4, 4), "清明节"),
                        CalendarFact.off(LocalDate.of(2025, 4, 5), "清明节"),
                        CalendarFact.off(LocalDate.of(2025, 4, 6), "清明节")), "test-2025"));
        calendar.use(holidays);
        Instant receivedAt = Instant.parse("2025-03-31T02:00:00Z");
        Deadline beforeQingming = new Deadline(Instant.parse("2025-04-03T16:00:00Z"), false, "test-2025");
        Deadline afterQingming = new Deadline(Instant.parse("2025-04-08T16:00:00Z"), false, "test-2025");
        StaffAct by = supervisorOf(STREET, Instant.parse("2025-04-02T02:00:00Z"));
        fixture.given(caseReceived(receivedAt, 3, beforeQingming),
                        extensionRequested(1, 2, HOLDER, officerAt(Instant.parse("2025-04-01T02:00:00Z"))))
                .when(approveExtension(1, by))
                .expectEvents(extensionApproved(1, HOLDER, 2, afterQingming, null, by))
                .expectScheduledDeadline(Instant.parse("2025-04-07T16:00:00Z"), warningTimer(afterQingming.dueAt()));
    }

    @Test
    void whilePausedTheApprovedDaysAreAddedToTheRemainingBudget() {
        // example A's notice: 3 remaining; +3 approved → 6 remaining, no deadline while paused
        StaffAct by = supervisorOf(STREET, EXTENSION_DECIDED_AT);
        fixture.given(caseReceived(), noticeSent(1, 2, 3, INCOME_PROOF),
                        extensionRequested(1, 3, HOLDER, officerAt(EXTENSION_REQUESTED_AT)))
                .when(approveExtension(1, by))
                .expectEvents(extensionApproved(1, HOLDER, 3, null, 6, by))
                .expectNoScheduledDeadlines();
    }

    @Test
    void theSupplementAfterAnExtensionWhilePausedCountsTheEnlargedBudget() {
        // 6 remaining; supplement Mon 03-10 → 03-11, 12, 13, 14, 17, 18 → end of Tue 03-18
        Instant due = Instant.parse("2025-03-18T16:00:00Z");
        fixture.given(caseReceived(), noticeSent(1, 2, 3, INCOME_PROOF),
                        extensionRequested(1, 3, HOLDER, officerAt(EXTENSION_REQUESTED_AT)),
                        extensionApproved(1, HOLDER, 3, null, 6, supervisorOf(STREET, EXTENSION_DECIDED_AT)))
                .when(supplementAt(SUPPLEMENT_A_AT))
                .expectEvents(materialsSupplemented(SUPPLEMENT_A_AT, 6, due));
    }

    @Test
    void aCompletionBeforeTheExtendedDeadlineIsOnTime() {
        StaffAct by = officerAt(Instant.parse("2025-03-13T08:00:00Z"));
        fixture.given(caseReceived(), extensionRequested(1, 3, HOLDER, officerAt(EXTENSION_REQUESTED_AT)),
                        extensionApproved(1, HOLDER, 3, weekdayDeadline(EXTENDED_DUE_AT), null,
                                supervisorOf(STREET, EXTENSION_DECIDED_AT)))
                .when(completeCaseBy(by))
                .expectEvents(caseCompleted(1, by, true));
    }

    @Test
    void anOfficerWithoutTheSupervisorRoleCannotApprove() {
        fixture.given(caseReceived(), extensionRequested(1, 3, HOLDER, officerAt(EXTENSION_REQUESTED_AT)))
                .when(approveExtension(1, officerAt(EXTENSION_DECIDED_AT)))
                .expectException(rejectedWith(ErrorCode.FORBIDDEN))
                .expectNoEvents();
    }

    @ParameterizedTest(name = "supervisor of {0}")
    @ValueSource(strings = {"S02", "D02", "D-MZJ", "S01-C-W01"})
    void aSupervisorOutsideTheHoldersSubtreeCannotApproveOrRefuse(String unit) {
        StaffAct by = supervisorOf(UnitId.of(unit), EXTENSION_DECIDED_AT);
        fixture.given(caseReceived(), extensionRequested(1, 3, HOLDER, officerAt(EXTENSION_REQUESTED_AT)))
                .when(approveExtension(1, by))
                .expectException(rejectedWith(ErrorCode.FORBIDDEN))
                .expectNoEvents();
        setUp();
        fixture.given(caseReceived(), extensionRequested(1, 3, HOLDER, officerAt(EXTENSION_REQUESTED_AT)))
                .when(refuseExtension(1, by))
                .expectException(rejectedWith(ErrorCode.FORBIDDEN))
                .expectNoEvents();
    }

    @Test
    void afterAForwardOnlySupervisorsOverTheNewHolderDecide() {
        fixture.given(caseReceived(), caseForwardedTo(CIVIL_AFFAIRS), caseAcceptedBy(CIVIL_AFFAIRS),
                        extensionRequested(1, 3, CIVIL_AFFAIRS, civilAffairsAt(EXTENSION_REQUESTED_AT)))
                .when(approveExtension(1, supervisorOf(STREET, EXTENSION_DECIDED_AT)))
                .expectException(rejectedWith(ErrorCode.FORBIDDEN))
                .expectNoEvents();
    }

    @Test
    void aRequestLeftPendingAcrossAForwardIsDecidedForTheNewHolder() {
        // The request stays pending; the decision names the holder at the decision (the supervisor queue must find
        // the request in the queue it was added to, see SupervisorQueueProjectionTest).
        StaffAct by = supervisorOf(DISTRICT, EXTENSION_DECIDED_AT);
        fixture.given(caseReceived(), extensionRequested(1, 3, HOLDER, officerAt(EXTENSION_REQUESTED_AT)),
                        caseForwardedTo(CIVIL_AFFAIRS), caseAcceptedBy(CIVIL_AFFAIRS))
                .when(approveExtension(1, by))
                .expectEvents(extensionApproved(1, CIVIL_AFFAIRS, 3, weekdayDeadline(EXTENDED_DUE_AT), null, by));
    }

    @ParameterizedTest(name = "request {0}")
    @ValueSource(ints = {0, 2, 7})
    void approvingARequestThatWasNeverMadeIsRejected(int number) {
        fixture.given(caseReceived(), extensionRequested(1, 3, HOLDER, officerAt(EXTENSION_REQUESTED_AT)))
                .when(approveExtension(number, supervisorOf(STREET, EXTENSION_DECIDED_AT)))
                .expectException(rejectedWith(ErrorCode.NO_PENDING_EXTENSION))
                .expectNoEvents();
    }

    @Test
    void anApprovedRequestCannotBeApprovedAgain() {
        StaffAct by = supervisorOf(STREET, EXTENSION_DECIDED_AT);
        fixture.given(caseReceived(), extensionRequested(1, 3, HOLDER, officerAt(EXTENSION_REQUESTED_AT)),
                        extensionApproved(1, HOLDER, 3, weekdayDeadline(EXTENDED_DUE_AT), null, by))
                .when(approveExtension(1, by))
                .expectException(rejectedWith(ErrorCode.NO_PENDING_EXTENSION))
                .expectNoEvents();
    }

    @Test
    void aRefusedRequestCannotBeApprovedAfterwards() {
        StaffAct by = supervisorOf(STREET, EXTENSION_DECIDED_AT);
        fixture.given(caseReceived(), extensionRequested(1, 3, HOLDER, officerAt(EXTENSION_REQUESTED_AT)),
                        extensionRefused(1, HOLDER, by))
                .when(approveExtension(1, by))
                .expectException(rejectedWith(ErrorCode.NO_PENDING_EXTENSION))
                .expectNoEvents();
    }

    @Test
    void aCompletedCaseTakesNoApproval() {
        fixture.given(caseReceived(), extensionRequested(1, 3, HOLDER, officerAt(EXTENSION_REQUESTED_AT)),
                        caseCompleted())
                .when(approveExtension(1, supervisorOf(STREET, EXTENSION_DECIDED_AT)))
                .expectException(rejectedWith(ErrorCode.CASE_ALREADY_COMPLETED))
                .expectNoEvents();
    }

    // --- refuse ------------------------------------------------------------------------------------------------------

    @Test
    void aSupervisorRefusesWithAReasonAndTheDeadlineStays() {
        StaffAct by = supervisorOf(DISTRICT, EXTENSION_DECIDED_AT);
        fixture.given(caseReceived(), extensionRequested(1, 3, HOLDER, officerAt(EXTENSION_REQUESTED_AT)))
                .when(refuseExtension(1, by))
                .expectEvents(extensionRefused(1, HOLDER, by))
                .expectResultMessagePayload(2L)
                .expectNoScheduledDeadlines();
    }

    @Test
    void aRefusalNeedsAReason() {
        fixture.given(caseReceived(), extensionRequested(1, 3, HOLDER, officerAt(EXTENSION_REQUESTED_AT)))
                .when(new StaffCommands.RefuseExtension(anyCaseId(), null, 1, "",
                        supervisorOf(STREET, EXTENSION_DECIDED_AT)))
                .expectException(rejectedWith(ErrorCode.VALIDATION_FAILED))
                .expectNoEvents();
    }

    @Test
    void refusingARequestThatIsNotPendingIsRejected() {
        StaffAct by = supervisorOf(STREET, EXTENSION_DECIDED_AT);
        fixture.given(caseReceived(), extensionRequested(1, 3, HOLDER, officerAt(EXTENSION_REQUESTED_AT)),
                        extensionRefused(1, HOLDER, by))
                .when(refuseExtension(1, by))
                .expectException(rejectedWith(ErrorCode.NO_PENDING_EXTENSION))
                .expectNoEvents();
    }

    @Test
    void anOfficerWithoutTheSupervisorRoleCannotRefuse() {
        fixture.given(caseReceived(), extensionRequested(1, 3, HOLDER, officerAt(EXTENSION_REQUESTED_AT)))
                .when(refuseExtension(1, staff(COLLEAGUE, HOLDER, EXTENSION_DECIDED_AT)))
                .expectException(rejectedWith(ErrorCode.FORBIDDEN))
                .expectNoEvents();
    }
}
