package org.weimin.projections.cases;

import static org.weimin.projections.cases.FakePersonalDataVault.sealedText;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.weimin.events.Actor;
import org.weimin.events.CaseId;
import org.weimin.events.ServiceItemCode;
import org.weimin.events.StaffId;
import org.weimin.events.UnitId;
import org.weimin.events.calendar.Deadline;
import org.weimin.events.calendar.WeekdayCalendar;
import org.weimin.events.cases.ApplicantNotifiedOfProgress;
import org.weimin.events.cases.ApplicantNotifiedOfResult;
import org.weimin.events.cases.CaseAccepted;
import org.weimin.events.cases.CaseCompleted;
import org.weimin.events.cases.CaseEvaluated;
import org.weimin.events.cases.CaseEvent;
import org.weimin.events.cases.CaseForwarded;
import org.weimin.events.cases.CaseReceived;
import org.weimin.events.cases.CaseReopened;
import org.weimin.events.cases.CaseReturned;
import org.weimin.events.cases.Channel;
import org.weimin.events.cases.Grade;
import org.weimin.events.cases.MaterialsSupplemented;
import org.weimin.events.cases.MissingMaterialsNotified;
import org.weimin.events.cases.NoticeItem;
import org.weimin.events.cases.NotificationChannel;
import org.weimin.events.cases.OneTimeNoticeBreachJustified;
import org.weimin.events.cases.OneTimeNoticeBreached;
import org.weimin.events.cases.ResultType;
import org.weimin.events.cases.TrackingNumber;
import org.weimin.events.privacy.ApplicantKeyId;
import org.weimin.events.privacy.SealedApplicant;

/**
 * Test-data vocabulary for the case read model: one case of 张三丰, received at 甲街道's window 1 on Monday 2025-03-03
 * 10:00 Asia/Shanghai (sequence 0), completed on Thursday 03-06 (sequence 1), evaluated on Friday 03-14 (sequence 2).
 * Personal data is sealed the way {@link FakePersonalDataVault} opens it.
 *
 * <p>A second, longer life ({@link #lifeWithCustodyAndNotices()}) follows rules.md's 2025 examples: forwarded to
 * 区民政局 on Tue 03-04, returned, forwarded again and accepted; a notice on Wed 03-05 (example A: 2 used, 3 remaining),
 * a breaching second notice later justified, the supplement on Mon 03-10 (due end of 03-13), completion, evaluation,
 * reopen and a second completion.
 */
final class CaseFixtures {

    static final CaseId CASE_ID = CaseId.of("51bc70bf-7116-4f75-a9c4-e06c17d2eb2b");
    /** {@code TrackingNumber.fromRandomBits(123456789L)}. */
    static final TrackingNumber TRACKING_NUMBER = TrackingNumber.of("WM-00003-NQK8N-1");
    /** {@code TrackingNumber.fromRandomBits(987654321L)}. */
    static final TrackingNumber OTHER_TRACKING_NUMBER = TrackingNumber.of("WM-0000X-DWT5H-G");
    static final String VERIFICATION_CODE_HASH = "2d711642b726b04401627ca9fbac32f5c8530fb1903cc4db02258717921a4881";
    static final ServiceItemCode SERVICE_ITEM = ServiceItemCode.of("MZ-001");
    static final UnitId WINDOW = UnitId.of("S01-C-W01");
    static final UnitId HOLDER = UnitId.of("S01-C");
    static final StaffId OFFICER = StaffId.of("zhang.wei");
    static final StaffId COMPLETING_OFFICER = StaffId.of("li.na");
    static final ApplicantKeyId APPLICANT_KEY = ApplicantKeyId.of("idh:9c1e5a7b3d2f48e6a0b4c8d2e6f0a4b8");

    static final String NAME = "张三丰";
    static final String RESIDENT_ID = "11010519491231002X";
    static final String PHONE = "13912345678";
    static final String ADDRESS = "北京市朝阳区建国路88号";
    static final String SUBJECT = "申请最低生活保障";
    static final String DESCRIPTION = "本人因病失业，家庭收入低于当地标准，申请最低生活保障。联系电话13912345678。";
    static final String RESULT_TEXT = "已为您办理最低生活保障，待遇自2025年4月起发放。";
    static final String COMMENT = "办事很快，窗口态度好。";

