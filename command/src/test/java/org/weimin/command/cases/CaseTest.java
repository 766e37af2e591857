package org.weimin.command.cases;

import static org.weimin.command.cases.CaseFixtures.AFTER_DEADLINE;
import static org.weimin.command.cases.CaseFixtures.DUE_AT;
import static org.weimin.command.cases.CaseFixtures.OTHER_UNIT;
import static org.weimin.command.cases.CaseFixtures.REFUSAL_REASONS;
import static org.weimin.command.cases.CaseFixtures.WRONG_VERIFICATION_CODE_HASH;
import static org.weimin.command.cases.CaseFixtures.anyCaseId;
import static org.weimin.command.cases.CaseFixtures.caseCompleted;
import static org.weimin.command.cases.CaseFixtures.caseCompletedAt;
import static org.weimin.command.cases.CaseFixtures.caseEvaluated;
import static org.weimin.command.cases.CaseFixtures.caseReceived;
import static org.weimin.command.cases.CaseFixtures.caseRefused;
import static org.weimin.command.cases.CaseFixtures.completeCase;
import static org.weimin.command.cases.CaseFixtures.completeCaseAt;
import static org.weimin.command.cases.CaseFixtures.completeCaseBy;
import static org.weimin.command.cases.CaseFixtures.evaluateCase;
import static org.weimin.command.cases.CaseFixtures.evaluateCaseWithCodeHash;
import static org.weimin.command.cases.CaseFixtures.receiveCase;
import static org.weimin.command.cases.CaseFixtures.refuseCase;
import static org.weimin.command.cases.CaseFixtures.unknownCaseId;

import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeDiagnosingMatcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.weimin.events.DomainException;
import org.weimin.events.ErrorCode;
import org.weimin.events.calendar.WeekdayCalendar;

/** The case aggregate's specification: every command, its events, its result and its rejections. */
class CaseTest {

    private FixtureConfiguration<Case> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Case.class);
        fixture.registerInjectableResource(new WeekdayCalendar());
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
