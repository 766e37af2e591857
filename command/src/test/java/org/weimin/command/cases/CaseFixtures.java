package org.weimin.command.cases;

import java.time.Instant;
import java.util.List;
import org.weimin.command.cases.StaffCommands.AcceptCase;
import org.weimin.command.cases.StaffCommands.AnswerSupervisionOrder;
import org.weimin.command.cases.StaffCommands.ApproveExtension;
import org.weimin.command.cases.StaffCommands.IssueSupervisionOrder;
import org.weimin.command.cases.StaffCommands.RecordFinding;
import org.weimin.command.cases.StaffCommands.RecordRectificationStep;
import org.weimin.command.cases.StaffCommands.RefuseExtension;
import org.weimin.command.cases.StaffCommands.RequestExtension;
import org.weimin.command.cases.StaffCommands.UrgeCase;
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
import org.weimin.command.cases.StaffCommands.CompleteCase;
import org.weimin.command.cases.StaffCommands.ForwardCase;
import org.weimin.command.cases.StaffCommands.JustifyBreach;
import org.weimin.command.cases.StaffCommands.NotifyMissingMaterials;
import org.weimin.command.cases.StaffCommands.NotifyProgress;
import org.weimin.command.cases.StaffCommands.NotifyResult;
import org.weimin.command.cases.StaffCommands.ReopenCase;
import org.weimin.command.cases.StaffCommands.ReturnCase;
import org.weimin.command.cases.StaffCommands.SupplementMaterials;
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
import org.weimin.events.org.OrgTree;
import org.weimin.events.org.OrgUnit;
import org.weimin.events.org.OrgUnitKind;
import org.weimin.events.privacy.ApplicantKeyId;
import org.weimin.events.privacy.Sealed;
import org.weimin.events.privacy.SealedApplicant;

