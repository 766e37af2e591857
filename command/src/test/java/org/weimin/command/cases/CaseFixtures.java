package org.weimin.command.cases;

import java.time.Instant;
import org.weimin.command.cases.StaffCommands.CompleteCase;
import org.weimin.events.Actor;
import org.weimin.events.CaseId;
import org.weimin.events.ServiceItemCode;
import org.weimin.events.StaffId;
import org.weimin.events.UnitId;
import org.weimin.events.calendar.Deadline;
import org.weimin.events.calendar.WeekdayCalendar;
import org.weimin.events.cases.CaseCompleted;
import org.weimin.events.cases.CaseEvaluated;
import org.weimin.events.cases.CaseReceived;
import org.weimin.events.cases.Channel;
import org.weimin.events.cases.Grade;
import org.weimin.events.cases.ResultType;
import org.weimin.events.cases.TrackingNumber;
import org.weimin.events.privacy.ApplicantKeyId;
import org.weimin.events.privacy.Sealed;
import org.weimin.events.privacy.SealedApplicant;

/**
 * Test-data vocabulary for the case aggregate: one case received at 甲街道's window 1 on Monday 2025-03-03 10:00
 * Asia/Shanghai with a limit of 5 working days, so under the plain weekday calendar it is due at the end of Monday
 * 2025-03-10 (rules.md "Deadlines and calendar"). Every time is a fixed instant; the aggregate never decrypts, so the
 * sealed personal data is fake ciphertext.
 */
final class CaseFixtures {

    static final CaseId CASE_ID = CaseId.of("7d3f6a2e-5b1c-4e8a-9f40-2c6b8d1e0a57");
    /** {@code TrackingNumber.fromRandomBits(123456789L)}. */
    static final TrackingNumber TRACKING_NUMBER = TrackingNumber.of("WM-00003-NQK8N-1");
    static final String VERIFICATION_CODE_HASH =
            "5f0c2a9d8e7b6a5948372615f4e3d2c1b0a99887766554433221100ffeeddccb";
    static final String WRONG_VERIFICATION_CODE_HASH =
            "0000000000000000000000000000000000000000000000000000000000000000";
    static final ServiceItemCode SERVICE_ITEM = ServiceItemCode.of("MZ-001");
    static final int LIMIT_WORKING_DAYS = 5;
    /** 甲街道 便民服务中心 and its window 1. */
    static final UnitId HOLDER = UnitId.of("S01-C");
    static final UnitId WINDOW = UnitId.of("S01-C-W01");
    /** A unit that does not hold the case (区民政局). */
    static final UnitId OTHER_UNIT = UnitId.of("D-MZJ");
    static final StaffId OFFICER = StaffId.of("zhang.wei");
    static final Actor STAFF = Actor.staff(OFFICER);
    static final Actor APPLICANT = Actor.applicant(TRACKING_NUMBER.value());
    static final ApplicantKeyId APPLICANT_KEY = ApplicantKeyId.of("case:" + CASE_ID.value());

    /** Monday 2025-03-03 10:00 Asia/Shanghai. */
    static final Instant RECEIVED_AT = Instant.parse("2025-03-03T02:00:00Z");
    /** 24:00 Asia/Shanghai at the end of Monday 2025-03-10: 5 weekdays counted from Tuesday 03-04. */
    static final Instant DUE_AT = Instant.parse("2025-03-10T16:00:00Z");
    static final Deadline DEADLINE = new Deadline(DUE_AT, true, WeekdayCalendar.REVISION);
    /** Thursday 2025-03-06 15:30 Asia/Shanghai, well before the deadline. */
    static final Instant BEFORE_DEADLINE = Instant.parse("2025-03-06T07:30:00Z");
    /** Tuesday 2025-03-11 09:00 Asia/Shanghai, the morning after the deadline. */
    static final Instant AFTER_DEADLINE = Instant.parse("2025-03-11T01:00:00Z");
    /** Friday 2025-03-14 11:00 Asia/Shanghai. */
    static final Instant EVALUATED_AT = Instant.parse("2025-03-14T03:00:00Z");

    static final String RESULT_TEXT = "已为您办理最低生活保障，待遇自2025年4月起发放。";
    static final String REFUSAL_REASONS = "家庭人均收入高于本市最低生活保障标准，不符合《社会救助暂行办法》第九条。";