    /** Monday 2025-03-03 10:00 Asia/Shanghai. */
    static final Instant RECEIVED_AT = Instant.parse("2025-03-03T02:00:00Z");
    static final Instant DUE_AT = Instant.parse("2025-03-10T16:00:00Z");
    static final Instant COMPLETED_AT = Instant.parse("2025-03-06T07:30:00Z");
    static final Instant EVALUATED_AT = Instant.parse("2025-03-14T03:00:00Z");
    /** When the projection handles the events (its own recording of {@code updatedAt}). */
    static final Instant PROJECTED_AT = Instant.parse("2025-03-14T03:00:01Z");

    static final long RECEIVED_SEQUENCE = 0;
    static final long COMPLETED_SEQUENCE = 1;
    static final long EVALUATED_SEQUENCE = 2;

    // --- the longer life: custody, notices, notifications, reopen -----------------------------------------------------

    static final UnitId CIVIL_AFFAIRS = UnitId.of("D-MZJ");
    static final StaffId CIVIL_AFFAIRS_OFFICER = StaffId.of("wang.fang");
    static final StaffId SUPERVISOR = StaffId.of("chen.jing");

    static final NoticeItem INCOME_PROOF = new NoticeItem("M03", "家庭收入证明");
    static final NoticeItem HOUSEHOLD_REGISTER = new NoticeItem("M05", "户口簿复印件");
    static final NoticeItem BANK_STATEMENTS = new NoticeItem(null, "近六个月银行流水（加盖银行印章）");

    static final String FORWARD_REASON = "低保审批权限在区民政局，转区民政局审核。";
    static final String SECOND_FORWARD_REASON = "街道已完成入户调查，再次转区民政局审核。";
    static final String RETURN_REASON = "申请材料未经街道初审，请街道完成入户调查后再转办。";
    static final String JUSTIFICATION = "补正材料显示申请人户籍已迁移，需补充户口簿，属首次告知时无法预见的情形。";
    static final String PROGRESS_TEXT = "您的低保申请已进入区民政局审批环节，预计3月13日前办结。";
    static final String RESULT_NOTICE_TEXT = "已寄送《最低生活保障审批通知书》至申请人登记地址。";
    static final String REOPEN_REASON = "复查发现家庭收入核算遗漏赡养费，责成原承办单位重新核定。";
    static final String SECOND_RESULT_TEXT = "经重新核定，您的低保待遇调整为每月1120元。";

    /** Tue 2025-03-04 10:00 Asia/Shanghai. */
    static final Instant FORWARDED_AT = Instant.parse("2025-03-04T02:00:00Z");
    static final Instant FIRST_WINDOW_CLOSES_AT = Instant.parse("2025-03-05T16:00:00Z");
    static final Instant RETURNED_AT = Instant.parse("2025-03-05T01:15:00Z");
    static final Instant FORWARDED_AGAIN_AT = Instant.parse("2025-03-05T02:00:00Z");
    static final Instant SECOND_WINDOW_CLOSES_AT = Instant.parse("2025-03-06T16:00:00Z");
    static final Instant ACCEPTED_AT = Instant.parse("2025-03-05T02:30:00Z");
    /** Wed 2025-03-05 11:20 Asia/Shanghai (example A's notice). */
    static final Instant NOTICE_AT = Instant.parse("2025-03-05T03:20:00Z");
    static final Instant SECOND_NOTICE_AT = Instant.parse("2025-03-06T02:00:00Z");
    static final Instant JUSTIFIED_AT = Instant.parse("2025-03-06T06:00:00Z");
    /** Mon 2025-03-10 09:45 Asia/Shanghai (example A's supplement). */
    static final Instant SUPPLEMENTED_AT = Instant.parse("2025-03-10T01:45:00Z");
    /** Example A: due at the end of Thu 2025-03-13. */
    static final Instant DUE_AFTER_SUPPLEMENT = Instant.parse("2025-03-13T16:00:00Z");
    static final Instant PROGRESS_AT = Instant.parse("2025-03-11T02:00:00Z");
    static final Instant FIRST_COMPLETED_AT = Instant.parse("2025-03-12T07:30:00Z");
    static final Instant RESULT_TOLD_AT = Instant.parse("2025-03-12T08:00:00Z");
    /** Mon 2025-03-17 15:00 Asia/Shanghai. */
    static final Instant REOPENED_AT = Instant.parse("2025-03-17T07:00:00Z");
    static final Instant REOPEN_DUE_AT = Instant.parse("2025-03-24T16:00:00Z");
    static final Instant SECOND_COMPLETED_AT = Instant.parse("2025-03-20T02:00:00Z");

