package org.weimin.command.cases;

import java.util.List;

import static org.axonframework.test.matchers.Matchers.andNoMore;
import static org.axonframework.test.matchers.Matchers.exactSequenceOf;
import static org.axonframework.test.matchers.Matchers.payloadsMatching;
import static org.axonframework.test.matchers.Matchers.predicate;
import static org.weimin.command.cases.CaseFixtures.*;

import java.time.Instant;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeDiagnosingMatcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.weimin.events.DomainException;
import org.weimin.events.ErrorCode;
import org.weimin.events.UnitId;
import org.weimin.events.calendar.WeekdayCalendar;
import org.weimin.events.cases.MissingMaterialsNotified;
import org.weimin.events.cases.NotificationChannel;

/** The case aggregate's specification: every command, its events, its result and its rejections. */
class CaseTest {

    private FixtureConfiguration<Case> fixture;

    @BeforeEach
    void setUp() {
        fixture = caseFixture(new WeekdayCalendar());
    }

    // --- receive ---------------------------------------------------------------------------------------------------

    @Test
    void receivingACaseCommitsADeadlineCountedInWorkingDaysFromTheNextWorkingDay() {
        // Mon 2025-03-03 10:00 Asia/Shanghai, limit 5 → counted Tue 03-04 … Mon 03-10 → due 24:00 on 03-10
        // (2025-03-10T16:00:00Z), provisional because the plain weekday calendar knows no holidays.
        fixture.givenNoPriorActivity()
                .when(receiveCase())
                .expectSuccessfulHandlerExecution()
                .expectEvents(caseReceived())
                .expectResultMessagePayload(anyCaseId());
    }

    @Test
    void materialsKnownMissingAtReceiptAreNoticedInTheSameCommandAndPauseTheClockAtOnce() {
        // An online submission that left two required materials unanswered (issue 9): receipt and first notice are
        // one command, so neither can exist without the other; nothing of the budget is used yet.
        ReceiveCase c = receiveCase();
        ReceiveCase online = new ReceiveCase(c.caseId(), c.trackingNumber(), c.verificationCodeHash(),
                c.serviceItem(), c.window(), c.holder(), c.channel(), c.firstContactOfficer(), c.applicant(),
                c.subject(), c.description(), c.limitWorkingDays(), c.actor(), c.occurredAt(), c.recordedAt(),
                List.of(INCOME_PROOF, HOUSEHOLD_REGISTER), NotificationChannel.ONLINE);
        fixture.givenNoPriorActivity()
                .when(online)
                .expectSuccessfulHandlerExecution()
                .expectEvents(caseReceived(), new MissingMaterialsNotified(CASE_ID, 1,
                        List.of(INCOME_PROOF, HOUSEHOLD_REGISTER), NotificationChannel.ONLINE, 0, LIMIT_WORKING_DAYS,
                        STAFF, RECEIVED_AT, RECEIVED_AT));
        // and the case is paused: a supplement is accepted without a further notice
        fixture.givenCommands(online)
                .when(supplementAt(NOTICE_AT))
                .expectSuccessfulHandlerExecution();
    }

    // --- complete --------------------------------------------------------------------------------------------------

    @Test
    void aCaseCompletedBeforeItsDeadlineIsOnTimeAndReturnsTheEventsSequenceNumber() {
        fixture.given(caseReceived())
                .when(completeCase())
                .expectEvents(caseCompleted())
                .expectResultMessagePayload(1L);
    }

    @Test
    void aCaseCompletedExactlyAtItsDeadlineIsOnTime() {
        fixture.given(caseReceived())
                .when(completeCaseAt(DUE_AT))
                .expectEvents(caseCompletedAt(DUE_AT, true));
    }

    @Test
    void aCaseCompletedAfterItsDeadlineIsLate() {
        fixture.given(caseReceived())
                .when(completeCaseAt(AFTER_DEADLINE))
                .expectEvents(caseCompletedAt(AFTER_DEADLINE, false))
                .expectResultMessagePayload(1L);
    }

    @Test
    void aRefusalThatStatesItsReasonsCompletesTheCase() {
        fixture.given(caseReceived())
                .when(refuseCase(REFUSAL_REASONS))
                .expectEvents(caseRefused(REFUSAL_REASONS));
    }

    @Test
    void cannotCompleteACaseTwice() {
        fixture.given(caseReceived(), caseCompleted())
                .when(completeCase())
                .expectException(rejectedWith(ErrorCode.CASE_ALREADY_COMPLETED))
                .expectNoEvents();
    }

    @Test
    void cannotCompleteAnEvaluatedCase() {
        fixture.given(caseReceived(), caseCompleted(), caseEvaluated())
                .when(completeCase())
                .expectException(rejectedWith(ErrorCode.CASE_ALREADY_COMPLETED))
                .expectNoEvents();
    }

    @Test
    void onlyTheUnitHoldingTheCaseCanCompleteIt() {
        fixture.given(caseReceived())
                .when(completeCaseBy(OTHER_UNIT))
                .expectException(rejectedWith(ErrorCode.NOT_CASE_HOLDER))
                .expectNoEvents();
    }

    @Test
    void aRefusalWithBlankTextIsRejected() {
        fixture.given(caseReceived())
                .when(refuseCase(" \u3000\t"))
                .expectException(rejectedWith(ErrorCode.REFUSAL_NEEDS_REASONS))
                .expectNoEvents();
    }

    @Test
    void aRefusalWithoutTextIsRejected() {
        fixture.given(caseReceived())
                .when(refuseCase(null))
                .expectException(rejectedWith(ErrorCode.REFUSAL_NEEDS_REASONS))
                .expectNoEvents();
    }

    // --- evaluate --------------------------------------------------------------------------------------------------

    @Test
    void evaluatingACompletedCaseRecordsTheGradeForTheFirstCompletion() {
        fixture.given(caseReceived(), caseCompleted())
                .when(evaluateCase())
                .expectEvents(caseEvaluated())
                .expectResultMessagePayload(2L);
    }

    @Test
    void cannotEvaluateACaseThatIsStillOpen() {
        fixture.given(caseReceived())
                .when(evaluateCase())
                .expectException(rejectedWith(ErrorCode.CASE_NOT_COMPLETED))
                .expectNoEvents();
    }