    private CaseFixtures() {
    }

    static CaseId anyCaseId() {
        return CASE_ID;
    }

    static CaseId unknownCaseId() {
        return CaseId.of("00000000-0000-4000-8000-000000000000");
    }

    static Sealed sealed(String fakeCiphertext) {
        return new Sealed(APPLICANT_KEY, fakeCiphertext);
    }

    static SealedApplicant applicant() {
        return new SealedApplicant(APPLICANT_KEY, sealed("bmFtZS1jaXBoZXJ0ZXh0"), null, sealed("cGhvbmUtY2lwaGVydGV4dA=="),
                null);
    }

    // --- commands ------------------------------------------------------------------------------------------------

    static ReceiveCase receiveCase() {
        return new ReceiveCase(CASE_ID, TRACKING_NUMBER, VERIFICATION_CODE_HASH, SERVICE_ITEM, WINDOW, HOLDER,
                Channel.WINDOW, OFFICER, applicant(), sealed("c3ViamVjdC1jaXBoZXJ0ZXh0"), null, LIMIT_WORKING_DAYS,
                STAFF, RECEIVED_AT, RECEIVED_AT);
    }

    static CompleteCase completeCase() {
        return completeCaseAt(BEFORE_DEADLINE);
    }

    static CompleteCase completeCaseAt(Instant at) {
        return new CompleteCase(CASE_ID, null, ResultType.GRANTED, RESULT_TEXT, new StaffAct(STAFF, HOLDER, false, at, at));
    }

    static CompleteCase completeCaseBy(UnitId actorUnit) {
        return new CompleteCase(CASE_ID, null, ResultType.GRANTED, RESULT_TEXT, new StaffAct(STAFF, actorUnit, false, BEFORE_DEADLINE, BEFORE_DEADLINE));
    }

    static CompleteCase refuseCase(String reasons) {
        return new CompleteCase(CASE_ID, null, ResultType.REFUSED, reasons, new StaffAct(STAFF, HOLDER, false, BEFORE_DEADLINE, BEFORE_DEADLINE));
    }

    static CompleteCase completeCase(CaseId caseId) {
        return new CompleteCase(caseId, null, ResultType.GRANTED, RESULT_TEXT, new StaffAct(STAFF, HOLDER, false, BEFORE_DEADLINE, BEFORE_DEADLINE));
    }

    static EvaluateCase evaluateCase() {
        return evaluateCaseWithCodeHash(VERIFICATION_CODE_HASH);
    }

    static EvaluateCase evaluateCaseWithCodeHash(String verificationCodeHash) {
        return new EvaluateCase(CASE_ID, verificationCodeHash, Grade.SATISFIED, comment(), APPLICANT, EVALUATED_AT,
                EVALUATED_AT);
    }

    static Sealed comment() {
        return sealed("Y29tbWVudC1jaXBoZXJ0ZXh0");
    }

    // --- events --------------------------------------------------------------------------------------------------

    static CaseReceived caseReceived() {
        ReceiveCase c = receiveCase();
        return new CaseReceived(c.caseId(), c.trackingNumber(), c.verificationCodeHash(), c.serviceItem(), c.window(),
                c.holder(), c.channel(), c.firstContactOfficer(), c.applicant(), c.subject(), c.description(),
                c.limitWorkingDays(), DEADLINE, c.actor(), c.occurredAt(), c.recordedAt());
    }

    static CaseCompleted caseCompleted() {
        return caseCompletedAt(BEFORE_DEADLINE, true);
    }

    static CaseCompleted caseCompletedAt(Instant at, boolean onTime) {
        return new CaseCompleted(CASE_ID, 1, ResultType.GRANTED, RESULT_TEXT, HOLDER, onTime, STAFF, at, at);
    }

    static CaseCompleted caseRefused(String reasons) {
        return new CaseCompleted(CASE_ID, 1, ResultType.REFUSED, reasons, HOLDER, true, STAFF, BEFORE_DEADLINE,
                BEFORE_DEADLINE);
    }

    static CaseEvaluated caseEvaluated() {
        return new CaseEvaluated(CASE_ID, 1, Grade.SATISFIED, comment(), APPLICANT, EVALUATED_AT, EVALUATED_AT);
    }
}