/**
 * Test-data vocabulary for the case aggregate: one case received at 甲街道's window 1 on Monday 2025-03-03 10:00
 * Asia/Shanghai with a limit of 5 working days, so under the plain weekday calendar it is due at the end of Monday
 * 2025-03-10 (rules.md "Deadlines and calendar"). Every time is a fixed instant; the aggregate never decrypts, so the
 * sealed personal data is fake ciphertext.
 *
 * <p>The org tree: 市 {@code CITY} ← 区 {@code D01} ← { 甲街道 {@code S01} ← 甲街道便民服务中心 {@code S01-C} (the holder at
 * receipt) ← window {@code S01-C-W01}; 乙街道 {@code S02}; 区民政局 {@code D-MZJ}; 区人社局 {@code D-RSJ} }, and a
 * second district {@code D02} beside {@code D01}. The custody and notice times follow rules.md's 2025 examples.
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
    /** The rectification limit after a bad grade (rules.md: default 5 working days). */
    static final int RECTIFICATION_LIMIT = 5;
    /** 甲街道 便民服务中心 and its window 1. */
    static final UnitId HOLDER = UnitId.of("S01-C");
    static final UnitId WINDOW = UnitId.of("S01-C-W01");
    /** A unit that does not hold the case (区民政局). */
    static final UnitId OTHER_UNIT = UnitId.of("D-MZJ");
    /** 区民政局, the usual forward target. */
    static final UnitId CIVIL_AFFAIRS = OTHER_UNIT;
    /** 区人社局, where 区民政局 may forward onwards. */
    static final UnitId HUMAN_RESOURCES = UnitId.of("D-RSJ");
    static final UnitId CITY = UnitId.of("CITY");
    static final UnitId DISTRICT = UnitId.of("D01");
    static final UnitId OTHER_DISTRICT = UnitId.of("D02");
    /** 甲街道, the street above the holder's centre. */
    static final UnitId STREET = UnitId.of("S01");
    /** 乙街道: inside the district, but not above the holder. */
    static final UnitId OTHER_STREET = UnitId.of("S02");
    static final StaffId OFFICER = StaffId.of("zhang.wei");
    /** Another officer of the holding centre. */
    static final StaffId COLLEAGUE = StaffId.of("li.na");
    /** An officer of 区民政局. */
    static final StaffId CIVIL_AFFAIRS_OFFICER = StaffId.of("wang.fang");
    static final StaffId SUPERVISOR = StaffId.of("chen.jing");
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

    /** Monday 2025-03-03 15:00 Asia/Shanghai: the day of receipt (example B's notice). */
    static final Instant RECEIPT_DAY_AFTERNOON = Instant.parse("2025-03-03T07:00:00Z");
    /** Tuesday 2025-03-04 10:00 Asia/Shanghai (rules.md "Custody" example). */
    static final Instant FORWARDED_AT = Instant.parse("2025-03-04T02:00:00Z");
    /** 24:00 Asia/Shanghai at the end of Wednesday 2025-03-05: one working day after the forward. */
    static final Instant RETURN_WINDOW_CLOSES_AT = Instant.parse("2025-03-05T16:00:00Z");
    /** Wednesday 2025-03-05 09:15 Asia/Shanghai. */
    static final Instant ACCEPTED_AT = Instant.parse("2025-03-05T01:15:00Z");
    /** Wednesday 2025-03-05 11:20 Asia/Shanghai (example A's notice; example B's supplement is that afternoon). */
    static final Instant NOTICE_AT = Instant.parse("2025-03-05T03:20:00Z");
    /** Wednesday 2025-03-05 14:00 Asia/Shanghai (example B's supplement). */
    static final Instant SUPPLEMENT_B_AT = Instant.parse("2025-03-05T06:00:00Z");
    /** Example B: 5 remaining counted 03-06, 03-07, 03-10, 03-11, 03-12 → end of Wednesday 2025-03-12. */
    static final Instant DUE_AT_B = Instant.parse("2025-03-12T16:00:00Z");
    /** Thursday 2025-03-06 10:00 Asia/Shanghai: the day after the return window closed. */
    static final Instant DAY_AFTER_RETURN_WINDOW = Instant.parse("2025-03-06T02:00:00Z");
    /** Monday 2025-03-10 09:45 Asia/Shanghai (example A's supplement). */
    static final Instant SUPPLEMENT_A_AT = Instant.parse("2025-03-10T01:45:00Z");
    /** Example A: 3 remaining counted 03-11, 03-12, 03-13 → end of Thursday 2025-03-13. */
    static final Instant DUE_AT_A = Instant.parse("2025-03-13T16:00:00Z");
    /** Wednesday 2025-03-12 10:00 Asia/Shanghai. */
    static final Instant TWO_DAYS_LATE = Instant.parse("2025-03-12T02:00:00Z");
    /** Monday 2025-03-17 15:00 Asia/Shanghai. */
    static final Instant REOPENED_AT = Instant.parse("2025-03-17T07:00:00Z");
    /** Limit 5 from Monday 03-17: counted 03-18 … 03-24 → end of Monday 2025-03-24. */
    static final Instant REOPEN_DUE_AT = Instant.parse("2025-03-24T16:00:00Z");
    /** Wednesday 2025-03-19 11:00 Asia/Shanghai (in the reopened round). */
    static final Instant ROUND_TWO_NOTICE_AT = Instant.parse("2025-03-19T03:00:00Z");
    /** Thursday 2025-03-20 10:00 Asia/Shanghai. */
    static final Instant SECOND_COMPLETION_AT = Instant.parse("2025-03-20T02:00:00Z");
    /** Friday 2025-03-21 11:00 Asia/Shanghai. */
    static final Instant SECOND_EVALUATION_AT = Instant.parse("2025-03-21T03:00:00Z");

    static final String FORWARD_REASON = "低保审批权限在区民政局，转区民政局审核。";
    static final String ONWARD_REASON = "申请人同时申请就业援助，转区人社局办理。";
    static final String RETURN_REASON = "申请材料未经街道初审，请街道完成入户调查后再转办。";
    static final String JUSTIFICATION = "补正材料显示申请人户籍已迁移，需补充户口簿，属首次告知时无法预见的情形。";
    static final String PROGRESS_TEXT = "您的低保申请已转区民政局审核，预计3月13日前办结。";
    static final String RESULT_NOTICE_TEXT = "已寄送《最低生活保障审批通知书》至申请人登记地址。";
    static final String REOPEN_REASON = "复查发现家庭收入核算遗漏赡养费，责成原承办单位重新核定。";

    /** 家庭收入证明: a material of the service item. */
    static final NoticeItem INCOME_PROOF = new NoticeItem("M03", "家庭收入证明");
    /** 户口簿复印件: another material of the service item. */
    static final NoticeItem HOUSEHOLD_REGISTER = new NoticeItem("M05", "户口簿复印件");
    /** The same material code as {@link #INCOME_PROOF}, under a differently written name. */
    static final NoticeItem INCOME_PROOF_RENAMED = new NoticeItem("M03", "收入证明（单位出具）");
    /** A free-text item written by staff. */
    static final NoticeItem BANK_STATEMENTS = new NoticeItem(null, "近六个月银行流水（ＰＤＦ版须加盖银行印章）");
    /** {@link #BANK_STATEMENTS} typed again: half-width brackets, lower case, stray spaces. */
    static final NoticeItem BANK_STATEMENTS_RETYPED = new NoticeItem(null, " 近六个月 银行流水(pdf版须加盖银行印章) ");
    /** A free-text item no notice listed before. */
    static final NoticeItem COMMUNITY_STATEMENT = new NoticeItem(null, "社区出具的家庭情况说明");

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

    /** The service network the aggregate checks supervisors against (see the class comment). */
    static OrgTree orgTree() {
        return OrgTree.of(List.of(
                unit(CITY, "市", OrgUnitKind.CITY, null),
                unit(DISTRICT, "区", OrgUnitKind.DISTRICT, CITY),
                unit(OTHER_DISTRICT, "另一区", OrgUnitKind.DISTRICT, CITY),
                unit(STREET, "甲街道", OrgUnitKind.STREET, DISTRICT),
                unit(HOLDER, "甲街道便民服务中心", OrgUnitKind.SERVICE_CENTRE, STREET),
                unit(WINDOW, "甲街道便民服务中心1号窗口", OrgUnitKind.WINDOW, HOLDER),
                unit(OTHER_STREET, "乙街道", OrgUnitKind.STREET, DISTRICT),
                unit(CIVIL_AFFAIRS, "区民政局", OrgUnitKind.LINE_DEPARTMENT, DISTRICT),
                unit(HUMAN_RESOURCES, "区人社局", OrgUnitKind.LINE_DEPARTMENT, DISTRICT)));
    }

    private static OrgUnit unit(UnitId id, String name, OrgUnitKind kind, UnitId parent) {
        return new OrgUnit(id, name, kind, parent, true);
    }

    // --- who acts ----------------------------------------------------------------------------------------------------

    /** An officer (no supervisor role) of {@code unit}. */
    static StaffAct staff(StaffId staff, UnitId unit, Instant at) {
        return new StaffAct(Actor.staff(staff), unit, false, at, at);
    }

    /** {@link #OFFICER} at the holding centre. */
    static StaffAct officerAt(Instant at) {
        return staff(OFFICER, HOLDER, at);
    }

    /** {@link #CIVIL_AFFAIRS_OFFICER} at 区民政局. */
    static StaffAct civilAffairsAt(Instant at) {
        return staff(CIVIL_AFFAIRS_OFFICER, CIVIL_AFFAIRS, at);
    }

    /** {@link #SUPERVISOR}, holding the supervisor role in {@code unit}. */
    static StaffAct supervisorOf(UnitId unit, Instant at) {
        return new StaffAct(Actor.staff(SUPERVISOR), unit, true, at, at);
    }

    // --- commands ------------------------------------------------------------------------------------------------

    /** The holder forwards the case on Tue 2025-03-04 10:00 with a one-working-day return window. */
    static ForwardCase forwardTo(UnitId unit) {
        return forward(officerAt(FORWARDED_AT), unit, FORWARD_REASON);
    }

    static ForwardCase forward(StaffAct by, UnitId unit, String reason) {
        return new ForwardCase(CASE_ID, null, unit, reason, 1, by);
    }

    static AcceptCase acceptBy(UnitId unit) {
        return new AcceptCase(CASE_ID, null, staff(CIVIL_AFFAIRS_OFFICER, unit, ACCEPTED_AT));
    }

    static ReturnCase returnBy(UnitId unit, Instant at) {
        return returnBy(unit, at, RETURN_REASON);
    }

    static ReturnCase returnBy(UnitId unit, Instant at, String reason) {
        return new ReturnCase(CASE_ID, null, reason, staff(CIVIL_AFFAIRS_OFFICER, unit, at));
    }

    /** {@link #OFFICER} of the holder tells the applicant by SMS on Wed 2025-03-05 11:20 (example A). */
    static NotifyMissingMaterials notice(NoticeItem... items) {
        return noticeBy(officerAt(NOTICE_AT), items);
    }

    static NotifyMissingMaterials noticeBy(StaffAct by, NoticeItem... items) {
        return new NotifyMissingMaterials(CASE_ID, null, List.of(items), NotificationChannel.SMS, by);
    }

    /** The applicant supplies the income proof and the bank statements, recorded by {@link #OFFICER}. */
    static SupplementMaterials supplementAt(Instant at) {
        return supplementBy(officerAt(at));
    }

    static SupplementMaterials supplementBy(StaffAct by) {
        return new SupplementMaterials(CASE_ID, null, supplied(), by);
    }

    static List<NoticeItem> supplied() {
        return List.of(INCOME_PROOF, BANK_STATEMENTS);
    }

    static JustifyBreach justifyBreach(int noticeNumber, StaffAct by) {
        return justifyBreach(noticeNumber, by, JUSTIFICATION);
    }

    static JustifyBreach justifyBreach(int noticeNumber, StaffAct by, String reason) {
        return new JustifyBreach(CASE_ID, null, noticeNumber, reason, by);
    }

    static NotifyProgress notifyProgress(StaffAct by, String text) {
        return new NotifyProgress(CASE_ID, null, NotificationChannel.PHONE, text, by);
    }

    static NotifyResult notifyResult(StaffAct by, String text) {
        return new NotifyResult(CASE_ID, null, NotificationChannel.LETTER, text, by);
    }

    static ReopenCase reopenBy(StaffAct by) {
        return reopen(by, REOPEN_REASON);
    }

    static ReopenCase reopen(StaffAct by, String reason) {
        return new ReopenCase(CASE_ID, null, reason, LIMIT_WORKING_DAYS, by);
    }

    static CompleteCase completeCaseBy(StaffAct by) {
        return new CompleteCase(CASE_ID, null, ResultType.GRANTED, RESULT_TEXT, by);
    }


    /**
     * A fixture for the case aggregate with the resources its handlers take: the given working calendar, the sample
     * org tree, the fixed timers clock and the default time-limit settings.
     */
    static org.axonframework.test.aggregate.FixtureConfiguration<Case> caseFixture(
            org.weimin.events.calendar.WorkingCalendar calendar) {
        var fixture = new org.axonframework.test.aggregate.AggregateTestFixture<>(Case.class);
        fixture.registerInjectableResource(TimeLimitSettings.defaults());
        fixture.registerInjectableResource(calendar);
        fixture.registerInjectableResource(orgTree());
        fixture.registerInjectableResource(timersClock());
        return fixture;
    }

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
        return new EvaluateCase(CASE_ID, verificationCodeHash, Grade.SATISFIED, comment(), RECTIFICATION_LIMIT, APPLICANT, EVALUATED_AT,
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

    static CaseForwarded caseForwardedTo(UnitId unit) {
        return caseForwarded(officerAt(FORWARDED_AT), HOLDER, unit, FORWARD_REASON, RETURN_WINDOW_CLOSES_AT);
    }

    static CaseForwarded caseForwarded(StaffAct by, UnitId from, UnitId to, String reason, Instant windowCloses) {
        return new CaseForwarded(CASE_ID, from, to, reason, windowCloses, by.actor(), by.occurredAt(),
                by.recordedAt());
    }

    static CaseAccepted caseAcceptedBy(UnitId unit) {
        StaffAct by = acceptBy(unit).by();
        return new CaseAccepted(CASE_ID, unit, by.actor(), by.occurredAt(), by.recordedAt());
    }

    /** {@code unit} returned the case to the holder at receipt. */
    static CaseReturned caseReturnedBy(UnitId unit, Instant at) {
        return new CaseReturned(CASE_ID, unit, HOLDER, RETURN_REASON, Actor.staff(CIVIL_AFFAIRS_OFFICER), at, at);
    }

    /** A notice sent by {@link #OFFICER} at {@link #NOTICE_AT}. */
    static MissingMaterialsNotified noticeSent(int number, int used, int remaining, NoticeItem... items) {
        return noticeSent(officerAt(NOTICE_AT), number, used, remaining, items);
    }

    static MissingMaterialsNotified noticeSent(StaffAct by, int number, int used, int remaining,
                                               NoticeItem... items) {
        return new MissingMaterialsNotified(CASE_ID, number, List.of(items), NotificationChannel.SMS, used, remaining,
                by.actor(), by.occurredAt(), by.recordedAt());
    }

    static OneTimeNoticeBreached breachRecorded(StaffAct by, int number, StaffId responsible,
                                                NoticeItem... unlisted) {
        return new OneTimeNoticeBreached(CASE_ID, number, List.of(unlisted), responsible, by.actor(),
                by.occurredAt(), by.recordedAt());
    }

    static OneTimeNoticeBreachJustified breachJustified(int number, StaffAct by) {
        return new OneTimeNoticeBreachJustified(CASE_ID, number, JUSTIFICATION, by.actor(), by.occurredAt(),
                by.recordedAt());
    }

    /** The supplement recorded by {@link #OFFICER}, with the deadline in force from then on. */
    static MaterialsSupplemented materialsSupplemented(Instant at, int remaining, Instant dueAt) {
        return new MaterialsSupplemented(CASE_ID, supplied(), remaining, weekdayDeadline(dueAt), STAFF, at, at);
    }

    static ApplicantNotifiedOfProgress progressNotified(StaffAct by, String text) {
        return new ApplicantNotifiedOfProgress(CASE_ID, NotificationChannel.PHONE, text, by.actor(), by.occurredAt(),
                by.recordedAt());
    }

    static ApplicantNotifiedOfResult resultNotified(int completion, StaffAct by, String text) {
        return new ApplicantNotifiedOfResult(CASE_ID, completion, NotificationChannel.LETTER, text, by.actor(),
                by.occurredAt(), by.recordedAt());
    }

    static CaseCompleted caseCompleted(int completion, StaffAct by, boolean onTime) {
        return new CaseCompleted(CASE_ID, completion, ResultType.GRANTED, RESULT_TEXT, by.unit(), onTime, by.actor(),
                by.occurredAt(), by.recordedAt());
    }

    /** Reopened by {@code by} at {@link #REOPENED_AT} (the act's time) for {@code round}, back to {@code toUnit}. */
    static CaseReopened caseReopened(StaffAct by, int round, UnitId toUnit, Instant dueAt) {
        return new CaseReopened(CASE_ID, round, REOPEN_REASON, toUnit, LIMIT_WORKING_DAYS, weekdayDeadline(dueAt),
                by.actor(), by.occurredAt(), by.recordedAt());
    }

    static CaseEvaluated caseEvaluated(int completion, Instant at) {
        return new CaseEvaluated(CASE_ID, completion, Grade.SATISFIED, comment(), APPLICANT, at, at);
    }

    static EvaluateCase evaluateCaseAt(Instant at) {
        return new EvaluateCase(CASE_ID, VERIFICATION_CODE_HASH, Grade.SATISFIED, comment(), RECTIFICATION_LIMIT, APPLICANT, at,
                at);
    }

    static Deadline weekdayDeadline(Instant dueAt) {
        return new Deadline(dueAt, true, WeekdayCalendar.REVISION);
    }

    // --- timers, extensions, supervision, rectification (issue 3) ---------------------------------------------------

    /** 00:00 Asia/Shanghai of Mon 2025-03-10, the last counted day: 24 hours before {@link #DUE_AT}. */
    static final Instant WARNING_AT = Instant.parse("2025-03-09T16:00:00Z");
    /**
     * What the fixed clock of the timer tests reads: timer events carry it as recording time (as after a restart that
     * fires every timer that fell due meanwhile), and their due time as business time.
     */
    static final Instant TIMERS_RECORDED_AT = Instant.parse("2025-04-30T02:00:00Z");

    /** Thu 2025-03-06 10:00 Asia/Shanghai: the holder asks for more time. */
    static final Instant EXTENSION_REQUESTED_AT = Instant.parse("2025-03-06T02:00:00Z");
    /** Thu 2025-03-06 14:30 Asia/Shanghai: a supervisor decides. */
    static final Instant EXTENSION_DECIDED_AT = Instant.parse("2025-03-06T06:30:00Z");
    /** {@link #DUE_AT} (end of Mon 03-10) plus 3 working days: counted 03-11, 03-12, 03-13 → end of Thu 2025-03-13. */
    static final Instant EXTENDED_DUE_AT = Instant.parse("2025-03-13T16:00:00Z");
    static final String EXTENSION_REASON = "需入户核查申请人家庭经济状况并在社区公示，申请延期3个工作日。";
    static final String EXTENSION_REFUSAL = "延期理由不充分，入户核查可在现有时限内完成。";

    /** Fri 2025-03-07 09:00 Asia/Shanghai: a supervision order is issued. */
    static final Instant ORDER_ISSUED_AT = Instant.parse("2025-03-07T01:00:00Z");
    /** The order is due at the end of Tue 2025-03-11. */
    static final Instant ORDER_DUE_AT = Instant.parse("2025-03-11T16:00:00Z");
    /** Mon 2025-03-10 16:00 Asia/Shanghai: the holder answers. */
    static final Instant ORDER_ANSWERED_AT = Instant.parse("2025-03-10T08:00:00Z");
    static final String ORDER_TEXT = "请于3月11日前报告该低保申请的办理进度，并说明能否按期办结。";
    static final String ORDER_ANSWER = "已完成入户调查，拟于3月10日前作出审批决定。";
    static final String URGE_TEXT = "该件即将到期，请抓紧办理并及时答复群众。";
    static final String FINDING_REASON = "未一次性告知所需材料，导致群众多次往返，对承办人予以通报批评。";

    /** Fri 2025-03-14 11:00 + 5 working days: counted 03-17 … 03-21 → end of Fri 2025-03-21. */
    static final Instant RECTIFICATION_DUE_AT = Instant.parse("2025-03-21T16:00:00Z");
    /** Mon 2025-03-17 10:00, Tue 03-18 10:00, Wed 03-19 10:00 Asia/Shanghai: the three rectification steps. */
    static final Instant VERIFIED_AT = Instant.parse("2025-03-17T02:00:00Z");
    static final Instant RECTIFIED_AT = Instant.parse("2025-03-18T02:00:00Z");
    static final Instant REPLIED_AT = Instant.parse("2025-03-19T02:00:00Z");
    /** Thu 2025-03-20 11:00 Asia/Shanghai: the applicant grades once more. */
    static final Instant REGRADED_AT = Instant.parse("2025-03-20T03:00:00Z");
    static final String VERIFIED_TEXT = "经核查，承办过程中未一次性告知所需材料，群众反映情况属实。";
    static final String RECTIFIED_TEXT = "已对承办人进行批评教育，并在窗口公示完整材料清单。";
    static final String REPLIED_TEXT = "已电话向申请人说明整改情况并致歉，申请人表示认可。";

    /** The fixed clock the deadline handlers read. */
    static java.time.Clock timersClock() {
        return java.time.Clock.fixed(TIMERS_RECORDED_AT, java.time.ZoneOffset.UTC);
    }

    /** A received case like {@link #receiveCase()}, at another time and with another limit. */
    static ReceiveCase receiveCaseAt(Instant at, int limitWorkingDays) {
        return new ReceiveCase(CASE_ID, TRACKING_NUMBER, VERIFICATION_CODE_HASH, SERVICE_ITEM, WINDOW, HOLDER,
                Channel.WINDOW, OFFICER, applicant(), sealed("c3ViamVjdC1jaXBoZXJ0ZXh0"), null, limitWorkingDays,
                STAFF, at, at);
    }

    static CaseReceived caseReceived(Instant at, int limitWorkingDays, Deadline deadline) {
        ReceiveCase c = receiveCaseAt(at, limitWorkingDays);
        return new CaseReceived(c.caseId(), c.trackingNumber(), c.verificationCodeHash(), c.serviceItem(), c.window(),
                c.holder(), c.channel(), c.firstContactOfficer(), c.applicant(), c.subject(), c.description(),
                c.limitWorkingDays(), deadline, c.actor(), c.occurredAt(), c.recordedAt());
    }

    static CaseTimers.Timer warningTimer(Instant dueAt) {
        return new CaseTimers.Timer(dueAt, CaseTimers.warningAt(dueAt));
    }

    static CaseTimers.Timer overdueTimer(Instant dueAt) {
        return new CaseTimers.Timer(dueAt, dueAt);
    }

    static CaseWarned caseWarned(Instant dueAt, UnitId holder) {
        return new CaseWarned(CASE_ID, dueAt, holder, Actor.system(CaseTimers.WARNING), CaseTimers.warningAt(dueAt),
                TIMERS_RECORDED_AT);
    }

    static CaseBecameOverdue caseBecameOverdue(Instant dueAt, UnitId holder) {
        return new CaseBecameOverdue(CASE_ID, dueAt, holder, Actor.system(CaseTimers.OVERDUE), dueAt,
                TIMERS_RECORDED_AT);
    }

    static CaseEscalated caseEscalated(Instant dueAt, UnitId holder, UnitId toUnit) {
        return new CaseEscalated(CASE_ID, holder, toUnit, "overdue since " + dueAt, Actor.system(CaseTimers.OVERDUE),
                dueAt, TIMERS_RECORDED_AT);
    }

    static CaseDeemedAccepted caseDeemedAccepted(UnitId unit, Instant windowClosedAt) {
        return new CaseDeemedAccepted(CASE_ID, unit, windowClosedAt, Actor.system(CaseTimers.RETURN_WINDOW),
                windowClosedAt, TIMERS_RECORDED_AT);
    }

    static RequestExtension requestExtension(int workingDays, StaffAct by) {
        return new RequestExtension(CASE_ID, null, workingDays, EXTENSION_REASON, by);
    }

    static ExtensionRequested extensionRequested(int number, int workingDays, UnitId holder, StaffAct by) {
        return new ExtensionRequested(CASE_ID, number, workingDays, EXTENSION_REASON, holder, by.actor(),
                by.occurredAt(), by.recordedAt());
    }

    static ApproveExtension approveExtension(int number, StaffAct by) {
        return new ApproveExtension(CASE_ID, null, number, by);
    }

    static ExtensionApproved extensionApproved(int number, UnitId holder, int workingDays, Deadline deadline,
                                               Integer remaining, StaffAct by) {
        return new ExtensionApproved(CASE_ID, number, holder, workingDays, deadline, remaining, by.actor(),
                by.occurredAt(), by.recordedAt());
    }

    static RefuseExtension refuseExtension(int number, StaffAct by) {
        return new RefuseExtension(CASE_ID, null, number, EXTENSION_REFUSAL, by);
    }

    static ExtensionRefused extensionRefused(int number, UnitId holder, StaffAct by) {
        return new ExtensionRefused(CASE_ID, number, holder, EXTENSION_REFUSAL, by.actor(), by.occurredAt(),
                by.recordedAt());
    }

    static IssueSupervisionOrder issueOrder(Instant dueAt, StaffAct by) {
        return new IssueSupervisionOrder(CASE_ID, null, ORDER_TEXT, dueAt, by);
    }

    static SupervisionOrderIssued orderIssued(int number, Instant dueAt, UnitId toUnit, StaffAct by) {
        return new SupervisionOrderIssued(CASE_ID, number, ORDER_TEXT, dueAt, toUnit, by.actor(), by.occurredAt(),
                by.recordedAt());
    }

    static AnswerSupervisionOrder answerOrder(int number, StaffAct by) {
        return new AnswerSupervisionOrder(CASE_ID, null, number, ORDER_ANSWER, by);
    }

    static SupervisionOrderAnswered orderAnswered(int number, UnitId unit, StaffAct by) {
        return new SupervisionOrderAnswered(CASE_ID, number, ORDER_ANSWER, unit, by.actor(), by.occurredAt(),
                by.recordedAt());
    }

    static SupervisionOrderOverdue orderOverdue(int number, Instant dueAt, UnitId unit) {
        return new SupervisionOrderOverdue(CASE_ID, number, dueAt, unit, Actor.system(CaseTimers.SUPERVISION_ORDER),
                dueAt, TIMERS_RECORDED_AT);
    }

    static UrgeCase urge(StaffAct by) {
        return new UrgeCase(CASE_ID, null, URGE_TEXT, by);
    }

    static CaseUrged caseUrged(UnitId toUnit, StaffAct by) {
        return new CaseUrged(CASE_ID, URGE_TEXT, toUnit, by.actor(), by.occurredAt(), by.recordedAt());
    }

    static RecordFinding finding(UnitId againstUnit, StaffId againstStaff, StaffAct by) {
        return new RecordFinding(CASE_ID, null, againstUnit, againstStaff, FINDING_REASON, by);
    }

    static AccountabilityFindingRecorded findingRecorded(int number, UnitId againstUnit, StaffId againstStaff,
                                                         StaffAct by) {
        return new AccountabilityFindingRecorded(CASE_ID, number, againstUnit, againstStaff, FINDING_REASON,
                by.actor(), by.occurredAt(), by.recordedAt());
    }

    /** The applicant grades the first completion with {@code grade} at {@code at}. */
    static EvaluateCase evaluate(Grade grade, Instant at) {
        return new EvaluateCase(CASE_ID, VERIFICATION_CODE_HASH, grade, comment(), RECTIFICATION_LIMIT, APPLICANT, at,
                at);
    }

    static CaseEvaluated caseEvaluated(Grade grade, Instant at) {
        return new CaseEvaluated(CASE_ID, 1, grade, comment(), APPLICANT, at, at);
    }

    static RectificationOpened rectificationOpened(Grade grade, UnitId unit, Instant evaluatedAt, Instant dueAt) {
        return new RectificationOpened(CASE_ID, 1, grade, unit, RECTIFICATION_LIMIT, weekdayDeadline(dueAt),
                Actor.system("rectification-rule"), evaluatedAt, evaluatedAt);
    }

    static RecordRectificationStep rectificationStep(String step, StaffAct by) {
        return new RecordRectificationStep(CASE_ID, null, step, stepText(step), by);
    }

    static RectificationProgressed rectificationProgressed(String step, UnitId unit, StaffAct by) {
        return new RectificationProgressed(CASE_ID, 1, step, stepText(step), unit, by.actor(), by.occurredAt(),
                by.recordedAt());
    }

    static RectificationOverdue rectificationOverdue(Instant dueAt, UnitId unit) {
        return new RectificationOverdue(CASE_ID, 1, dueAt, unit, Actor.system(CaseTimers.RECTIFICATION), dueAt,
                TIMERS_RECORDED_AT);
    }

    static CaseRegraded caseRegraded(Grade previous, Grade grade, Instant at) {
        return new CaseRegraded(CASE_ID, 1, previous, grade, comment(), APPLICANT, at, at);
    }

    private static String stepText(String step) {
        return switch (step) {
            case "VERIFIED" -> VERIFIED_TEXT;
            case "RECTIFIED" -> RECTIFIED_TEXT;
            case "REPLIED" -> REPLIED_TEXT;
            default -> "整改情况说明";
        };
    }
}
