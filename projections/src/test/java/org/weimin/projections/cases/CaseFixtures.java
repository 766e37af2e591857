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
import org.weimin.events.cases.AccountabilityFindingRecorded;
import org.weimin.events.cases.CaseBecameOverdue;
import org.weimin.events.cases.CaseDeemedAccepted;
import org.weimin.events.cases.CaseEscalated;
import org.weimin.events.cases.CaseRegraded;
import org.weimin.events.cases.CaseUrged;
import org.weimin.events.cases.CaseWarned;
import org.weimin.events.cases.ExtensionApproved;
import org.weimin.events.cases.ExtensionRefused;
import org.weimin.events.cases.ExtensionRequested;
import org.weimin.events.cases.RectificationOpened;
import org.weimin.events.cases.RectificationOverdue;
import org.weimin.events.cases.RectificationProgressed;
import org.weimin.events.cases.SupervisionOrderAnswered;
import org.weimin.events.cases.SupervisionOrderIssued;
import org.weimin.events.cases.SupervisionOrderOverdue;
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

    // --- the supervised life: timers, deemed acceptance, extensions, supervision, rectification ------------------------

    static final UnitId DISTRICT = UnitId.of("D01");
    static final UnitId STREET = UnitId.of("S01");
    static final String WARNING_TIMER = "case-warning";
    static final String OVERDUE_TIMER = "case-overdue";
    static final String RETURN_WINDOW_TIMER = "case-return-window";

    /** 00:00 Asia/Shanghai of Mon 03-10, the last counted day of {@link #DUE_AT}. */
    static final Instant WARNED_AT = Instant.parse("2025-03-09T16:00:00Z");
    /** The timers' recording time (the server's clock when they fired). */
    static final Instant TIMER_RECORDED_AT = Instant.parse("2025-03-09T16:00:00.412Z");
    static final Instant OVERDUE_RECORDED_AT = Instant.parse("2025-03-10T16:00:01.205Z");
    static final Instant DEEMED_RECORDED_AT = Instant.parse("2025-03-05T16:00:02.318Z");
    static final Instant FIRST_REQUEST_AT = Instant.parse("2025-03-06T02:00:00Z");
    static final Instant FIRST_REFUSAL_AT = Instant.parse("2025-03-06T06:30:00Z");
    static final Instant URGED_AT = Instant.parse("2025-03-10T01:00:00Z");
    static final Instant FIRST_ORDER_AT = Instant.parse("2025-03-10T01:30:00Z");
    static final Instant FIRST_ORDER_DUE_AT = Instant.parse("2025-03-11T16:00:00Z");
    static final Instant SECOND_REQUEST_AT = Instant.parse("2025-03-11T01:00:00Z");
    static final Instant SECOND_APPROVAL_AT = Instant.parse("2025-03-11T02:00:00Z");
    /** The deadline after the approved 3 working days: end of Thu 03-13. */
    static final Instant EXTENDED_DUE_AT = Instant.parse("2025-03-13T16:00:00Z");
    static final Instant ORDER_ANSWERED_AT = Instant.parse("2025-03-11T03:00:00Z");
    static final Instant SECOND_ORDER_AT = Instant.parse("2025-03-11T04:00:00Z");
    static final Instant SECOND_ORDER_DUE_AT = Instant.parse("2025-03-12T16:00:00Z");
    static final Instant FINDING_AT = Instant.parse("2025-03-13T02:00:00Z");
    static final Instant SUPERVISED_COMPLETED_AT = Instant.parse("2025-03-13T07:00:00Z");
    static final Instant BAD_GRADE_AT = Instant.parse("2025-03-14T03:00:00Z");
    static final Instant RECTIFICATION_DUE_AT = Instant.parse("2025-03-21T16:00:00Z");
    static final Instant VERIFIED_AT = Instant.parse("2025-03-17T02:00:00Z");
    static final Instant RECTIFIED_AT = Instant.parse("2025-03-18T02:00:00Z");
    static final Instant REPLIED_AT = Instant.parse("2025-03-24T02:00:00Z");
    static final Instant REGRADED_AT = Instant.parse("2025-03-25T03:00:00Z");

    static final String EXTENSION_REASON = "需入户核查申请人家庭经济状况并在社区公示，申请延期3个工作日。";
    static final String EXTENSION_REFUSAL = "延期理由不充分，入户核查可在现有时限内完成。";
    static final String URGE_TEXT = "该件即将到期，请抓紧办理并及时答复群众。";
    static final String FIRST_ORDER_TEXT = "请于3月11日前报告该低保申请的办理进度及超期原因。";
    static final String ORDER_ANSWER = "已完成入户调查和社区公示，拟于3月13日前作出审批决定。";
    static final String SECOND_ORDER_TEXT = "请于3月12日前提交入户调查记录。";
    static final String FINDING_REASON = "未在承诺时限内办结且督办单逾期未回复，对承办人予以通报批评。";
    static final String BAD_COMMENT = "材料要求反复变化，跑了三趟。";
    static final String REGRADE_COMMENT = "整改后工作人员主动联系说明，态度诚恳。";
    static final String VERIFIED_TEXT = "经核查，承办过程中未一次性告知所需材料，群众反映情况属实。";
    static final String RECTIFIED_TEXT = "已对承办人进行批评教育，并在窗口公示完整材料清单。";
    static final String REPLIED_TEXT = "已电话向申请人说明整改情况并致歉，申请人表示认可。";

    static Deadline weekdays(Instant dueAt) {
        return new Deadline(dueAt, true, WeekdayCalendar.REVISION);
    }

    static CaseDeemedAccepted caseDeemedAccepted() {
        return new CaseDeemedAccepted(CASE_ID, CIVIL_AFFAIRS, FIRST_WINDOW_CLOSES_AT, Actor.system(RETURN_WINDOW_TIMER),
                FIRST_WINDOW_CLOSES_AT, DEEMED_RECORDED_AT);
    }

    static ExtensionRequested extensionRequested(int number, Instant at) {
        return new ExtensionRequested(CASE_ID, number, 3, EXTENSION_REASON, CIVIL_AFFAIRS,
                Actor.staff(CIVIL_AFFAIRS_OFFICER), at, at);
    }

    static ExtensionRefused extensionRefused(int number, Instant at) {
        return new ExtensionRefused(CASE_ID, number, CIVIL_AFFAIRS, EXTENSION_REFUSAL, Actor.staff(SUPERVISOR), at,
                at);
    }

    static ExtensionApproved extensionApproved(int number, Instant at) {
        return new ExtensionApproved(CASE_ID, number, CIVIL_AFFAIRS, 3, weekdays(EXTENDED_DUE_AT), null,
                Actor.staff(SUPERVISOR), at, at);
    }

    static CaseWarned caseWarned(Instant dueAt, UnitId holder) {
        return new CaseWarned(CASE_ID, dueAt, holder, Actor.system(WARNING_TIMER), dueAt.minusSeconds(86_400),
                TIMER_RECORDED_AT);
    }

    static CaseBecameOverdue caseBecameOverdue(Instant dueAt, UnitId holder) {
        return new CaseBecameOverdue(CASE_ID, dueAt, holder, Actor.system(OVERDUE_TIMER), dueAt, OVERDUE_RECORDED_AT);
    }

    static CaseEscalated caseEscalated(Instant dueAt, UnitId holder, UnitId toUnit) {
        return new CaseEscalated(CASE_ID, holder, toUnit, "overdue since " + dueAt, Actor.system(OVERDUE_TIMER), dueAt,
                OVERDUE_RECORDED_AT);
    }

    static CaseUrged caseUrged() {
        return new CaseUrged(CASE_ID, URGE_TEXT, CIVIL_AFFAIRS, Actor.staff(SUPERVISOR), URGED_AT, URGED_AT);
    }

    static SupervisionOrderIssued orderIssued(int number, String text, Instant dueAt, Instant at) {
        return new SupervisionOrderIssued(CASE_ID, number, text, dueAt, CIVIL_AFFAIRS, Actor.staff(SUPERVISOR), at, at);
    }

    static SupervisionOrderAnswered orderAnswered(int number, Instant at) {
        return new SupervisionOrderAnswered(CASE_ID, number, ORDER_ANSWER, CIVIL_AFFAIRS,
                Actor.staff(CIVIL_AFFAIRS_OFFICER), at, at);
    }

    static SupervisionOrderOverdue orderOverdue(int number, Instant dueAt) {
        return new SupervisionOrderOverdue(CASE_ID, number, dueAt, CIVIL_AFFAIRS,
                Actor.system("case-supervision-order"), dueAt, dueAt.plusMillis(940));
    }

    static AccountabilityFindingRecorded findingRecorded(int number, StaffId against) {
        return new AccountabilityFindingRecorded(CASE_ID, number, CIVIL_AFFAIRS, against, FINDING_REASON,
                Actor.staff(SUPERVISOR), FINDING_AT, FINDING_AT);
    }

    static CaseCompleted completedAfterSupervision() {
        return new CaseCompleted(CASE_ID, 1, ResultType.GRANTED, RESULT_TEXT, CIVIL_AFFAIRS, true,
                Actor.staff(CIVIL_AFFAIRS_OFFICER), SUPERVISED_COMPLETED_AT, SUPERVISED_COMPLETED_AT);
    }

    static CaseEvaluated badlyGraded() {
        return new CaseEvaluated(CASE_ID, 1, Grade.DISSATISFIED, sealedText(APPLICANT_KEY, BAD_COMMENT),
                Actor.applicant(TRACKING_NUMBER.value()), BAD_GRADE_AT, BAD_GRADE_AT);
    }

    static RectificationOpened rectificationOpened() {
        return new RectificationOpened(CASE_ID, 1, Grade.DISSATISFIED, CIVIL_AFFAIRS, 5,
                weekdays(RECTIFICATION_DUE_AT), Actor.system("rectification-rule"), BAD_GRADE_AT, BAD_GRADE_AT);
    }

    static RectificationProgressed rectificationProgressed(String step, String text, Instant at) {
        return new RectificationProgressed(CASE_ID, 1, step, text, CIVIL_AFFAIRS, Actor.staff(CIVIL_AFFAIRS_OFFICER),
                at, at);
    }

    static RectificationOverdue rectificationOverdue() {
        return new RectificationOverdue(CASE_ID, 1, RECTIFICATION_DUE_AT, CIVIL_AFFAIRS,
                Actor.system("case-rectification"), RECTIFICATION_DUE_AT, RECTIFICATION_DUE_AT.plusMillis(880));
    }

    static CaseRegraded caseRegraded() {
        return new CaseRegraded(CASE_ID, 1, Grade.DISSATISFIED, Grade.SATISFIED,
                sealedText(APPLICANT_KEY, REGRADE_COMMENT), Actor.applicant(TRACKING_NUMBER.value()), REGRADED_AT,
                REGRADED_AT);
    }

    /**
     * A supervised life in event order (index = sequence number): 0 received at 甲街道, 1 forwarded to 区民政局,
     * 2 deemed accepted, 3 extension 1 requested, 4 refused, 5 warned, 6 urged, 7 order 1 issued, 8 overdue,
     * 9 escalated to 区, 10 extension 2 requested, 11 approved (due end of 03-13), 12 order 1 answered, 13 order 2
     * issued, 14 order 2 overdue, 15 finding, 16 completed, 17 graded 不满意, 18 rectification opened, 19 verified,
     * 20 rectified, 21 rectification overdue, 22 replied, 23 regraded 满意.
     */
    static List<CaseEvent> supervisedLife() {
        return List.of(caseReceived(), caseForwarded(), caseDeemedAccepted(),
                extensionRequested(1, FIRST_REQUEST_AT), extensionRefused(1, FIRST_REFUSAL_AT),
                caseWarned(DUE_AT, CIVIL_AFFAIRS), caseUrged(),
                orderIssued(1, FIRST_ORDER_TEXT, FIRST_ORDER_DUE_AT, FIRST_ORDER_AT),
                caseBecameOverdue(DUE_AT, CIVIL_AFFAIRS), caseEscalated(DUE_AT, CIVIL_AFFAIRS, DISTRICT),
                extensionRequested(2, SECOND_REQUEST_AT), extensionApproved(2, SECOND_APPROVAL_AT),
                orderAnswered(1, ORDER_ANSWERED_AT),
                orderIssued(2, SECOND_ORDER_TEXT, SECOND_ORDER_DUE_AT, SECOND_ORDER_AT),
                orderOverdue(2, SECOND_ORDER_DUE_AT), findingRecorded(1, CIVIL_AFFAIRS_OFFICER),
                completedAfterSupervision(), badlyGraded(), rectificationOpened(),
                rectificationProgressed("VERIFIED", VERIFIED_TEXT, VERIFIED_AT),
                rectificationProgressed("RECTIFIED", RECTIFIED_TEXT, RECTIFIED_AT), rectificationOverdue(),
                rectificationProgressed("REPLIED", REPLIED_TEXT, REPLIED_AT), caseRegraded());
    }
}