    @Test
    void cannotEvaluateWithAWrongVerificationCode() {
        fixture.given(caseReceived(), caseCompleted())
                .when(evaluateCaseWithCodeHash(WRONG_VERIFICATION_CODE_HASH))
                .expectException(rejectedWith(ErrorCode.WRONG_VERIFICATION_CODE))
                .expectNoEvents();
    }

    @Test
    void aWrongVerificationCodeIsRejectedBeforeRevealingThatTheCaseIsOpen() {
        fixture.given(caseReceived())
                .when(evaluateCaseWithCodeHash(WRONG_VERIFICATION_CODE_HASH))
                .expectException(rejectedWith(ErrorCode.WRONG_VERIFICATION_CODE))
                .expectNoEvents();
    }

    @Test
    void cannotEvaluateTheSameCompletionTwice() {
        fixture.given(caseReceived(), caseCompleted(), caseEvaluated())
                .when(evaluateCase())
                .expectException(rejectedWith(ErrorCode.ALREADY_EVALUATED))
                .expectNoEvents();
    }

    // --- forward (rules.md "Custody") --------------------------------------------------------------------------------

    @Test
    void forwardingMakesTheTargetTheHolderWithAReturnWindowUntilTheEndOfTheNextWorkingDay() {
        // rules.md: forwarded Tue 2025-03-04 10:00 Asia/Shanghai → the window closes at 24:00 on Wed 03-05.
        fixture.given(caseReceived())
                .when(forwardTo(CIVIL_AFFAIRS))
                .expectEvents(caseForwardedTo(CIVIL_AFFAIRS))
                .expectResultMessagePayload(1L);
    }

    @Test
    void aLongerReturnWindowForTheTargetsUnitKindCountsMoreWorkingDays() {
        StaffAct by = officerAt(FORWARDED_AT);
        fixture.given(caseReceived())
                .when(new StaffCommands.ForwardCase(anyCaseId(), null, CIVIL_AFFAIRS, FORWARD_REASON, 2, by))
                .expectEvents(caseForwarded(by, HOLDER, CIVIL_AFFAIRS, FORWARD_REASON,
                        Instant.parse("2025-03-06T16:00:00Z")));
    }

    @Test
    void aReturnWindowOpenedOnAFridayRunsOverTheWeekendToTheEndOfMonday() {
        StaffAct friday = officerAt(Instant.parse("2025-03-07T02:00:00Z"));
        fixture.given(caseReceived())
                .when(forward(friday, CIVIL_AFFAIRS, FORWARD_REASON))
                .expectEvents(caseForwarded(friday, HOLDER, CIVIL_AFFAIRS, FORWARD_REASON,
                        Instant.parse("2025-03-10T16:00:00Z")));
    }

    @Test
    void onlyTheHolderCanForwardTheCase() {
        fixture.given(caseReceived())
                .when(forward(civilAffairsAt(FORWARDED_AT), HUMAN_RESOURCES, ONWARD_REASON))
                .expectException(rejectedWith(ErrorCode.NOT_CASE_HOLDER))
                .expectNoEvents();
    }

    @Test
    void theForwardingUnitNoLongerHoldsTheCaseItForwarded() {
        fixture.given(caseReceived(), caseForwardedTo(CIVIL_AFFAIRS))
                .when(forward(officerAt(ACCEPTED_AT), HUMAN_RESOURCES, ONWARD_REASON))
                .expectException(rejectedWith(ErrorCode.NOT_CASE_HOLDER))
                .expectNoEvents();
    }

    @Test
    void cannotForwardACaseToTheUnitThatHoldsIt() {
        fixture.given(caseReceived())
                .when(forwardTo(HOLDER))
                .expectException(rejectedWith(ErrorCode.FORWARD_TO_HOLDER))
                .expectNoEvents();
    }

    @Test
    void theTargetMustAcceptACaseBeforeForwardingItOnwards() {
        fixture.given(caseReceived(), caseForwardedTo(CIVIL_AFFAIRS))
                .when(forward(civilAffairsAt(ACCEPTED_AT), HUMAN_RESOURCES, ONWARD_REASON))
                .expectException(rejectedWith(ErrorCode.NOT_ACCEPTED_YET))
                .expectNoEvents();
    }

    @Test
    void afterAcceptingTheTargetMayForwardOnwardsWithAReason() {
        StaffAct by = civilAffairsAt(DAY_AFTER_RETURN_WINDOW);
        fixture.given(caseReceived(), caseForwardedTo(CIVIL_AFFAIRS), caseAcceptedBy(CIVIL_AFFAIRS))
                .when(forward(by, HUMAN_RESOURCES, ONWARD_REASON))
                .expectEvents(caseForwarded(by, CIVIL_AFFAIRS, HUMAN_RESOURCES, ONWARD_REASON,
                        Instant.parse("2025-03-07T16:00:00Z")))
                .expectResultMessagePayload(3L);
    }

    @Test
    void aForwardWithABlankReasonIsRejected() {
        fixture.given(caseReceived())
                .when(forward(officerAt(FORWARDED_AT), CIVIL_AFFAIRS, " \u3000\t"))
                .expectException(rejectedWith(ErrorCode.VALIDATION_FAILED))
                .expectNoEvents();
    }

    @Test
    void aForwardWithoutAReasonIsRejected() {
        fixture.given(caseReceived())
                .when(forward(officerAt(FORWARDED_AT), CIVIL_AFFAIRS, null))
                .expectException(rejectedWith(ErrorCode.VALIDATION_FAILED))
                .expectNoEvents();
    }

    @Test
    void cannotForwardACompletedCase() {
        fixture.given(caseReceived(), caseCompleted())
                .when(forwardTo(CIVIL_AFFAIRS))
                .expectException(rejectedWith(ErrorCode.CASE_ALREADY_COMPLETED))
                .expectNoEvents();
    }

    // --- accept --------------------------------------------------------------------------------------------------------

