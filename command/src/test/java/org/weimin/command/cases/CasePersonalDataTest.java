package org.weimin.command.cases;

import static org.weimin.command.cases.CaseFixtures.*;
import static org.weimin.command.cases.Rejections.rejectedWith;

import java.time.Instant;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.weimin.command.cases.PersonalDataCommands.EraseApplicantData;
import org.weimin.command.cases.PersonalDataCommands.ErasureRecorded;
import org.weimin.command.cases.PersonalDataCommands.PersonalDataViewGranted;
import org.weimin.command.cases.PersonalDataCommands.RecordPersonalDataView;
import org.weimin.events.Actor;
import org.weimin.events.ErrorCode;
import org.weimin.events.StaffId;
import org.weimin.events.UnitId;
import org.weimin.events.calendar.WeekdayCalendar;
import org.weimin.events.cases.ApplicantDataErased;
import org.weimin.events.cases.PersonalDataAccess;
import org.weimin.events.cases.PersonalDataViewed;
import org.weimin.events.privacy.ApplicantKeyId;

/**
 * Unmasked views and erasure of the applicant's personal data (issue 7; rules.md "Personal data": unmasked values
 * only for auditors, and for the holding unit's staff with a stated reason, each such view recorded).
 */
class CasePersonalDataTest {
    private static final Instant VIEWED_AT = Instant.parse("2025-03-06T02:30:00Z");
    private static final Instant ERASED_AT = Instant.parse("2025-06-03T01:00:00Z");
    private static final String REASON = "电话核实申请人身份";
    private static final String BASIS = "《个人信息保护法》第四十七条";
    private static final StaffAct AUDITOR = new StaffAct(Actor.staff(StaffId.of("shen.ji")), CITY, false,
            VIEWED_AT, VIEWED_AT);
    private static final StaffAct ADMIN = new StaffAct(Actor.staff(StaffId.of("admin")), CITY, false, ERASED_AT,
            ERASED_AT);

    private FixtureConfiguration<Case> fixture;

    @BeforeEach
    void setUp() {
        fixture = caseFixture(new WeekdayCalendar());
    }

    private static RecordPersonalDataView view(StaffAct by, boolean auditor) {
        return new RecordPersonalDataView(CASE_ID, REASON, auditor, by);
    }

    private static PersonalDataViewed viewed(StaffAct by, PersonalDataAccess access, UnitId holder) {
        return new PersonalDataViewed(CASE_ID, by.unit(), access, holder, REASON, by.actor(), by.occurredAt(),
                by.recordedAt());
    }

    private static EraseApplicantData erase(ApplicantKeyId key) {
        return new EraseApplicantData(CASE_ID, key, BASIS, ADMIN);
    }

    private static ApplicantDataErased erased() {
        return new ApplicantDataErased(CASE_ID, APPLICANT_KEY, BASIS, ADMIN.actor(), ERASED_AT, ERASED_AT);
    }

    @Test
    void theHoldingUnitsStaffSeeTheSealedApplicantAndTheViewIsRecordedWithItsReason() {
        StaffAct by = officerAt(VIEWED_AT);
        fixture.given(caseReceived())
                .when(view(by, false))
                .expectEvents(viewed(by, PersonalDataAccess.HOLDING_UNIT, HOLDER))
                .expectResultMessagePayload(new PersonalDataViewGranted(1L, applicant()));
    }

    @Test
    void afterAForwardTheTargetUnitHoldsItAndTheFormerHolderMayNoLongerSee() {
        StaffAct target = civilAffairsAt(VIEWED_AT);
        fixture.given(caseReceived(), caseForwardedTo(CIVIL_AFFAIRS))
                .when(view(target, false))
                .expectEvents(viewed(target, PersonalDataAccess.HOLDING_UNIT, CIVIL_AFFAIRS));
        setUp();
        fixture.given(caseReceived(), caseForwardedTo(CIVIL_AFFAIRS))
                .when(view(officerAt(VIEWED_AT), false))
                .expectException(rejectedWith(ErrorCode.NOT_CASE_HOLDER))
                .expectNoEvents();
    }

    @Test
    void anAuditorSeesAnyCaseOnTheAuditorGround() {
        fixture.given(caseReceived(), caseForwardedTo(CIVIL_AFFAIRS))
                .when(view(AUDITOR, true))
                .expectEvents(viewed(AUDITOR, PersonalDataAccess.AUDITOR, CIVIL_AFFAIRS));
    }

    @Test
    void aSupervisorAboveTheHolderIsNotTheHolder() {
        fixture.given(caseReceived())
                .when(view(supervisorOf(STREET, VIEWED_AT), false))
                .expectException(rejectedWith(ErrorCode.NOT_CASE_HOLDER))
                .expectNoEvents();
    }

    @Test
    void aViewNeedsAReason() {
        fixture.given(caseReceived())
                .when(new RecordPersonalDataView(CASE_ID, " ", false, officerAt(VIEWED_AT)))
                .expectException(rejectedWith(ErrorCode.VALIDATION_FAILED))
                .expectNoEvents();
    }

    @Test
    void erasureIsRecordedOnceAndARepeatAppendsNothing() {
        fixture.given(caseReceived())
                .when(erase(APPLICANT_KEY))
                .expectEvents(erased())
                .expectResultMessagePayload(new ErasureRecorded(1L, true));
        setUp();
        fixture.given(caseReceived(), erased())
                .when(erase(APPLICANT_KEY))
                .expectNoEvents()
                .expectResultMessagePayload(new ErasureRecorded(1L, false));
    }

    @Test
    void erasureNamesTheCasesOwnApplicantKey() {
        fixture.given(caseReceived())
                .when(erase(ApplicantKeyId.of("idh:0123456789abcdef")))
                .expectException(rejectedWith(ErrorCode.VALIDATION_FAILED))
                .expectNoEvents();
    }

    @Test
    void nothingIsLeftToSeeAfterAnErasureNotEvenForAnAuditor() {
        fixture.given(caseReceived(), erased())
                .when(view(AUDITOR, true))
                .expectException(rejectedWith(ErrorCode.APPLICANT_DATA_ERASED))
                .expectNoEvents();
    }

    @Test
    void theCaseGoesOnAfterAnErasure() {
        fixture.given(caseReceived(), erased())
                .when(completeCase())
                .expectSuccessfulHandlerExecution();
    }
}
