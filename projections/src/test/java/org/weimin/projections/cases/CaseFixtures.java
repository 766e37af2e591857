package org.weimin.projections.cases;

import static org.weimin.projections.cases.FakePersonalDataVault.sealedText;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
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
import org.weimin.events.privacy.SealedApplicant;

/**
 * Test-data vocabulary for the case read model: one case of 张三丰, received at 甲街道's window 1 on Monday 2025-03-03
 * 10:00 Asia/Shanghai (sequence 0), completed on Thursday 03-06 (sequence 1), evaluated on Friday 03-14 (sequence 2).
 * Personal data is sealed the way {@link FakePersonalDataVault} opens it.
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

    private CaseFixtures() {
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