    @Test
    void theTargetAcceptsAForwardedCase() {
        fixture.given(caseReceived(), caseForwardedTo(CIVIL_AFFAIRS))
                .when(acceptBy(CIVIL_AFFAIRS))
                .expectEvents(caseAcceptedBy(CIVIL_AFFAIRS))
                .expectResultMessagePayload(2L);
    }

    @Test
    void anotherUnitCannotAcceptACaseForwardedElsewhere() {
        fixture.given(caseReceived(), caseForwardedTo(CIVIL_AFFAIRS))
                .when(acceptBy(HUMAN_RESOURCES))
                .expectException(rejectedWith(ErrorCode.NOT_CASE_HOLDER))
                .expectNoEvents();
    }

    @Test
    void theForwardingUnitCannotAcceptItsOwnForward() {
        fixture.given(caseReceived(), caseForwardedTo(CIVIL_AFFAIRS))
                .when(acceptBy(HOLDER))
                .expectException(rejectedWith(ErrorCode.NOT_CASE_HOLDER))
                .expectNoEvents();
    }

    @Test
    void cannotAcceptACaseThatWasNeverForwarded() {
        fixture.given(caseReceived())
                .when(acceptBy(HOLDER))
                .expectException(rejectedWith(ErrorCode.NOT_AWAITING_ACCEPTANCE))
                .expectNoEvents();
    }

    @Test
    void cannotAcceptACaseTwice() {
        fixture.given(caseReceived(), caseForwardedTo(CIVIL_AFFAIRS), caseAcceptedBy(CIVIL_AFFAIRS))
                .when(acceptBy(CIVIL_AFFAIRS))
                .expectException(rejectedWith(ErrorCode.NOT_AWAITING_ACCEPTANCE))
                .expectNoEvents();
    }

    @Test
    void theTargetCannotCompleteACaseBeforeAcceptingIt() {
        fixture.given(caseReceived(), caseForwardedTo(CIVIL_AFFAIRS))
                .when(completeCaseBy(civilAffairsAt(BEFORE_DEADLINE)))
                .expectException(rejectedWith(ErrorCode.NOT_ACCEPTED_YET))
                .expectNoEvents();
    }

    @Test
    void anAcceptedCaseIsCompletedByTheTarget() {
        StaffAct by = civilAffairsAt(BEFORE_DEADLINE);
        fixture.given(caseReceived(), caseForwardedTo(CIVIL_AFFAIRS), caseAcceptedBy(CIVIL_AFFAIRS))
                .when(completeCaseBy(by))
                .expectEvents(caseCompleted(1, by, true))
                .expectResultMessagePayload(3L);
    }

    // --- return --------------------------------------------------------------------------------------------------------

    @Test
    void theTargetMayReturnTheCaseWithinTheWindowToTheForwardingUnit() {
        fixture.given(caseReceived(), caseForwardedTo(CIVIL_AFFAIRS))
                .when(returnBy(CIVIL_AFFAIRS, ACCEPTED_AT))
                .expectEvents(caseReturnedBy(CIVIL_AFFAIRS, ACCEPTED_AT))
                .expectResultMessagePayload(2L);
    }

    @Test
    void aReturnedCaseIsHeldAndMayBeCompletedByTheForwardingUnitAgain() {
        fixture.given(caseReceived(), caseForwardedTo(CIVIL_AFFAIRS), caseReturnedBy(CIVIL_AFFAIRS, ACCEPTED_AT))
                .when(completeCase())
                .expectEvents(caseCompleted())
                .expectResultMessagePayload(3L);
    }

    @Test
    void theReturningUnitNoLongerHoldsTheCase() {
        fixture.given(caseReceived(), caseForwardedTo(CIVIL_AFFAIRS), caseReturnedBy(CIVIL_AFFAIRS, ACCEPTED_AT))
                .when(completeCaseBy(civilAffairsAt(BEFORE_DEADLINE)))
                .expectException(rejectedWith(ErrorCode.NOT_CASE_HOLDER))
                .expectNoEvents();
    }

    @Test
    void aReturnExactlyWhenTheWindowClosesIsStillAllowed() {
        fixture.given(caseReceived(), caseForwardedTo(CIVIL_AFFAIRS))
                .when(returnBy(CIVIL_AFFAIRS, RETURN_WINDOW_CLOSES_AT))
                .expectEvents(caseReturnedBy(CIVIL_AFFAIRS, RETURN_WINDOW_CLOSES_AT));
    }

    @Test
    void aReturnOneNanosecondAfterTheWindowClosedIsRejected() {
        fixture.given(caseReceived(), caseForwardedTo(CIVIL_AFFAIRS))
                .when(returnBy(CIVIL_AFFAIRS, RETURN_WINDOW_CLOSES_AT.plusNanos(1)))
                .expectException(rejectedWith(ErrorCode.RETURN_WINDOW_CLOSED))
                .expectNoEvents();
    }

    @Test
    void aReturnOnTheThursdayAfterATuesdayForwardIsRejected() {
        // rules.md "Custody" example: forwarded Tue 03-04 10:00, 区民政局 tries to return on Thu 03-06.
        fixture.given(caseReceived(), caseForwardedTo(CIVIL_AFFAIRS))
                .when(returnBy(CIVIL_AFFAIRS, DAY_AFTER_RETURN_WINDOW))
                .expectException(rejectedWith(ErrorCode.RETURN_WINDOW_CLOSED))
                .expectNoEvents();
    }

    @Test
    void cannotReturnACaseAfterAcceptingIt() {
        fixture.given(caseReceived(), caseForwardedTo(CIVIL_AFFAIRS), caseAcceptedBy(CIVIL_AFFAIRS))
                .when(returnBy(CIVIL_AFFAIRS, NOTICE_AT))
                .expectException(rejectedWith(ErrorCode.RETURN_WINDOW_CLOSED))
                .expectNoEvents();
    }

    @Test
    void aCaseThatWasNeverForwardedCannotBeReturned() {
        fixture.given(caseReceived())
                .when(returnBy(HOLDER, ACCEPTED_AT))
                .expectException(rejectedWith(ErrorCode.NOT_AWAITING_ACCEPTANCE))
                .expectNoEvents();
    }

