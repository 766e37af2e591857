package org.weimin.command.cases;

import static org.weimin.command.cases.CaseFixtures.*;
import static org.weimin.command.cases.Rejections.rejectedWith;

import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.weimin.events.ErrorCode;
import org.weimin.events.calendar.WeekdayCalendar;
import org.weimin.events.cases.Grade;

/**
 * Rectification (整改, rules.md "Completion, evaluation, rectification, reopening"): a bad grade opens a rectification
 * owed by the completing unit within its own limit (5 working days here); its steps are verify, rectify, reply, in
 * that order; after the reply the applicant may grade once more, and only once.
 */
class CaseRectificationTest {

    private FixtureConfiguration<Case> fixture;

    @BeforeEach
    void setUp() {
        fixture = caseFixture(new WeekdayCalendar());
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = Grade.class, names = {"DISSATISFIED", "VERY_DISSATISFIED"})
    void aBadGradeOpensARectificationWithItsOwnDeadlineAndTimer(Grade grade) {
        // evaluated Fri 03-14 11:00 → counted 03-17 … 03-21 → due end of Fri 03-21
        fixture.given(caseReceived(), caseCompleted())
                .when(evaluate(grade, EVALUATED_AT))
                .expectEvents(caseEvaluated(grade, EVALUATED_AT),
                        rectificationOpened(grade, HOLDER, EVALUATED_AT, RECTIFICATION_DUE_AT))
                .expectResultMessagePayload(3L)
                .expectScheduledDeadline(RECTIFICATION_DUE_AT,
                        new CaseTimers.Timer(RECTIFICATION_DUE_AT, RECTIFICATION_DUE_AT))
                .expectScheduledDeadlineWithName(RECTIFICATION_DUE_AT, CaseTimers.RECTIFICATION);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = Grade.class, names = {"VERY_SATISFIED", "SATISFIED", "BASICALLY_SATISFIED"})
    void aGoodGradeOpensNoRectification(Grade grade) {
        fixture.given(caseReceived(), caseCompleted())
                .when(evaluate(grade, EVALUATED_AT))
                .expectEvents(caseEvaluated(grade, EVALUATED_AT))
                .expectNoScheduledDeadlines();
    }

    @Test
    void theRectificationIsOwedByTheUnitThatCompletedTheCase() {
        StaffAct completion = civilAffairsAt(BEFORE_DEADLINE);
        fixture.given(caseReceived(), caseForwardedTo(CIVIL_AFFAIRS), caseAcceptedBy(CIVIL_AFFAIRS),
                        caseCompleted(1, completion, true))
                .when(evaluate(Grade.VERY_DISSATISFIED, EVALUATED_AT))
                .expectEvents(caseEvaluated(Grade.VERY_DISSATISFIED, EVALUATED_AT),
                        rectificationOpened(Grade.VERY_DISSATISFIED, CIVIL_AFFAIRS, EVALUATED_AT,
                                RECTIFICATION_DUE_AT));
    }

    // --- steps ---------------------------------------------------------------------------------------------------------

    @Test
    void theFirstStepIsVerification() {
        StaffAct by = officerAt(VERIFIED_AT);
        fixture.given(rectificationOpenedHistory())
                .when(rectificationStep("VERIFIED", by))
                .expectEvents(rectificationProgressed("VERIFIED", HOLDER, by))
                .expectResultMessagePayload(4L);
    }

    @Test
    void rectificationFollowsVerification() {
        StaffAct by = officerAt(RECTIFIED_AT);
        fixture.given(rectificationOpenedHistory())
                .andGiven(rectificationProgressed("VERIFIED", HOLDER, officerAt(VERIFIED_AT)))
                .when(rectificationStep("RECTIFIED", by))
                .expectEvents(rectificationProgressed("RECTIFIED", HOLDER, by));
    }

    @Test
    void theReplyFollowsRectification() {
        StaffAct by = staff(COLLEAGUE, HOLDER, REPLIED_AT);
        fixture.given(rectificationOpenedHistory())
                .andGiven(rectificationProgressed("VERIFIED", HOLDER, officerAt(VERIFIED_AT)),
                        rectificationProgressed("RECTIFIED", HOLDER, officerAt(RECTIFIED_AT)))
                .when(rectificationStep("REPLIED", by))
                .expectEvents(rectificationProgressed("REPLIED", HOLDER, by));
    }