    private CaseFixtures() {
    }

    static CaseForwarded caseForwarded() {
        return new CaseForwarded(CASE_ID, HOLDER, CIVIL_AFFAIRS, FORWARD_REASON, FIRST_WINDOW_CLOSES_AT,
                Actor.staff(OFFICER), FORWARDED_AT, FORWARDED_AT);
    }

    static CaseReturned caseReturned() {
        return new CaseReturned(CASE_ID, CIVIL_AFFAIRS, HOLDER, RETURN_REASON, Actor.staff(CIVIL_AFFAIRS_OFFICER),
                RETURNED_AT, RETURNED_AT);
    }

    static CaseForwarded caseForwardedAgain() {
        return new CaseForwarded(CASE_ID, HOLDER, CIVIL_AFFAIRS, SECOND_FORWARD_REASON, SECOND_WINDOW_CLOSES_AT,
                Actor.staff(OFFICER), FORWARDED_AGAIN_AT, FORWARDED_AGAIN_AT);
    }

    static CaseAccepted caseAccepted() {
        return new CaseAccepted(CASE_ID, CIVIL_AFFAIRS, Actor.staff(CIVIL_AFFAIRS_OFFICER), ACCEPTED_AT, ACCEPTED_AT);
    }

    static MissingMaterialsNotified firstNotice() {
        return new MissingMaterialsNotified(CASE_ID, 1, List.of(INCOME_PROOF, BANK_STATEMENTS),
                NotificationChannel.SMS, 2, 3, Actor.staff(CIVIL_AFFAIRS_OFFICER), NOTICE_AT, NOTICE_AT);
    }

    static MissingMaterialsNotified secondNotice() {
        return new MissingMaterialsNotified(CASE_ID, 2, List.of(INCOME_PROOF, HOUSEHOLD_REGISTER),
                NotificationChannel.PHONE, 2, 3, Actor.staff(OFFICER), SECOND_NOTICE_AT, SECOND_NOTICE_AT);
    }

    static OneTimeNoticeBreached breachOfSecondNotice() {
        return new OneTimeNoticeBreached(CASE_ID, 2, List.of(HOUSEHOLD_REGISTER), CIVIL_AFFAIRS_OFFICER,
                Actor.staff(OFFICER), SECOND_NOTICE_AT, SECOND_NOTICE_AT);
    }

    static OneTimeNoticeBreachJustified breachJustified() {
        return new OneTimeNoticeBreachJustified(CASE_ID, 2, JUSTIFICATION, Actor.staff(SUPERVISOR), JUSTIFIED_AT,
                JUSTIFIED_AT);
    }

    static MaterialsSupplemented materialsSupplemented() {
        return new MaterialsSupplemented(CASE_ID, List.of(INCOME_PROOF, BANK_STATEMENTS, HOUSEHOLD_REGISTER), 3,
                new Deadline(DUE_AFTER_SUPPLEMENT, true, WeekdayCalendar.REVISION),
                Actor.staff(CIVIL_AFFAIRS_OFFICER), SUPPLEMENTED_AT, SUPPLEMENTED_AT);
    }

    static ApplicantNotifiedOfProgress progressNotified() {
        return new ApplicantNotifiedOfProgress(CASE_ID, NotificationChannel.PHONE, PROGRESS_TEXT,
                Actor.staff(CIVIL_AFFAIRS_OFFICER), PROGRESS_AT, PROGRESS_AT);
    }

    static CaseCompleted completedByCivilAffairs() {
        return new CaseCompleted(CASE_ID, 1, ResultType.GRANTED, RESULT_TEXT, CIVIL_AFFAIRS, true,
                Actor.staff(CIVIL_AFFAIRS_OFFICER), FIRST_COMPLETED_AT, FIRST_COMPLETED_AT);
    }

    static ApplicantNotifiedOfResult resultNotified() {
        return new ApplicantNotifiedOfResult(CASE_ID, 1, NotificationChannel.LETTER, RESULT_NOTICE_TEXT,
                Actor.staff(CIVIL_AFFAIRS_OFFICER), RESULT_TOLD_AT, RESULT_TOLD_AT);
    }