    @Test
    void onlyTheTargetCanReturnAForwardedCase() {
        fixture.given(caseReceived(), caseForwardedTo(CIVIL_AFFAIRS))
                .when(returnBy(HUMAN_RESOURCES, ACCEPTED_AT))
                .expectException(rejectedWith(ErrorCode.NOT_CASE_HOLDER))
                .expectNoEvents();
    }

    @Test
    void aReturnNeedsAReason() {
        fixture.given(caseReceived(), caseForwardedTo(CIVIL_AFFAIRS))
                .when(returnBy(CIVIL_AFFAIRS, ACCEPTED_AT, "  "))
                .expectException(rejectedWith(ErrorCode.VALIDATION_FAILED))
                .expectNoEvents();
    }

    // --- one-time notice and the paused clock ------------------------------------------------------------------------

    @Test
    void exampleA_aNoticeOnWednesdayUsesTwoWorkingDaysAndLeavesThree() {
        // received Mon 03-03, limit 5; notice Wed 03-05 → used 03-04, 03-05; 3 remain.
        fixture.given(caseReceived())
                .when(notice(INCOME_PROOF, BANK_STATEMENTS))
                .expectEvents(noticeSent(1, 2, 3, INCOME_PROOF, BANK_STATEMENTS))
                .expectResultMessagePayload(1L);
    }

    @Test
    void exampleA_theSupplementOnMondayMovesTheDeadlineToTheEndOfThursday() {
        // supplement Mon 03-10 → counted 03-11, 03-12, 03-13 → due end of 2025-03-13.
        fixture.given(caseReceived(), noticeSent(1, 2, 3, INCOME_PROOF, BANK_STATEMENTS))
                .when(supplementAt(SUPPLEMENT_A_AT))
                .expectEvents(materialsSupplemented(SUPPLEMENT_A_AT, 3, DUE_AT_A))
                .expectResultMessagePayload(2L);
    }

    @Test
    void exampleB_aNoticeOnTheDayOfReceiptUsesNoWorkingDay() {
        StaffAct sameDay = officerAt(RECEIPT_DAY_AFTERNOON);
        fixture.given(caseReceived())
                .when(noticeBy(sameDay, INCOME_PROOF, BANK_STATEMENTS))
                .expectEvents(noticeSent(sameDay, 1, 0, 5, INCOME_PROOF, BANK_STATEMENTS));
    }

    @Test
    void exampleB_theSupplementOnWednesdayMovesTheDeadlineToTheEndOfTheFollowingWednesday() {
        // supplement Wed 03-05 → counted 03-06, 03-07, 03-10, 03-11, 03-12 → due end of 2025-03-12.
        fixture.given(caseReceived(),
                        noticeSent(officerAt(RECEIPT_DAY_AFTERNOON), 1, 0, 5, INCOME_PROOF, BANK_STATEMENTS))
                .when(supplementAt(SUPPLEMENT_B_AT))
                .expectEvents(materialsSupplemented(SUPPLEMENT_B_AT, 5, DUE_AT_B));
    }

    @Test
    void afterExampleAsSupplementACompletionPastTheOriginalDeadlineIsOnTime() {
        fixture.given(caseReceived(), noticeSent(1, 2, 3, INCOME_PROOF, BANK_STATEMENTS),
                        materialsSupplemented(SUPPLEMENT_A_AT, 3, DUE_AT_A))
                .when(completeCaseAt(AFTER_DEADLINE))
                .expectEvents(caseCompletedAt(AFTER_DEADLINE, true));
    }

    @Test
    void afterExampleAsSupplementACompletionPastTheMovedDeadlineIsLate() {
        fixture.given(caseReceived(), noticeSent(1, 2, 3, INCOME_PROOF, BANK_STATEMENTS),
                        materialsSupplemented(SUPPLEMENT_A_AT, 3, DUE_AT_A))
                .when(completeCaseAt(DUE_AT_A.plusSeconds(1)))
                .expectEvents(caseCompletedAt(DUE_AT_A.plusSeconds(1), false));
    }

    @Test
    void aNoticeAfterASupplementCountsFromTheSupplementAgainstTheRemainingBudget() {
        // run restarted Mon 03-10 with 3 days; a repeat notice on Wed 03-12 uses 03-11 and 03-12 → 1 remains.
        StaffAct wednesday = officerAt(TWO_DAYS_LATE);
        fixture.given(caseReceived(), noticeSent(1, 2, 3, INCOME_PROOF, BANK_STATEMENTS),
                        materialsSupplemented(SUPPLEMENT_A_AT, 3, DUE_AT_A))
                .when(noticeBy(wednesday, INCOME_PROOF))
                .expectEvents(noticeSent(wednesday, 2, 2, 1, INCOME_PROOF))
                .expectResultMessagePayload(3L);
    }

    @Test
    void aRepeatNoticeForListedItemsWhilePausedIsNoBreachAndKeepsTheRemainingBudget() {
        // Same material code under another name; the free text typed again in half-width, lower case, with spaces.
        StaffAct thursday = officerAt(DAY_AFTER_RETURN_WINDOW);
        fixture.given(caseReceived(), noticeSent(1, 2, 3, INCOME_PROOF, BANK_STATEMENTS))
                .when(noticeBy(thursday, INCOME_PROOF_RENAMED, BANK_STATEMENTS_RETYPED))
                .expectEvents(noticeSent(thursday, 2, 2, 3, INCOME_PROOF_RENAMED, BANK_STATEMENTS_RETYPED))
                .expectResultMessagePayload(2L);
    }

    @Test
    void aNoticeAskingForAnUnlistedMaterialIsRecordedAsABreachAgainstTheFirstNoticesSender() {
        // li.na sends the second notice; the breach is zhang.wei's, who sent the first.
        StaffAct colleague = staff(COLLEAGUE, HOLDER, DAY_AFTER_RETURN_WINDOW);
        fixture.given(caseReceived(), noticeSent(1, 2, 3, INCOME_PROOF, BANK_STATEMENTS))
                .when(noticeBy(colleague, INCOME_PROOF, HOUSEHOLD_REGISTER))
                .expectEvents(noticeSent(colleague, 2, 2, 3, INCOME_PROOF, HOUSEHOLD_REGISTER),
                        breachRecorded(colleague, 2, OFFICER, HOUSEHOLD_REGISTER))
                .expectResultMessagePayload(3L);
    }

