package org.weimin.command.cases;

import static org.weimin.command.cases.CaseFixtures.*;
import static org.weimin.command.cases.Rejections.rejectedWith;

import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.weimin.events.ErrorCode;
import org.weimin.events.access.Action;
import org.weimin.events.calendar.WeekdayCalendar;

/**
 * The aggregate judges scope before any rule about the case's state (issue 7, {@code Case#checkScope}): an
 * out-of-scope caller always gets a 403 code, learns nothing of the state, and nothing is appended.
 */
class CaseAccessTest {
    private FixtureConfiguration<Case> fixture;

    @BeforeEach
    void setUp() {
        fixture = caseFixture(new WeekdayCalendar());
    }

    @Test
    void staffOfAnotherUnitCompletingACompletedCaseAreNotTheHolderRatherThanToldItIsCompleted() {
        fixture.given(caseReceived(), caseCompleted())
                .when(completeCaseBy(civilAffairsAt(EVALUATED_AT)))
                .expectException(rejectedWith(ErrorCode.NOT_CASE_HOLDER))
                .expectNoEvents();
    }

    @Test
    void theHolderCompletingItAgainIsToldItIsCompleted() {
        fixture.given(caseReceived(), caseCompleted())
                .when(completeCaseBy(officerAt(EVALUATED_AT)))
                .expectException(rejectedWith(ErrorCode.CASE_ALREADY_COMPLETED));
    }

    @Test
    void aSupervisorOfAnotherStreetReopeningAnOpenCaseIsForbiddenRatherThanToldItIsOpen() {
        fixture.given(caseReceived())
                .when(reopenBy(supervisorOf(OTHER_STREET, EVALUATED_AT)))
                .expectException(rejectedWith(ErrorCode.FORBIDDEN))
                .expectNoEvents();
    }

    @Test
    void aSupervisorCannotRecordAFindingOnACaseNoUnitOfTheirSubtreeEverHeld() {
        fixture.given(caseReceived())
                .when(finding(OTHER_STREET, null, supervisorOf(OTHER_STREET, AFTER_DEADLINE)))
                .expectException(rejectedWith(ErrorCode.FORBIDDEN))
                .expectNoEvents();
    }

    @Test
    void aSupervisorOfAUnitThatOnceHeldTheCaseMayStillRecordAFinding() {
        StaffAct by = supervisorOf(STREET, AFTER_DEADLINE);
        fixture.given(caseReceived(), caseForwardedTo(CIVIL_AFFAIRS), caseAcceptedBy(CIVIL_AFFAIRS))
                .when(finding(HOLDER, OFFICER, by))
                .expectEvents(findingRecorded(1, HOLDER, OFFICER, by));
    }

    @Test
    void staffOfAnUpperUnitWithoutTheSupervisingCapacityCannotUrge() {
        fixture.given(caseReceived())
                .when(urge(staff(SUPERVISOR, DISTRICT, AFTER_DEADLINE)))
                .expectException(rejectedWith(ErrorCode.FORBIDDEN))
                .expectNoEvents();
    }

    @Test
    void anotherUnitRecordingARectificationStepIsNotTheHolderEvenWhenNoRectificationIsOpen() {
        fixture.given(caseReceived(), caseCompleted())
                .when(rectificationStep("VERIFIED", civilAffairsAt(EVALUATED_AT)))
                .expectException(rejectedWith(ErrorCode.NOT_CASE_HOLDER))
                .expectNoEvents();
    }

    @Test
    void everyStaffCommandNamesItsActionOfTheMatrix() {
        org.assertj.core.api.Assertions.assertThat(completeCaseBy(officerAt(EVALUATED_AT)).action())
                .isEqualTo(Action.COMPLETE);
        org.assertj.core.api.Assertions.assertThat(java.util.Arrays.stream(StaffCommands.class.getClasses())
                        .filter(c -> c.isRecord()).allMatch(StaffCommands.StaffCommand.class::isAssignableFrom))
                .as("every record in StaffCommands is a StaffCommand").isTrue();
    }
}