    static CaseReopened caseReopened() {
        return new CaseReopened(CASE_ID, 2, REOPEN_REASON, CIVIL_AFFAIRS, 5,
                new Deadline(REOPEN_DUE_AT, true, WeekdayCalendar.REVISION), Actor.staff(SUPERVISOR), REOPENED_AT,
                REOPENED_AT);
    }

    static CaseCompleted secondCompletion() {
        return new CaseCompleted(CASE_ID, 2, ResultType.GRANTED, SECOND_RESULT_TEXT, CIVIL_AFFAIRS, true,
                Actor.staff(CIVIL_AFFAIRS_OFFICER), SECOND_COMPLETED_AT, SECOND_COMPLETED_AT);
    }

    /**
     * The longer life in event order; an event's index is its sequence number: 0 received, 1 forwarded, 2 returned,
     * 3 forwarded again, 4 accepted, 5 first notice, 6 second notice, 7 breach, 8 justified, 9 supplemented,
     * 10 progress told, 11 completed, 12 result told, 13 evaluated, 14 reopened, 15 completed again.
     */
    static List<CaseEvent> lifeWithCustodyAndNotices() {
        return List.of(caseReceived(), caseForwarded(), caseReturned(), caseForwardedAgain(), caseAccepted(),
                firstNotice(), secondNotice(), breachOfSecondNotice(), breachJustified(), materialsSupplemented(),
                progressNotified(), completedByCivilAffairs(), resultNotified(), caseEvaluated(), caseReopened(),
                secondCompletion());
    }

    static Clock fixedClock() {
        return Clock.fixed(PROJECTED_AT, ZoneOffset.UTC);
    }

    static CaseId anyCaseId() {
        return CASE_ID;
    }

    static SealedApplicant applicant() {
        return new SealedApplicant(APPLICANT_KEY, sealedText(APPLICANT_KEY, NAME),
                sealedText(APPLICANT_KEY, "RESIDENT_ID:" + RESIDENT_ID), sealedText(APPLICANT_KEY, PHONE),
                sealedText(APPLICANT_KEY, ADDRESS));
    }

    static CaseReceived caseReceived() {
        return caseReceived(CASE_ID, TRACKING_NUMBER);
    }

    static CaseReceived caseReceived(CaseId caseId, TrackingNumber trackingNumber) {
        return new CaseReceived(caseId, trackingNumber, VERIFICATION_CODE_HASH, SERVICE_ITEM, WINDOW, HOLDER,
                Channel.WINDOW, OFFICER, applicant(), sealedText(APPLICANT_KEY, SUBJECT),
                sealedText(APPLICANT_KEY, DESCRIPTION), 5, new Deadline(DUE_AT, true, WeekdayCalendar.REVISION),
                Actor.staff(OFFICER), RECEIVED_AT, RECEIVED_AT);
    }

    /** Received with only a name: no ID document, phone, address or description. */
    static CaseReceived caseReceivedWithNameOnly() {
        ApplicantKeyId key = ApplicantKeyId.of("case:" + CASE_ID.value());
        return new CaseReceived(CASE_ID, TRACKING_NUMBER, VERIFICATION_CODE_HASH, SERVICE_ITEM, WINDOW, HOLDER,
                Channel.PHONE, OFFICER, new SealedApplicant(key, sealedText(key, NAME), null, null, null),
                sealedText(key, SUBJECT), null, 5, new Deadline(DUE_AT, true, WeekdayCalendar.REVISION),
                Actor.staff(OFFICER), RECEIVED_AT, RECEIVED_AT);
    }

    static CaseCompleted caseCompleted() {
        return new CaseCompleted(CASE_ID, 1, ResultType.GRANTED, RESULT_TEXT, HOLDER, true,
                Actor.staff(COMPLETING_OFFICER), COMPLETED_AT, COMPLETED_AT);
    }

    static CaseEvaluated caseEvaluated() {
        return new CaseEvaluated(CASE_ID, 1, Grade.SATISFIED, sealedText(APPLICANT_KEY, COMMENT),
                Actor.applicant(TRACKING_NUMBER.value()), EVALUATED_AT, EVALUATED_AT);
    }
}