    @Test
    void aNoticeAskingForAnUnlistedFreeTextItemIsABreach() {
        StaffAct thursday = officerAt(DAY_AFTER_RETURN_WINDOW);
        fixture.given(caseReceived(), noticeSent(1, 2, 3, INCOME_PROOF, BANK_STATEMENTS))
                .when(noticeBy(thursday, BANK_STATEMENTS_RETYPED, COMMUNITY_STATEMENT))
                .expectEvents(noticeSent(thursday, 2, 2, 3, BANK_STATEMENTS_RETYPED, COMMUNITY_STATEMENT),
                        breachRecorded(thursday, 2, OFFICER, COMMUNITY_STATEMENT))
                .expectResultMessagePayload(3L);
    }

    @Test
    void anItemFirstAskedForInABreachingNoticeCountsAsListedAfterwards() {
        StaffAct colleague = staff(COLLEAGUE, HOLDER, DAY_AFTER_RETURN_WINDOW);
        StaffAct later = staff(COLLEAGUE, HOLDER, SUPPLEMENT_A_AT);
        fixture.given(caseReceived(), noticeSent(1, 2, 3, INCOME_PROOF),
                        noticeSent(colleague, 2, 2, 3, HOUSEHOLD_REGISTER),
                        breachRecorded(colleague, 2, OFFICER, HOUSEHOLD_REGISTER))
                .when(noticeBy(later, HOUSEHOLD_REGISTER))
                .expectEvents(noticeSent(later, 3, 2, 3, HOUSEHOLD_REGISTER))
                .expectResultMessagePayload(4L);
    }

    @Test
    void aNoticeWhileTheCaseIsStillWithinItsBudgetAfterAnAcceptedForwardCountsFromReceipt() {
        // custody moves, the clock does not restart: 区民政局's notice on Wed 03-05 uses 03-04 and 03-05.
        StaffAct by = civilAffairsAt(NOTICE_AT);
        fixture.given(caseReceived(), caseForwardedTo(CIVIL_AFFAIRS), caseAcceptedBy(CIVIL_AFFAIRS))
                .when(noticeBy(by, INCOME_PROOF))
                .expectEvents(noticeSent(by, 1, 2, 3, INCOME_PROOF))
                .expectResultMessagePayload(3L);
    }

    @Test
    void onlyTheHolderCanSendANotice() {
        fixture.given(caseReceived())
                .when(noticeBy(civilAffairsAt(NOTICE_AT), INCOME_PROOF))
                .expectException(rejectedWith(ErrorCode.NOT_CASE_HOLDER))
                .expectNoEvents();
    }

    @Test
    void aCaseAwaitingAcceptanceTakesNoNotice() {
        fixture.given(caseReceived(), caseForwardedTo(CIVIL_AFFAIRS))
                .when(noticeBy(civilAffairsAt(NOTICE_AT), INCOME_PROOF))
                .expectException(rejectedWith(ErrorCode.NOT_ACCEPTED_YET))
                .expectNoEvents();
    }

    @Test
    void aNoticeWithoutItemsIsRejected() {
        fixture.given(caseReceived())
                .when(notice())
                .expectException(rejectedWith(ErrorCode.VALIDATION_FAILED))
                .expectNoEvents();
    }

    @Test
    void aNoticeWithANullItemListIsRejected() {
        fixture.given(caseReceived())
                .when(new StaffCommands.NotifyMissingMaterials(anyCaseId(), null, null,
                        NotificationChannel.SMS, officerAt(NOTICE_AT)))
                .expectException(rejectedWith(ErrorCode.VALIDATION_FAILED))
                .expectNoEvents();
    }

    @Test
    void aCompletedCaseTakesNoNotice() {
        fixture.given(caseReceived(), caseCompleted())
                .when(notice(INCOME_PROOF))
                .expectException(rejectedWith(ErrorCode.CASE_ALREADY_COMPLETED))
                .expectNoEvents();
    }

    // --- supplement ----------------------------------------------------------------------------------------------------

    @Test
    void cannotSupplementACaseThatIsNotPaused() {
        fixture.given(caseReceived())
                .when(supplementAt(SUPPLEMENT_A_AT))
                .expectException(rejectedWith(ErrorCode.NOT_PAUSED))
                .expectNoEvents();
    }

    @Test
    void cannotSupplementTwiceForOneNotice() {
        fixture.given(caseReceived(), noticeSent(1, 2, 3, INCOME_PROOF, BANK_STATEMENTS),
                        materialsSupplemented(SUPPLEMENT_A_AT, 3, DUE_AT_A))
                .when(supplementAt(TWO_DAYS_LATE))
                .expectException(rejectedWith(ErrorCode.NOT_PAUSED))
                .expectNoEvents();
    }

    @Test
    void onlyTheHolderRecordsASupplement() {
        fixture.given(caseReceived(), noticeSent(1, 2, 3, INCOME_PROOF, BANK_STATEMENTS))
                .when(supplementBy(civilAffairsAt(SUPPLEMENT_A_AT)))
                .expectException(rejectedWith(ErrorCode.NOT_CASE_HOLDER))
                .expectNoEvents();
    }

    @Test
    void aNoticeAfterTheDeadlineRecordsANegativeBudget() {
        // due end of Mon 03-10; a notice on Wed 03-12 has used 03-04 … 03-12 = 7 of 5.
        StaffAct late = officerAt(TWO_DAYS_LATE);
        fixture.given(caseReceived())
                .when(noticeBy(late, INCOME_PROOF))
                .expectEvents(noticeSent(late, 1, 7, -2, INCOME_PROOF));
    }

    @Test
    void aSupplementWithNoBudgetLeftKeepsTheDeadlineInForceBeforeThePause() {
        fixture.given(caseReceived(), noticeSent(officerAt(TWO_DAYS_LATE), 1, 7, -2, INCOME_PROOF))
                .when(supplementAt(EVALUATED_AT))
                .expectEvents(materialsSupplemented(EVALUATED_AT, -2, DUE_AT));
    }