    @ParameterizedTest(name = "{0} first")
    @ValueSource(strings = {"RECTIFIED", "REPLIED", "DONE", "verified"})
    void anyFirstStepButVerificationIsOutOfOrder(String step) {
        fixture.given(rectificationOpenedHistory())
                .when(rectificationStep(step, officerAt(VERIFIED_AT)))
                .expectException(rejectedWith(ErrorCode.RECTIFICATION_STEP_OUT_OF_ORDER))
                .expectNoEvents();
    }

    @ParameterizedTest(name = "{0} after VERIFIED")
    @ValueSource(strings = {"VERIFIED", "REPLIED"})
    void afterVerificationOnlyRectificationMayFollow(String step) {
        fixture.given(rectificationOpenedHistory())
                .andGiven(rectificationProgressed("VERIFIED", HOLDER, officerAt(VERIFIED_AT)))
                .when(rectificationStep(step, officerAt(RECTIFIED_AT)))
                .expectException(rejectedWith(ErrorCode.RECTIFICATION_STEP_OUT_OF_ORDER))
                .expectNoEvents();
    }

    @ParameterizedTest(name = "{0} after REPLIED")
    @ValueSource(strings = {"VERIFIED", "RECTIFIED", "REPLIED"})
    void noStepFollowsTheReply(String step) {
        fixture.given(repliedHistory())
                .when(rectificationStep(step, officerAt(REGRADED_AT)))
                .expectException(rejectedWith(ErrorCode.RECTIFICATION_STEP_OUT_OF_ORDER))
                .expectNoEvents();
    }

    @Test
    void noStepWithoutAnOpenRectification() {
        fixture.given(caseReceived(), caseCompleted(), caseEvaluated(Grade.SATISFIED, EVALUATED_AT))
                .when(rectificationStep("VERIFIED", officerAt(VERIFIED_AT)))
                .expectException(rejectedWith(ErrorCode.RECTIFICATION_STEP_OUT_OF_ORDER))
                .expectNoEvents();
    }

    @Test
    void onlyTheResponsibleUnitRecordsSteps() {
        fixture.given(rectificationOpenedHistory())
                .when(rectificationStep("VERIFIED", civilAffairsAt(VERIFIED_AT)))
                .expectException(rejectedWith(ErrorCode.NOT_CASE_HOLDER))
                .expectNoEvents();
    }

    @Test
    void aStepNeedsItsText() {
        fixture.given(rectificationOpenedHistory())
                .when(new StaffCommands.RecordRectificationStep(anyCaseId(), null, "VERIFIED", " ",
                        officerAt(VERIFIED_AT)))
                .expectException(rejectedWith(ErrorCode.VALIDATION_FAILED))
                .expectNoEvents();
    }

    // --- regrading -----------------------------------------------------------------------------------------------------

    @Test
    void afterTheReplyTheApplicantGradesOnceMoreAndThePreviousGradeIsKept() {
        fixture.given(repliedHistory())
                .when(evaluate(Grade.SATISFIED, REGRADED_AT))
                .expectEvents(caseRegraded(Grade.DISSATISFIED, Grade.SATISFIED, REGRADED_AT))
                .expectResultMessagePayload(7L)
                .expectNoScheduledDeadlines();
    }

    @Test
    void aBadRegradeOpensNoSecondRectification() {
        fixture.given(repliedHistory())
                .when(evaluate(Grade.VERY_DISSATISFIED, REGRADED_AT))
                .expectEvents(caseRegraded(Grade.DISSATISFIED, Grade.VERY_DISSATISFIED, REGRADED_AT))
                .expectNoScheduledDeadlines();
    }

    @Test
    void theApplicantRegradesOnlyOnce() {
        fixture.given(repliedHistory())
                .andGiven(caseRegraded(Grade.DISSATISFIED, Grade.SATISFIED, REGRADED_AT))
                .when(evaluate(Grade.VERY_SATISFIED, REGRADED_AT.plusSeconds(3600)))
                .expectException(rejectedWith(ErrorCode.ALREADY_EVALUATED))
                .expectNoEvents();
    }

    @Test
    void noRegradeBeforeTheReply() {
        fixture.given(rectificationOpenedHistory())
                .andGiven(rectificationProgressed("VERIFIED", HOLDER, officerAt(VERIFIED_AT)),
                        rectificationProgressed("RECTIFIED", HOLDER, officerAt(RECTIFIED_AT)))
                .when(evaluate(Grade.SATISFIED, REGRADED_AT))
                .expectException(rejectedWith(ErrorCode.ALREADY_EVALUATED))
                .expectNoEvents();
    }