    @Test
    void aSupplementAfterANoticeOnTheLastDayKeepsTheDeadline() {
        // notice on Mon 03-10, the last counted day: used 5, nothing remains.
        StaffAct lastDay = officerAt(SUPPLEMENT_A_AT);
        fixture.given(caseReceived(), noticeSent(lastDay, 1, 5, 0, INCOME_PROOF))
                .when(supplementAt(TWO_DAYS_LATE))
                .expectEvents(materialsSupplemented(TWO_DAYS_LATE, 0, DUE_AT));
    }

    @Test
    void aCaseOverdueBeforeItsPauseStaysLateThroughAFurtherNotice() {
        fixture.given(caseReceived(), noticeSent(officerAt(TWO_DAYS_LATE), 1, 7, -2, INCOME_PROOF),
                        materialsSupplemented(EVALUATED_AT, -2, DUE_AT))
                .andGivenCommands(noticeBy(officerAt(EVALUATED_AT.plusSeconds(600)), INCOME_PROOF))
                .when(completeCaseAt(EVALUATED_AT.plusSeconds(3600)))
                .expectEvents(caseCompletedAt(EVALUATED_AT.plusSeconds(3600), false));
    }

    @Test
    void aNoticeOnACaseStillOverdueAfterASupplementRecordsANegativeBudget() {
        fixture.given(caseReceived(), noticeSent(officerAt(TWO_DAYS_LATE), 1, 7, -2, INCOME_PROOF),
                        materialsSupplemented(EVALUATED_AT, -2, DUE_AT))
                .when(noticeBy(officerAt(EVALUATED_AT.plusSeconds(600)), INCOME_PROOF))
                .expectEventsMatching(payloadsMatching(exactSequenceOf(
                        predicate(event -> event instanceof MissingMaterialsNotified n
                                && n.remainingWorkingDays() < 0),
                        andNoMore())));
    }

    @Test
    void aPausedCaseMayBeCompletedAndIsOnTimeWhenItsBudgetWasNotExhausted() {
        // paused on 03-05 with 3 days left; completed on 03-11 (past the original deadline) while still paused.
        fixture.given(caseReceived(), noticeSent(1, 2, 3, INCOME_PROOF, BANK_STATEMENTS))
                .when(completeCaseAt(AFTER_DEADLINE))
                .expectEvents(caseCompletedAt(AFTER_DEADLINE, true))
                .expectResultMessagePayload(2L);
    }

    @Test
    void aPausedCaseWithAnExhaustedBudgetIsLateWhenCompleted() {
        fixture.given(caseReceived(), noticeSent(officerAt(TWO_DAYS_LATE), 1, 7, -2, INCOME_PROOF))
                .when(completeCaseAt(EVALUATED_AT))
                .expectEvents(caseCompletedAt(EVALUATED_AT, false));
    }

    @Test
    void completingEndsThePauseSoALaterSupplementIsRejected() {
        fixture.given(caseReceived(), noticeSent(1, 2, 3, INCOME_PROOF, BANK_STATEMENTS),
                        caseCompletedAt(AFTER_DEADLINE, true))
                .when(supplementAt(TWO_DAYS_LATE))
                .expectException(rejectedWith(ErrorCode.CASE_ALREADY_COMPLETED))
                .expectNoEvents();
    }

    // --- justify a breach ----------------------------------------------------------------------------------------------

    private static Object[] aBreachOnNoticeTwo() {
        StaffAct colleague = staff(COLLEAGUE, HOLDER, DAY_AFTER_RETURN_WINDOW);
        return new Object[] {caseReceived(), noticeSent(1, 2, 3, INCOME_PROOF, BANK_STATEMENTS),
                noticeSent(colleague, 2, 2, 3, INCOME_PROOF, HOUSEHOLD_REGISTER),
                breachRecorded(colleague, 2, OFFICER, HOUSEHOLD_REGISTER)};
    }

    @ParameterizedTest(name = "supervisor of {0}")
    @ValueSource(strings = {"S01-C", "S01", "D01", "CITY"})
    void aSupervisorOfTheHoldingUnitOrAboveMarksABreachJustified(String unit) {
        StaffAct supervisor = supervisorOf(UnitId.of(unit), TWO_DAYS_LATE);
        fixture.given(aBreachOnNoticeTwo())
                .when(justifyBreach(2, supervisor))
                .expectEvents(breachJustified(2, supervisor))
                .expectResultMessagePayload(4L);
    }

    @Test
    void anOfficerWithoutTheSupervisorRoleCannotJustifyABreach() {
        fixture.given(aBreachOnNoticeTwo())
                .when(justifyBreach(2, staff(SUPERVISOR, STREET, TWO_DAYS_LATE)))
                .expectException(rejectedWith(ErrorCode.FORBIDDEN))
                .expectNoEvents();
    }

    @ParameterizedTest(name = "supervisor of {0}")
    @ValueSource(strings = {"S02", "D02", "D-MZJ", "S01-C-W01"})
    void aSupervisorOutsideTheHoldersSubtreeCannotJustifyABreach(String unit) {
        fixture.given(aBreachOnNoticeTwo())
                .when(justifyBreach(2, supervisorOf(UnitId.of(unit), TWO_DAYS_LATE)))
                .expectException(rejectedWith(ErrorCode.FORBIDDEN))
                .expectNoEvents();
    }

    @ParameterizedTest(name = "notice {0}")
    @ValueSource(ints = {1, 3, 7})
    void aNoticeWithoutABreachCannotBeJustified(int noticeNumber) {
        fixture.given(aBreachOnNoticeTwo())
                .when(justifyBreach(noticeNumber, supervisorOf(STREET, TWO_DAYS_LATE)))
                .expectException(rejectedWith(ErrorCode.BREACH_NOT_FOUND))
                .expectNoEvents();
    }

    @Test
    void aBreachIsJustifiedOnlyOnce() {
        StaffAct supervisor = supervisorOf(STREET, TWO_DAYS_LATE);
        fixture.given(aBreachOnNoticeTwo())
                .andGiven(breachJustified(2, supervisor))
                .when(justifyBreach(2, supervisorOf(DISTRICT, EVALUATED_AT)))
                .expectException(rejectedWith(ErrorCode.BREACH_ALREADY_JUSTIFIED))
                .expectNoEvents();
    }

    @Test
    void aJustificationNeedsAReason() {
        fixture.given(aBreachOnNoticeTwo())
                .when(justifyBreach(2, supervisorOf(STREET, TWO_DAYS_LATE), "\u3000"))
                .expectException(rejectedWith(ErrorCode.VALIDATION_FAILED))
                .expectNoEvents();
    }

    // --- notify the applicant --------------------------------------------------------------------------------------------

    @Test
    void theHolderRecordsWhatTheApplicantWasToldAboutProgress() {
        StaffAct by = officerAt(BEFORE_DEADLINE);
        fixture.given(caseReceived())
                .when(notifyProgress(by, PROGRESS_TEXT))
                .expectEvents(progressNotified(by, PROGRESS_TEXT))
                .expectResultMessagePayload(1L);
    }

    @Test
    void onlyTheHolderRecordsAProgressNotice() {
        fixture.given(caseReceived())
                .when(notifyProgress(civilAffairsAt(BEFORE_DEADLINE), PROGRESS_TEXT))
                .expectException(rejectedWith(ErrorCode.NOT_CASE_HOLDER))
                .expectNoEvents();
    }

    @Test
    void aProgressNoticeNeedsItsText() {
        fixture.given(caseReceived())
                .when(notifyProgress(officerAt(BEFORE_DEADLINE), " "))
                .expectException(rejectedWith(ErrorCode.VALIDATION_FAILED))
                .expectNoEvents();
    }

    @Test
    void aCompletedCaseTakesNoProgressNotice() {
        fixture.given(caseReceived(), caseCompleted())
                .when(notifyProgress(officerAt(EVALUATED_AT), PROGRESS_TEXT))
                .expectException(rejectedWith(ErrorCode.CASE_ALREADY_COMPLETED))
                .expectNoEvents();
    }

    @Test
    void theCompletingUnitRecordsHowTheResultWasTold() {
        StaffAct by = staff(COLLEAGUE, HOLDER, EVALUATED_AT);
        fixture.given(caseReceived(), caseCompleted())
                .when(notifyResult(by, RESULT_NOTICE_TEXT))
                .expectEvents(resultNotified(1, by, RESULT_NOTICE_TEXT))
                .expectResultMessagePayload(2L);
    }

    @Test
    void theResultCannotBeToldBeforeCompletion() {
        fixture.given(caseReceived())
                .when(notifyResult(officerAt(BEFORE_DEADLINE), RESULT_NOTICE_TEXT))
                .expectException(rejectedWith(ErrorCode.CASE_NOT_COMPLETED))
                .expectNoEvents();
    }

    @Test
    void onlyTheCompletingUnitRecordsHowTheResultWasTold() {
        StaffAct civilAffairs = civilAffairsAt(BEFORE_DEADLINE);
        fixture.given(caseReceived(), caseForwardedTo(CIVIL_AFFAIRS), caseAcceptedBy(CIVIL_AFFAIRS),
                        caseCompleted(1, civilAffairs, true))
                .when(notifyResult(officerAt(EVALUATED_AT), RESULT_NOTICE_TEXT))
                .expectException(rejectedWith(ErrorCode.NOT_CASE_HOLDER))
                .expectNoEvents();
    }

    @Test
    void aResultNoticeNeedsItsText() {
        fixture.given(caseReceived(), caseCompleted())
                .when(notifyResult(officerAt(EVALUATED_AT), null))
                .expectException(rejectedWith(ErrorCode.VALIDATION_FAILED))
                .expectNoEvents();
    }

    // --- reopen --------------------------------------------------------------------------------------------------------

    @Test
    void aSupervisorReopensACompletedCaseToTheCompletingUnitWithAFreshCommitment() {
        // reopened Mon 03-17 15:00, limit 5 → counted 03-18 … 03-24 → due end of 2025-03-24.
        StaffAct supervisor = supervisorOf(STREET, REOPENED_AT);
        fixture.given(caseReceived(), caseCompleted(), caseEvaluated())
                .when(reopenBy(supervisor))
                .expectEvents(caseReopened(supervisor, 2, HOLDER, REOPEN_DUE_AT))
                .expectResultMessagePayload(3L);
    }

    @Test
    void aReopenedCaseGoesBackToTheUnitThatCompletedItNotToTheReceivingOne() {
        StaffAct civilAffairs = civilAffairsAt(BEFORE_DEADLINE);
        StaffAct supervisor = supervisorOf(DISTRICT, REOPENED_AT);
        fixture.given(caseReceived(), caseForwardedTo(CIVIL_AFFAIRS), caseAcceptedBy(CIVIL_AFFAIRS),
                        caseCompleted(1, civilAffairs, true))
                .when(reopenBy(supervisor))
                .expectEvents(caseReopened(supervisor, 2, CIVIL_AFFAIRS, REOPEN_DUE_AT));
    }

    @Test
    void aSupervisorNotAboveTheCompletingUnitCannotReopen() {
        fixture.given(caseReceived(), caseForwardedTo(CIVIL_AFFAIRS), caseAcceptedBy(CIVIL_AFFAIRS),
                        caseCompleted(1, civilAffairsAt(BEFORE_DEADLINE), true))
                .when(reopenBy(supervisorOf(STREET, REOPENED_AT)))
                .expectException(rejectedWith(ErrorCode.FORBIDDEN))
                .expectNoEvents();
    }

    @Test
    void anOfficerWithoutTheSupervisorRoleCannotReopen() {
        fixture.given(caseReceived(), caseCompleted())
                .when(reopenBy(officerAt(REOPENED_AT)))
                .expectException(rejectedWith(ErrorCode.FORBIDDEN))
                .expectNoEvents();
    }

    @Test
    void anOpenCaseCannotBeReopened() {
        fixture.given(caseReceived())
                .when(reopenBy(supervisorOf(STREET, REOPENED_AT)))
                .expectException(rejectedWith(ErrorCode.CASE_NOT_COMPLETED))
                .expectNoEvents();
    }