    @Test
    void aRegradeWithAWrongVerificationCodeIsRejected() {
        fixture.given(repliedHistory())
                .when(new EvaluateCase(anyCaseId(), WRONG_VERIFICATION_CODE_HASH, Grade.SATISFIED, comment(),
                        RECTIFICATION_LIMIT, APPLICANT, REGRADED_AT, REGRADED_AT))
                .expectException(rejectedWith(ErrorCode.WRONG_VERIFICATION_CODE))
                .expectNoEvents();
    }

    // --- the rectification's timer -------------------------------------------------------------------------------------

    @Test
    void aRectificationNotRepliedByItsDeadlineBecomesOverdue() {
        fixture.givenCurrentTime(RECEIVED_AT)
                .andGivenCommands(receiveCase(), completeCase(), evaluate(Grade.DISSATISFIED, EVALUATED_AT),
                        rectificationStep("VERIFIED", officerAt(VERIFIED_AT)))
                .whenTimeAdvancesTo(RECTIFICATION_DUE_AT)
                .expectEvents(rectificationOverdue(RECTIFICATION_DUE_AT, HOLDER))
                .expectTriggeredDeadlinesWithName(CaseTimers.WARNING, CaseTimers.OVERDUE, CaseTimers.RECTIFICATION);
    }

    @Test
    void aRectificationRepliedInTimeDoesNotBecomeOverdue() {
        fixture.givenCurrentTime(RECEIVED_AT)
                .andGivenCommands(receiveCase(), completeCase(), evaluate(Grade.DISSATISFIED, EVALUATED_AT),
                        rectificationStep("VERIFIED", officerAt(VERIFIED_AT)),
                        rectificationStep("RECTIFIED", officerAt(RECTIFIED_AT)),
                        rectificationStep("REPLIED", officerAt(REPLIED_AT)))
                .whenTimeAdvancesTo(RECTIFICATION_DUE_AT)
                .expectNoEvents()
                .expectTriggeredDeadlinesWithName(CaseTimers.WARNING, CaseTimers.OVERDUE, CaseTimers.RECTIFICATION);
    }

    @Test
    void aRegradedCaseHasNoOverdueRectification() {
        fixture.givenCurrentTime(RECEIVED_AT)
                .andGivenCommands(receiveCase(), completeCase(), evaluate(Grade.DISSATISFIED, EVALUATED_AT),
                        rectificationStep("VERIFIED", officerAt(VERIFIED_AT)),
                        rectificationStep("RECTIFIED", officerAt(RECTIFIED_AT)),
                        rectificationStep("REPLIED", officerAt(REPLIED_AT)), evaluate(Grade.SATISFIED, REGRADED_AT))
                .whenTimeAdvancesTo(RECTIFICATION_DUE_AT)
                .expectNoEvents();
    }

    @Test
    void nothingIsOverdueBeforeTheRectificationDeadline() {
        fixture.givenCurrentTime(RECEIVED_AT)
                .andGivenCommands(receiveCase(), completeCase(), evaluate(Grade.DISSATISFIED, EVALUATED_AT))
                .whenTimeAdvancesTo(RECTIFICATION_DUE_AT.minusNanos(1))
                .expectNoEvents()
                .expectTriggeredDeadlinesWithName(CaseTimers.WARNING, CaseTimers.OVERDUE);
    }

    /** Received, completed on time, graded 不满意 on Fri 03-14: a rectification is open (sequence 0–3). */
    private static Object[] rectificationOpenedHistory() {
        return new Object[] {caseReceived(), caseCompleted(), caseEvaluated(Grade.DISSATISFIED, EVALUATED_AT),
                rectificationOpened(Grade.DISSATISFIED, HOLDER, EVALUATED_AT, RECTIFICATION_DUE_AT)};
    }

    /** {@link #rectificationOpenedHistory()} plus the three steps (sequence 4–6). */
    private static Object[] repliedHistory() {
        return new Object[] {caseReceived(), caseCompleted(), caseEvaluated(Grade.DISSATISFIED, EVALUATED_AT),
                rectificationOpened(Grade.DISSATISFIED, HOLDER, EVALUATED_AT, RECTIFICATION_DUE_AT),
                rectificationProgressed("VERIFIED", HOLDER, officerAt(VERIFIED_AT)),
                rectificationProgressed("RECTIFIED", HOLDER, officerAt(RECTIFIED_AT)),
                rectificationProgressed("REPLIED", HOLDER, officerAt(REPLIED_AT))};
    }
}