    @Test
    void aReopenNeedsAReason() {
        fixture.given(caseReceived(), caseCompleted())
                .when(reopen(supervisorOf(STREET, REOPENED_AT), ""))
                .expectException(rejectedWith(ErrorCode.VALIDATION_FAILED))
                .expectNoEvents();
    }

    @Test
    void theCompletionAfterAReopenIsTheSecondAndMeasuredAgainstTheFreshDeadline() {
        StaffAct supervisor = supervisorOf(STREET, REOPENED_AT);
        fixture.given(caseReceived(), caseCompleted(), caseEvaluated(),
                        caseReopened(supervisor, 2, HOLDER, REOPEN_DUE_AT))
                .when(completeCaseAt(SECOND_COMPLETION_AT))
                .expectEvents(caseCompleted(2, officerAt(SECOND_COMPLETION_AT), true))
                .expectResultMessagePayload(4L);
    }

    @Test
    void aReopenedCaseCannotBeEvaluatedBeforeItsNextCompletion() {
        fixture.given(caseReceived(), caseCompleted(), caseEvaluated(),
                        caseReopened(supervisorOf(STREET, REOPENED_AT), 2, HOLDER, REOPEN_DUE_AT))
                .when(evaluateCaseAt(SECOND_EVALUATION_AT))
                .expectException(rejectedWith(ErrorCode.CASE_NOT_COMPLETED))
                .expectNoEvents();
    }

    @Test
    void theSecondCompletionMayBeEvaluatedAlthoughTheFirstWas() {
        fixture.given(caseReceived(), caseCompleted(), caseEvaluated(),
                        caseReopened(supervisorOf(STREET, REOPENED_AT), 2, HOLDER, REOPEN_DUE_AT),
                        caseCompleted(2, officerAt(SECOND_COMPLETION_AT), true))
                .when(evaluateCaseAt(SECOND_EVALUATION_AT))
                .expectEvents(caseEvaluated(2, SECOND_EVALUATION_AT))
                .expectResultMessagePayload(5L);
    }

    @Test
    void theResultOfTheSecondCompletionIsToldAsTheSecond() {
        StaffAct by = officerAt(SECOND_EVALUATION_AT);
        fixture.given(caseReceived(), caseCompleted(),
                        caseReopened(supervisorOf(STREET, REOPENED_AT), 2, HOLDER, REOPEN_DUE_AT),
                        caseCompleted(2, officerAt(SECOND_COMPLETION_AT), true))
                .when(notifyResult(by, RESULT_NOTICE_TEXT))
                .expectEvents(resultNotified(2, by, RESULT_NOTICE_TEXT));
    }

    @Test
    void aSecondReopenStartsTheThirdRound() {
        StaffAct second = supervisorOf(DISTRICT, Instant.parse("2025-03-24T02:00:00Z"));
        fixture.given(caseReceived(), caseCompleted(),
                        caseReopened(supervisorOf(STREET, REOPENED_AT), 2, HOLDER, REOPEN_DUE_AT),
                        caseCompleted(2, officerAt(SECOND_COMPLETION_AT), true))
                .when(reopenBy(second))
                // Mon 03-24 → counted 03-25 … 03-31 → due end of Mon 2025-03-31.
                .expectEvents(caseReopened(second, 3, HOLDER, Instant.parse("2025-03-31T16:00:00Z")));
    }

    @Test
    void theFirstNoticeAfterAReopenListsEverythingAfreshAndCountsFromTheReopen() {
        // reopened Mon 03-17; notice Wed 03-19 uses 03-18 and 03-19 of 5.
        StaffAct by = officerAt(ROUND_TWO_NOTICE_AT);
        fixture.given(caseReceived(), noticeSent(1, 2, 3, INCOME_PROOF), caseCompleted(),
                        caseReopened(supervisorOf(STREET, REOPENED_AT), 2, HOLDER, REOPEN_DUE_AT))
                .when(noticeBy(by, HOUSEHOLD_REGISTER))
                .expectEvents(noticeSent(by, 2, 2, 3, HOUSEHOLD_REGISTER))
                .expectResultMessagePayload(4L);
    }

    @Test
    void inAReopenedRoundAnItemListedOnlyInTheEarlierRoundIsABreachOfTheNewRoundsFirstSender() {
        StaffAct colleague = staff(COLLEAGUE, HOLDER, ROUND_TWO_NOTICE_AT);
        StaffAct officer = officerAt(SECOND_COMPLETION_AT);
        fixture.given(caseReceived(), noticeSent(1, 2, 3, INCOME_PROOF), caseCompleted(),
                        caseReopened(supervisorOf(STREET, REOPENED_AT), 2, HOLDER, REOPEN_DUE_AT),
                        noticeSent(colleague, 2, 2, 3, HOUSEHOLD_REGISTER))
                .when(noticeBy(officer, INCOME_PROOF))
                .expectEvents(noticeSent(officer, 3, 2, 3, INCOME_PROOF),
                        breachRecorded(officer, 3, COLLEAGUE, INCOME_PROOF))
                .expectResultMessagePayload(6L);
    }

    // --- unknown case ----------------------------------------------------------------------------------------------

    @Test
    void aCommandOnAnUnknownCaseFailsLoudly() {
        // The fixture's event store reports it as AggregateNotFoundException ("No 'given' events were configured for
        // this aggregate, nor have any events been stored."); the real EventSourcingRepository throws the same type.
        // CaseCommandService turns an unknown case into CASE_NOT_FOUND before dispatch.
        fixture.givenNoPriorActivity()
                .when(completeCase(unknownCaseId()))
                .expectException(AggregateNotFoundException.class)
                .expectNoEvents();
    }

    // ---------------------------------------------------------------------------------------------------------------

    /** A {@link DomainException} carrying the given stable code. */
    private static Matcher<DomainException> rejectedWith(ErrorCode code) {
        return new TypeSafeDiagnosingMatcher<>() {
            @Override
            protected boolean matchesSafely(DomainException e, Description mismatch) {
                if (e.code() != code) {
                    mismatch.appendText("a DomainException with code ").appendValue(e.code())
                            .appendText(": ").appendValue(e.getMessage());
                    return false;
                }
                return true;
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("a DomainException with code ").appendValue(code);
            }
        };
    }
}
