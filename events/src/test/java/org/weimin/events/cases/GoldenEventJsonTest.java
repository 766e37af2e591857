package org.weimin.events.cases;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.axonframework.serialization.Revision;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.weimin.events.Actor;
import org.weimin.events.ActorKind;
import org.weimin.events.CaseId;
import org.weimin.events.ServiceItemCode;
import org.weimin.events.StaffId;
import org.weimin.events.UnitId;
import org.weimin.events.calendar.CalendarEvent;
import org.weimin.events.calendar.CalendarFact;
import org.weimin.events.calendar.CalendarFacts;
import org.weimin.events.calendar.CalendarRevised;
import org.weimin.events.calendar.DayKind;
import org.weimin.events.calendar.Deadline;
import org.weimin.events.calendar.HolidayCalendar;
import org.weimin.events.calendar.WeekdayCalendar;
import org.weimin.events.privacy.ApplicantKeyId;

/**
 * The contract with the past (style-by-example 10): every event type has a hand-written JSON file under
 * {@code src/test/resources/golden/<Type>.v<revision>.json}, in the shape the event store holds it. Each file must
 * deserialise, carry the values written in it, and serialise back to the same JSON tree — so renaming, removing or
 * retyping a field fails here and calls for a new revision with an upcaster instead.
 *
 * <p>The mapper is set up like the one Axon's {@code JacksonSerializer} gets under Spring Boot: JavaTimeModule, dates
 * as ISO-8601 strings. {@code FAIL_ON_UNKNOWN_PROPERTIES} is left at Jackson's default (on, where Boot turns it off),
 * which is stricter: a stored field the class no longer has fails loudly here instead of being dropped.
 *
 * <p>These files are never regenerated from the classes: they are what was stored.
 */
class GoldenEventJsonTest {

    private static final ObjectMapper JSON = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .build();

    private static final CaseId CASE_ID = CaseId.of("51bc70bf-7116-4f75-a9c4-e06c17d2eb2b");
    /** {@code TrackingNumber.fromRandomBits(123456789L)}. */
    private static final TrackingNumber TRACKING_NUMBER = TrackingNumber.of("WM-00003-NQK8N-1");
    private static final ApplicantKeyId APPLICANT_KEY = ApplicantKeyId.of("idh:9c1e5a7b3d2f48e6a0b4c8d2e6f0a4b8");

    /** The sealed roots whose permitted types are the stored events. */
    private static final List<Class<?>> SEALED_ROOTS = List.of(CaseEvent.class, CalendarEvent.class,
            org.weimin.events.users.UserEvent.class, org.weimin.events.open311.ApiKeyEvent.class,
            org.weimin.events.reference.ReferenceEvent.class, org.weimin.events.keys.KeyEvent.class);

    /** Every permitted type of every sealed root: the event types the event store may hold. */
    static Stream<Class<?>> eventTypes() {
        return SEALED_ROOTS.stream().flatMap(root -> Arrays.stream(root.getPermittedSubclasses()));
    }

    // --- (a) a golden file per event type ---------------------------------------------------------------------------

    @Test
    void everyEventTypeHasAGoldenFile() {
        List<String> missing = eventTypes()
                .filter(type -> GoldenEventJsonTest.class.getResource(goldenPath(type)) == null)
                .map(type -> type.getName() + " (expected " + goldenPath(type) + ")")
                .toList();
        assertThat(missing)
                .as("event types without a golden JSON file; write one by hand in "
                        + "src/test/resources/golden/<Type>.v<revision>.json")
                .isEmpty();
        for (Class<?> root : SEALED_ROOTS) {
            assertThat(root.isSealed()).as("%s is sealed", root.getName()).isTrue();
            assertThat(root.getPermittedSubclasses()).as("the sealed %s lists its types", root.getSimpleName())
                    .isNotEmpty();
        }
        assertThat(eventTypes().map(Class::getSimpleName))
                .as("both roots are covered")
                .contains("CaseReceived", "DeadlineRevised", "CalendarRevised")
                .doesNotHaveDuplicates();
    }

    @Test
    void everyGoldenFileBelongsToAnEventType() throws IOException, URISyntaxException {
        URL golden = GoldenEventJsonTest.class.getResource("/golden");
        assertThat(golden).as("the golden directory").isNotNull();
        Set<String> expected = eventTypes().map(type -> goldenPath(type).substring("/golden/".length()))
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> files;
        try (Stream<Path> list = Files.list(Path.of(golden.toURI()))) {
            files = list.map(f -> f.getFileName().toString()).collect(Collectors.toCollection(TreeSet::new));
        }
        assertThat(files).as("golden files without an event type (renamed or removed event?)")
                .containsExactlyInAnyOrderElementsOf(expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("eventTypes")
    void everyEventTypeCarriesRevisionOne(Class<?> type) {
        Revision revision = type.getAnnotation(Revision.class);
        assertThat(revision).as("%s must carry @Revision(\"1\")", type.getName()).isNotNull();
        assertThat(revision.value()).as("revision of %s", type.getName()).isEqualTo("1");
    }

    // --- (c) round trip as a JSON tree -------------------------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @MethodSource("eventTypes")
    void theGoldenFileDeserialisesAndSerialisesBackToTheSameJson(Class<?> type) throws IOException {
        JsonNode stored = goldenTree(type);
        Object event = JSON.treeToValue(stored, type);
        JsonNode written = JSON.readTree(JSON.writeValueAsString(event));
        assertThat(written)
                .as("%s written back differs from %s:%nstored:  %s%nwritten: %s", type.getSimpleName(),
                        goldenPath(type), stored, written)
                .isEqualTo(stored);
    }

    @Test
    void calendarRevisedSerialisesBackToTheStoredShapeAndReadsItsOwnOutput() throws IOException {
        JsonNode stored = goldenTree(CalendarRevised.class);
        CalendarRevised event = JSON.treeToValue(stored, CalendarRevised.class);
        String written = JSON.writeValueAsString(event);

        assertThat(JSON.readTree(written)).isEqualTo(stored);
        assertThat(JSON.readValue(written, CalendarRevised.class)).isEqualTo(event);
    }

    // --- (b) the values in the files ---------------------------------------------------------------------------------

    @Test
    void caseReceivedReadsAsStored() throws IOException {
        CaseReceived e = JSON.treeToValue(goldenTree(CaseReceived.class), CaseReceived.class);

        assertThat(e.caseId()).isEqualTo(CASE_ID);
        assertThat(e.trackingNumber()).isEqualTo(TRACKING_NUMBER).isEqualTo(TrackingNumber.fromRandomBits(123456789L));
        assertThat(e.verificationCodeHash())
                .isEqualTo("2d711642b726b04401627ca9fbac32f5c8530fb1903cc4db02258717921a4881");
        assertThat(e.serviceItem()).isEqualTo(ServiceItemCode.of("MZ-001"));
        assertThat(e.window()).isEqualTo(UnitId.of("S01-C-W01"));
        assertThat(e.holder()).isEqualTo(UnitId.of("S01-C"));
        assertThat(e.channel()).isEqualTo(Channel.WINDOW);
        assertThat(e.firstContactOfficer()).isEqualTo(StaffId.of("zhang.wei"));
        assertThat(e.applicant().key()).isEqualTo(APPLICANT_KEY);
        assertThat(e.applicant().name().key()).isEqualTo(APPLICANT_KEY);
        assertThat(e.applicant().name().data()).isEqualTo("NhiGwd/Hhm1Vv73unDkwAGSN3rAWAJdY0olS/w==");
        assertThat(e.applicant().idDocument().data())
                .isEqualTo("+45xXDvE0CsK5dJzKBykHWdW/BHaNLUbLsJv9oMlV04b/1AA23O8KQ==");
        assertThat(e.applicant().phone().data()).isEqualTo("sRWK+M9Zgq9URpO2Yfox/qgm2t3uLEhpnFNa6sXOwc4bnDUV");
        assertThat(e.applicant().address().key()).isEqualTo(APPLICANT_KEY);
        assertThat(e.subject().key()).isEqualTo(APPLICANT_KEY);
        assertThat(e.description().data()).startsWith("2E+Pwak9").endsWith("1N3o9");
        assertThat(e.limitWorkingDays()).isEqualTo(5);
        assertThat(e.deadline().dueAt()).isEqualTo(Instant.parse("2025-03-10T16:00:00Z"));
        assertThat(e.deadline().provisional()).isTrue();
        assertThat(e.deadline().calendarRevision()).isEqualTo(WeekdayCalendar.REVISION);
        assertThat(e.actor().kind()).isEqualTo(ActorKind.STAFF);
        assertThat(e.actor().id()).isEqualTo("zhang.wei");
        assertThat(e.occurredAt()).isEqualTo(Instant.parse("2025-03-03T02:00:00Z"));
        assertThat(e.recordedAt()).isEqualTo(Instant.parse("2025-03-03T02:00:00.125Z"));
    }

    @Test
    void caseCompletedReadsAsStored() throws IOException {
        CaseCompleted e = JSON.treeToValue(goldenTree(CaseCompleted.class), CaseCompleted.class);

        assertThat(e.caseId()).isEqualTo(CASE_ID);
        assertThat(e.completion()).isEqualTo(1);
        assertThat(e.result()).isEqualTo(ResultType.GRANTED);
        assertThat(e.resultText()).isEqualTo("已为您办理最低生活保障，待遇自2025年4月起发放。");
        assertThat(e.completingUnit()).isEqualTo(UnitId.of("S01-C"));
        assertThat(e.onTime()).isTrue();
        assertThat(e.actor().kind()).isEqualTo(ActorKind.STAFF);
        assertThat(e.actor().id()).isEqualTo("li.na");
        assertThat(e.occurredAt()).isEqualTo(Instant.parse("2025-03-06T07:30:00Z"));
        assertThat(e.recordedAt()).isEqualTo(Instant.parse("2025-03-06T07:30:00.250Z"));
    }

    @Test
    void caseEvaluatedReadsAsStored() throws IOException {
        CaseEvaluated e = JSON.treeToValue(goldenTree(CaseEvaluated.class), CaseEvaluated.class);

        assertThat(e.caseId()).isEqualTo(CASE_ID);
        assertThat(e.completion()).isEqualTo(1);
        assertThat(e.grade()).isEqualTo(Grade.SATISFIED);
        assertThat(e.comment().key()).isEqualTo(APPLICANT_KEY);
        assertThat(e.comment().data())
                .isEqualTo("pevZMJiv0659vFoo1uXdR6OpF33DLzAWYVZA/CVXF4S3sDaC8WBaE9NriiDQRJZNNAesHw==");
        assertThat(e.actor().kind()).isEqualTo(ActorKind.APPLICANT);
        assertThat(e.actor().id()).isEqualTo(TRACKING_NUMBER.value());
        assertThat(e.occurredAt()).isEqualTo(Instant.parse("2025-03-14T03:00:00Z"));
        assertThat(e.recordedAt()).isEqualTo(Instant.parse("2025-03-14T03:00:00.500Z"));
    }

    @Test
    void caseForwardedReadsAsStored() throws IOException {
        CaseForwarded e = JSON.treeToValue(goldenTree(CaseForwarded.class), CaseForwarded.class);

        assertThat(e.caseId()).isEqualTo(CASE_ID);
        assertThat(e.fromUnit()).isEqualTo(UnitId.of("S01-C"));
        assertThat(e.toUnit()).isEqualTo(UnitId.of("D-MZJ"));
        assertThat(e.reason()).isEqualTo("低保审批权限在区民政局，转区民政局审核。");
        // rules.md "Custody": forwarded Tue 2025-03-04 10:00 Asia/Shanghai → the window closes at the end of Wed 03-05
        assertThat(e.returnWindowClosesAt()).isEqualTo(Instant.parse("2025-03-05T16:00:00Z"));
        assertStaff(e, "zhang.wei");
        assertThat(e.occurredAt()).isEqualTo(Instant.parse("2025-03-04T02:00:00Z"));
        assertThat(e.recordedAt()).isEqualTo(Instant.parse("2025-03-04T02:00:00.310Z"));
    }

    @Test
    void caseAcceptedReadsAsStored() throws IOException {
        CaseAccepted e = JSON.treeToValue(goldenTree(CaseAccepted.class), CaseAccepted.class);

        assertThat(e.caseId()).isEqualTo(CASE_ID);
        assertThat(e.unit()).isEqualTo(UnitId.of("D-MZJ"));
        assertStaff(e, "wang.fang");
        assertThat(e.occurredAt()).isEqualTo(Instant.parse("2025-03-05T01:15:00Z"));
        assertThat(e.recordedAt()).isEqualTo(Instant.parse("2025-03-05T01:15:00.042Z"));
    }

    @Test
    void caseReturnedReadsAsStored() throws IOException {
        CaseReturned e = JSON.treeToValue(goldenTree(CaseReturned.class), CaseReturned.class);

        assertThat(e.caseId()).isEqualTo(CASE_ID);
        assertThat(e.fromUnit()).as("the returning unit").isEqualTo(UnitId.of("D-MZJ"));
        assertThat(e.toUnit()).as("back to the forwarding unit").isEqualTo(UnitId.of("S01-C"));
        assertThat(e.reason()).isEqualTo("申请材料未经街道初审，请街道完成入户调查后再转办。");
        assertStaff(e, "wang.fang");
        assertThat(e.occurredAt()).isEqualTo(Instant.parse("2025-03-05T06:40:00Z"));
        assertThat(e.recordedAt()).isEqualTo(Instant.parse("2025-03-05T06:40:00.777Z"));
    }

    @Test
    void missingMaterialsNotifiedReadsAsStored() throws IOException {
        MissingMaterialsNotified e = JSON.treeToValue(goldenTree(MissingMaterialsNotified.class),
                MissingMaterialsNotified.class);

        assertThat(e.caseId()).isEqualTo(CASE_ID);
        assertThat(e.noticeNumber()).isEqualTo(1);
        assertThat(e.items()).containsExactly(
                new NoticeItem("M03", "家庭收入证明"),
                new NoticeItem(null, "近六个月银行流水（加盖银行印章）"));
        assertThat(e.items()).extracting(NoticeItem::identity)
                .containsExactly("material:M03", "text:近六个月银行流水(加盖银行印章)");
        assertThat(e.channel()).isEqualTo(NotificationChannel.SMS);
        // rules.md example A: notice on Wed 03-05 uses 03-04 and 03-05, 3 of 5 remain
        assertThat(e.usedWorkingDays()).isEqualTo(2);
        assertThat(e.remainingWorkingDays()).isEqualTo(3);
        assertStaff(e, "zhang.wei");
        assertThat(e.occurredAt()).isEqualTo(Instant.parse("2025-03-05T03:20:00Z"));
        assertThat(e.recordedAt()).isEqualTo(Instant.parse("2025-03-05T03:20:00.500Z"));
    }

    @Test
    void oneTimeNoticeBreachedReadsAsStored() throws IOException {
        OneTimeNoticeBreached e = JSON.treeToValue(goldenTree(OneTimeNoticeBreached.class),
                OneTimeNoticeBreached.class);

        assertThat(e.caseId()).isEqualTo(CASE_ID);
        assertThat(e.noticeNumber()).isEqualTo(2);
        assertThat(e.unlistedItems()).containsExactly(
                new NoticeItem("M05", "户口簿复印件"),
                new NoticeItem(null, "村（居）委会出具的家庭情况说明"));
        assertThat(e.responsibleStaff()).as("the sender of the first notice").isEqualTo(StaffId.of("zhang.wei"));
        assertStaff(e, "li.na");
        assertThat(e.occurredAt()).isEqualTo(Instant.parse("2025-03-11T02:30:00Z"));
        assertThat(e.recordedAt()).isEqualTo(Instant.parse("2025-03-11T02:30:00.120Z"));
    }

    @Test
    void oneTimeNoticeBreachJustifiedReadsAsStored() throws IOException {
        OneTimeNoticeBreachJustified e = JSON.treeToValue(goldenTree(OneTimeNoticeBreachJustified.class),
                OneTimeNoticeBreachJustified.class);

        assertThat(e.caseId()).isEqualTo(CASE_ID);
        assertThat(e.noticeNumber()).isEqualTo(2);
        assertThat(e.reason()).isEqualTo("补正材料显示申请人户籍已迁移，需补充户口簿，属首次告知时无法预见的情形。");
        assertStaff(e, "chen.jing");
        assertThat(e.occurredAt()).isEqualTo(Instant.parse("2025-03-12T08:05:00Z"));
        assertThat(e.recordedAt()).isEqualTo(Instant.parse("2025-03-12T08:05:00.999Z"));
    }

    @Test
    void materialsSupplementedReadsAsStored() throws IOException {
        MaterialsSupplemented e = JSON.treeToValue(goldenTree(MaterialsSupplemented.class),
                MaterialsSupplemented.class);

        assertThat(e.caseId()).isEqualTo(CASE_ID);
        assertThat(e.items()).containsExactly(
                new NoticeItem("M03", "家庭收入证明"),
                new NoticeItem(null, "近六个月银行流水（加盖银行印章）"));
        assertThat(e.remainingWorkingDays()).isEqualTo(3);
        // rules.md example A: supplement Mon 03-10 → counted 03-11, 03-12, 03-13 → due end of 03-13
        assertThat(e.deadline().dueAt()).isEqualTo(Instant.parse("2025-03-13T16:00:00Z"));
        assertThat(e.deadline().provisional()).isTrue();
        assertThat(e.deadline().calendarRevision()).isEqualTo(WeekdayCalendar.REVISION);
        assertStaff(e, "zhang.wei");
        assertThat(e.occurredAt()).isEqualTo(Instant.parse("2025-03-10T01:45:00Z"));
        assertThat(e.recordedAt()).isEqualTo(Instant.parse("2025-03-10T01:45:00.060Z"));
    }

    @Test
    void applicantNotifiedOfProgressReadsAsStored() throws IOException {
        ApplicantNotifiedOfProgress e = JSON.treeToValue(goldenTree(ApplicantNotifiedOfProgress.class),
                ApplicantNotifiedOfProgress.class);

        assertThat(e.caseId()).isEqualTo(CASE_ID);
        assertThat(e.channel()).isEqualTo(NotificationChannel.PHONE);
        assertThat(e.text()).isEqualTo("您的低保申请已转区民政局审核，预计3月13日前办结。");
        assertStaff(e, "zhang.wei");
        assertThat(e.occurredAt()).isEqualTo(Instant.parse("2025-03-06T06:00:00Z"));
        assertThat(e.recordedAt()).isEqualTo(Instant.parse("2025-03-06T06:00:00.210Z"));
    }

    @Test
    void applicantNotifiedOfResultReadsAsStored() throws IOException {
        ApplicantNotifiedOfResult e = JSON.treeToValue(goldenTree(ApplicantNotifiedOfResult.class),
                ApplicantNotifiedOfResult.class);

        assertThat(e.caseId()).isEqualTo(CASE_ID);
        assertThat(e.completion()).isEqualTo(1);
        assertThat(e.channel()).isEqualTo(NotificationChannel.LETTER);
        assertThat(e.text()).isEqualTo("已寄送《最低生活保障审批通知书》至申请人登记地址。");
        assertStaff(e, "li.na");
        assertThat(e.occurredAt()).isEqualTo(Instant.parse("2025-03-07T02:00:00Z"));
        assertThat(e.recordedAt()).isEqualTo(Instant.parse("2025-03-07T02:00:00.333Z"));
    }

    @Test
    void caseReopenedReadsAsStored() throws IOException {
        CaseReopened e = JSON.treeToValue(goldenTree(CaseReopened.class), CaseReopened.class);

        assertThat(e.caseId()).isEqualTo(CASE_ID);
        assertThat(e.round()).isEqualTo(2);
        assertThat(e.reason()).isEqualTo("复查发现家庭收入核算遗漏赡养费，责成原承办单位重新核定。");
        assertThat(e.toUnit()).as("the unit that completed it").isEqualTo(UnitId.of("S01-C"));
        assertThat(e.limitWorkingDays()).isEqualTo(5);
        // reopened Mon 03-17 15:00 Asia/Shanghai, limit 5 → counted 03-18 … 03-24 → due end of 03-24
        assertThat(e.deadline().dueAt()).isEqualTo(Instant.parse("2025-03-24T16:00:00Z"));
        assertThat(e.deadline().provisional()).isTrue();
        assertThat(e.deadline().calendarRevision()).isEqualTo(WeekdayCalendar.REVISION);
        assertStaff(e, "chen.jing");
        assertThat(e.occurredAt()).isEqualTo(Instant.parse("2025-03-17T07:00:00Z"));
        assertThat(e.recordedAt()).isEqualTo(Instant.parse("2025-03-17T07:00:00.125Z"));
    }

    // --- timers, custody and extensions (system and supervisor events) ---------------------------------------------

    /** The revision of the shipped holiday calendar (ops resources, published 2007–2026). */
    private static final String SHIPPED_REVISION = "cn-2007-2026-ff5b15db55ad";
    /** The revision after the 2027 schedule was loaded (CalendarController: shipped + "+2027-" + digest). */
    private static final String REVISION_2027 = "cn-2007-2026-ff5b15db55ad+2027-3f9a1c2e";
    private static final UnitId CIVIL_AFFAIRS = UnitId.of("D-MZJ");

    @Test
    void caseWarnedReadsAsStored() throws IOException {
        CaseWarned e = JSON.treeToValue(goldenTree(CaseWarned.class), CaseWarned.class);

        assertThat(e.caseId()).isEqualTo(CASE_ID);
        assertThat(e.dueAt()).isEqualTo(Instant.parse("2025-03-13T16:00:00Z"));
        assertThat(e.holder()).isEqualTo(CIVIL_AFFAIRS);
        assertSystem(e, "case-warning");
        // 00:00 Asia/Shanghai of the last counted day (Thu 2025-03-13): 24 hours before the deadline
        assertThat(e.occurredAt()).isEqualTo(Instant.parse("2025-03-12T16:00:00Z"))
                .isEqualTo(e.dueAt().minusSeconds(24 * 3600));
        assertThat(e.recordedAt()).isEqualTo(Instant.parse("2025-03-12T16:00:00.412Z"));
    }

    @Test
    void caseBecameOverdueReadsAsStored() throws IOException {
        CaseBecameOverdue e = JSON.treeToValue(goldenTree(CaseBecameOverdue.class), CaseBecameOverdue.class);

        assertThat(e.caseId()).isEqualTo(CASE_ID);
        assertThat(e.dueAt()).isEqualTo(Instant.parse("2025-03-13T16:00:00Z"));
        assertThat(e.holder()).as("the holder the overdue figure is attributed to").isEqualTo(CIVIL_AFFAIRS);
        assertSystem(e, "case-overdue");
        assertThat(e.occurredAt()).as("at the deadline").isEqualTo(e.dueAt());
        assertThat(e.recordedAt()).isEqualTo(Instant.parse("2025-03-13T16:00:01.205Z"));
    }

    @Test
    void caseEscalatedReadsAsStored() throws IOException {
        CaseEscalated e = JSON.treeToValue(goldenTree(CaseEscalated.class), CaseEscalated.class);

        assertThat(e.caseId()).isEqualTo(CASE_ID);
        assertThat(e.holder()).isEqualTo(CIVIL_AFFAIRS);
        assertThat(e.toUnit()).as("the holder's parent, 区").isEqualTo(UnitId.of("D01"));
        assertThat(e.reason()).isEqualTo("overdue since 2025-03-13T16:00:00Z");
        assertSystem(e, "case-overdue");
        assertThat(e.occurredAt()).isEqualTo(Instant.parse("2025-03-13T16:00:00Z"));
        assertThat(e.recordedAt()).isEqualTo(Instant.parse("2025-03-13T16:00:01.205Z"));
    }

    @Test
    void caseDeemedAcceptedReadsAsStored() throws IOException {
        CaseDeemedAccepted e = JSON.treeToValue(goldenTree(CaseDeemedAccepted.class), CaseDeemedAccepted.class);

        assertThat(e.caseId()).isEqualTo(CASE_ID);
        assertThat(e.unit()).isEqualTo(CIVIL_AFFAIRS);
        // rules.md "Custody": forwarded Tue 03-04 → neither accepted nor returned by the end of Wed 03-05
        assertThat(e.returnWindowClosedAt()).isEqualTo(Instant.parse("2025-03-05T16:00:00Z"));
        assertSystem(e, "case-return-window");
        assertThat(e.occurredAt()).isEqualTo(e.returnWindowClosedAt());
        assertThat(e.recordedAt()).isEqualTo(Instant.parse("2025-03-05T16:00:02.318Z"));
    }

    @Test
    void extensionRequestedReadsAsStored() throws IOException {
        ExtensionRequested e = JSON.treeToValue(goldenTree(ExtensionRequested.class), ExtensionRequested.class);

        assertThat(e.caseId()).isEqualTo(CASE_ID);
        assertThat(e.requestNumber()).isEqualTo(1);
        assertThat(e.workingDays()).isEqualTo(3);
        assertThat(e.reason()).isEqualTo("需入户核查申请人家庭经济状况并在社区公示，申请延期3个工作日。");
        assertThat(e.holder()).isEqualTo(CIVIL_AFFAIRS);
        assertStaff(e, "wang.fang");
        assertThat(e.occurredAt()).isEqualTo(Instant.parse("2025-03-06T02:00:00Z"));
        assertThat(e.recordedAt()).isEqualTo(Instant.parse("2025-03-06T02:00:00.087Z"));
    }

    @Test
    void extensionApprovedWithANewDeadlineReadsAsStored() throws IOException {
        JsonNode stored = goldenTree(ExtensionApproved.class);
        ExtensionApproved e = JSON.treeToValue(stored, ExtensionApproved.class);

        assertThat(e.caseId()).isEqualTo(CASE_ID);
        assertThat(e.requestNumber()).isEqualTo(1);
        assertThat(e.holder()).isEqualTo(CIVIL_AFFAIRS);
        assertThat(e.workingDays()).isEqualTo(3);
        // 3 working days added to the deadline at the end of Mon 03-10: counted 03-11, 03-12, 03-13
        assertThat(e.deadline()).isEqualTo(new Deadline(Instant.parse("2025-03-13T16:00:00Z"), false,
                SHIPPED_REVISION));
        assertThat(e.deadline().dueAt())
                .isEqualTo(new WeekdayCalendar().deadline(Instant.parse("2025-03-09T16:00:00Z"), 3).dueAt());
        assertThat(e.remainingWorkingDays()).as("not paused: no remaining budget").isNull();
        assertThat(stored.has("remainingWorkingDays")).as("stored as an explicit null").isTrue();
        assertThat(stored.get("remainingWorkingDays").isNull()).isTrue();
        assertStaff(e, "chen.jing");
        assertThat(e.occurredAt()).isEqualTo(Instant.parse("2025-03-06T06:30:00Z"));
        assertThat(e.recordedAt()).isEqualTo(Instant.parse("2025-03-06T06:30:00.164Z"));
    }

    @Test
    void extensionApprovedWhilePausedReadsWithoutADeadline() throws IOException {
        // The paused shape of the same type: no deadline, the new remaining budget instead (old stores hold both).
        com.fasterxml.jackson.databind.node.ObjectNode paused = goldenTree(ExtensionApproved.class).deepCopy();
        paused.putNull("deadline");
        paused.put("remainingWorkingDays", 6);

        ExtensionApproved e = JSON.treeToValue(paused, ExtensionApproved.class);

        assertThat(e.deadline()).isNull();
        assertThat(e.remainingWorkingDays()).isEqualTo(6);
        assertThat(JSON.readTree(JSON.writeValueAsString(e))).isEqualTo(paused);
    }

    @Test
    void extensionRefusedReadsAsStored() throws IOException {
        ExtensionRefused e = JSON.treeToValue(goldenTree(ExtensionRefused.class), ExtensionRefused.class);

        assertThat(e.caseId()).isEqualTo(CASE_ID);
        assertThat(e.requestNumber()).isEqualTo(2);
        assertThat(e.holder()).isEqualTo(CIVIL_AFFAIRS);
        assertThat(e.reason()).isEqualTo("延期理由不充分，入户核查可在现有时限内完成。");
        assertStaff(e, "chen.jing");
        assertThat(e.occurredAt()).isEqualTo(Instant.parse("2025-03-12T07:00:00Z"));
        assertThat(e.recordedAt()).isEqualTo(Instant.parse("2025-03-12T07:00:00.731Z"));
    }

    // --- supervision ---------------------------------------------------------------------------------------------------

    @Test
    void supervisionOrderIssuedReadsAsStored() throws IOException {
        SupervisionOrderIssued e = JSON.treeToValue(goldenTree(SupervisionOrderIssued.class),
                SupervisionOrderIssued.class);

        assertThat(e.caseId()).isEqualTo(CASE_ID);
        assertThat(e.orderNumber()).isEqualTo(1);
        assertThat(e.text()).isEqualTo("该低保申请已超期，请区民政局于3月18日前报告办理进度及超期原因。");
        assertThat(e.dueAt()).as("24:00 Asia/Shanghai of Tue 03-18").isEqualTo(Instant.parse("2025-03-18T16:00:00Z"));
        assertThat(e.toUnit()).isEqualTo(CIVIL_AFFAIRS);
        assertStaff(e, "chen.jing");
        assertThat(e.occurredAt()).isEqualTo(Instant.parse("2025-03-14T01:30:00Z"));
        assertThat(e.recordedAt()).isEqualTo(Instant.parse("2025-03-14T01:30:00.054Z"));
    }

    @Test
    void supervisionOrderAnsweredReadsAsStored() throws IOException {
        SupervisionOrderAnswered e = JSON.treeToValue(goldenTree(SupervisionOrderAnswered.class),
                SupervisionOrderAnswered.class);

        assertThat(e.caseId()).isEqualTo(CASE_ID);
        assertThat(e.orderNumber()).isEqualTo(1);
        assertThat(e.text()).isEqualTo("已完成入户调查和社区公示，拟于3月19日前作出审批决定。");
        assertThat(e.unit()).isEqualTo(CIVIL_AFFAIRS);
        assertStaff(e, "wang.fang");
        assertThat(e.occurredAt()).isEqualTo(Instant.parse("2025-03-17T03:00:00Z"));
        assertThat(e.recordedAt()).isEqualTo(Instant.parse("2025-03-17T03:00:00.600Z"));
    }

    @Test
    void supervisionOrderOverdueReadsAsStored() throws IOException {
        SupervisionOrderOverdue e = JSON.treeToValue(goldenTree(SupervisionOrderOverdue.class),
                SupervisionOrderOverdue.class);

        assertThat(e.caseId()).isEqualTo(CASE_ID);
        assertThat(e.orderNumber()).isEqualTo(2);
        assertThat(e.dueAt()).isEqualTo(Instant.parse("2025-03-19T16:00:00Z"));
        assertThat(e.unit()).isEqualTo(CIVIL_AFFAIRS);
        assertSystem(e, "case-supervision-order");
        assertThat(e.occurredAt()).isEqualTo(e.dueAt());
        assertThat(e.recordedAt()).isEqualTo(Instant.parse("2025-03-19T16:00:00.940Z"));
    }

    @Test
    void caseUrgedReadsAsStored() throws IOException {
        CaseUrged e = JSON.treeToValue(goldenTree(CaseUrged.class), CaseUrged.class);

        assertThat(e.caseId()).isEqualTo(CASE_ID);
        assertThat(e.text()).isEqualTo("该件已超期，请抓紧办理并及时答复群众。");
        assertThat(e.toUnit()).isEqualTo(CIVIL_AFFAIRS);
        assertStaff(e, "chen.jing");
        assertThat(e.occurredAt()).isEqualTo(Instant.parse("2025-03-14T01:00:00Z"));
        assertThat(e.recordedAt()).isEqualTo(Instant.parse("2025-03-14T01:00:00.377Z"));
    }

    @Test
    void accountabilityFindingRecordedReadsAsStored() throws IOException {
        AccountabilityFindingRecorded e = JSON.treeToValue(goldenTree(AccountabilityFindingRecorded.class),
                AccountabilityFindingRecorded.class);

        assertThat(e.caseId()).isEqualTo(CASE_ID);
        assertThat(e.findingNumber()).isEqualTo(1);
        assertThat(e.againstUnit()).isEqualTo(CIVIL_AFFAIRS);
        assertThat(e.againstStaff()).isEqualTo(StaffId.of("wang.fang"));
        assertThat(e.reason()).isEqualTo("未在承诺时限内办结，督办单逾期未回复，对承办人予以通报批评。");
        assertStaff(e, "chen.jing");
        assertThat(e.occurredAt()).isEqualTo(Instant.parse("2025-03-20T08:00:00Z"));
        assertThat(e.recordedAt()).isEqualTo(Instant.parse("2025-03-20T08:00:00.015Z"));
    }

    // --- rectification and regrading -------------------------------------------------------------------------------

    @Test
    void rectificationOpenedReadsAsStored() throws IOException {
        RectificationOpened e = JSON.treeToValue(goldenTree(RectificationOpened.class), RectificationOpened.class);

        assertThat(e.caseId()).isEqualTo(CASE_ID);
        assertThat(e.completion()).isEqualTo(1);
        assertThat(e.grade()).isEqualTo(Grade.DISSATISFIED);
        assertThat(e.grade().isGood()).as("only a bad grade opens a rectification").isFalse();
        assertThat(e.responsibleUnit()).isEqualTo(CIVIL_AFFAIRS);
        assertThat(e.limitWorkingDays()).isEqualTo(5);
        // evaluated Mon 03-24 11:00 Asia/Shanghai, 5 working days → counted 03-25 … 03-31 → due end of 03-31
        assertThat(e.deadline()).isEqualTo(new Deadline(Instant.parse("2025-03-31T16:00:00Z"), false,
                SHIPPED_REVISION));
        assertThat(e.deadline().dueAt()).isEqualTo(new WeekdayCalendar().deadline(e.occurredAt(), 5).dueAt());
        assertSystem(e, "rectification-rule");
        assertThat(e.occurredAt()).isEqualTo(Instant.parse("2025-03-24T03:00:00Z"));
        assertThat(e.recordedAt()).isEqualTo(Instant.parse("2025-03-24T03:00:00.500Z"));
    }

    @Test
    void rectificationProgressedReadsAsStored() throws IOException {
        RectificationProgressed e = JSON.treeToValue(goldenTree(RectificationProgressed.class),
                RectificationProgressed.class);

        assertThat(e.caseId()).isEqualTo(CASE_ID);
        assertThat(e.completion()).isEqualTo(1);
        assertThat(e.step()).isEqualTo("VERIFIED");
        assertThat(e.text()).isEqualTo("经核查，承办过程中未一次性告知所需材料，群众反映情况属实。");
        assertThat(e.unit()).isEqualTo(CIVIL_AFFAIRS);
        assertStaff(e, "wang.fang");
        assertThat(e.occurredAt()).isEqualTo(Instant.parse("2025-03-25T02:00:00Z"));
        assertThat(e.recordedAt()).isEqualTo(Instant.parse("2025-03-25T02:00:00.250Z"));
    }

    @Test
    void rectificationOverdueReadsAsStored() throws IOException {
        RectificationOverdue e = JSON.treeToValue(goldenTree(RectificationOverdue.class), RectificationOverdue.class);

        assertThat(e.caseId()).isEqualTo(CASE_ID);
        assertThat(e.completion()).isEqualTo(1);
        assertThat(e.dueAt()).isEqualTo(Instant.parse("2025-03-31T16:00:00Z"));
        assertThat(e.responsibleUnit()).isEqualTo(CIVIL_AFFAIRS);
        assertSystem(e, "case-rectification");
        assertThat(e.occurredAt()).isEqualTo(e.dueAt());
        assertThat(e.recordedAt()).isEqualTo(Instant.parse("2025-03-31T16:00:00.880Z"));
    }

    @Test
    void caseRegradedReadsAsStored() throws IOException {
        CaseRegraded e = JSON.treeToValue(goldenTree(CaseRegraded.class), CaseRegraded.class);

        assertThat(e.caseId()).isEqualTo(CASE_ID);
        assertThat(e.completion()).isEqualTo(1);
        assertThat(e.previousGrade()).isEqualTo(Grade.DISSATISFIED);
        assertThat(e.grade()).isEqualTo(Grade.SATISFIED);
        assertThat(e.comment().key()).isEqualTo(APPLICANT_KEY);
        assertThat(e.comment().data()).isEqualTo("q9Xo3kVb1mT7sR2uLw8eYc4hJf6nPa0dZg5iKx/tNv+MEoQ1rU3yHs==");
        assertThat(e.actor().kind()).isEqualTo(ActorKind.APPLICANT);
        assertThat(e.actor().id()).isEqualTo(TRACKING_NUMBER.value());
        assertThat(e.occurredAt()).isEqualTo(Instant.parse("2025-04-03T03:00:00Z"));
        assertThat(e.recordedAt()).isEqualTo(Instant.parse("2025-04-03T03:00:00.450Z"));
    }

    // --- the calendar and the deadlines it moves ---------------------------------------------------------------------

    @Test
    void deadlineRevisedReadsAsStored() throws IOException {
        DeadlineRevised e = JSON.treeToValue(goldenTree(DeadlineRevised.class), DeadlineRevised.class);

        assertThat(e.caseId()).isEqualTo(CaseId.of("0b7e3c51-9a2d-4f16-8c3e-5d4a2b1f6e90"));
        // rules.md example C: received Wed 2026-12-30, limit 3 → end of Mon 2027-01-04 under the plain rule,
        // provisional; with 2027's 元旦 loaded, 01-01 is off → end of Tue 2027-01-05, firm.
        assertThat(e.previous()).isEqualTo(new Deadline(Instant.parse("2027-01-04T16:00:00Z"), true,
                SHIPPED_REVISION));
        assertThat(e.deadline()).isEqualTo(new Deadline(Instant.parse("2027-01-05T16:00:00Z"), false,
                REVISION_2027));
        assertThat(e.calendarRevision()).isEqualTo(REVISION_2027).isEqualTo(e.deadline().calendarRevision());
        assertSystem(e, "calendar-revision");
        assertThat(e.occurredAt()).isEqualTo(Instant.parse("2026-12-31T02:00:00.250Z")).isEqualTo(e.recordedAt());
    }

    @Test
    void calendarRevisedReadsAsStored() throws IOException {
        CalendarRevised e = JSON.treeToValue(goldenTree(CalendarRevised.class), CalendarRevised.class);

        assertThat(e.calendarId()).isEqualTo(CalendarEvent.CALENDAR_ID).isEqualTo("cn-working-calendar");
        assertThat(e.year()).isEqualTo(2027);
        assertThat(e.notice()).isEqualTo("国务院办公厅关于2027年部分节假日安排的通知");
        assertThat(e.facts()).hasSize(11);
        assertThat(e.facts().get(0))
                .isEqualTo(new CalendarFact(LocalDate.of(2027, 1, 1), DayKind.HOLIDAY, "元旦"))
                .isEqualTo(CalendarFact.off(LocalDate.of(2027, 1, 1), "元旦"));
        assertThat(e.facts()).filteredOn(f -> f.kind() == DayKind.HOLIDAY).extracting(CalendarFact::name)
                .containsOnly("元旦", "春节").hasSize(10);
        assertThat(e.facts()).last()
                .isEqualTo(CalendarFact.work(LocalDate.of(2027, 2, 20), "春节"))
                .satisfies(f -> assertThat(f.isWorkingDay()).isTrue());
        assertThat(e.revision()).isEqualTo(REVISION_2027);
        assertStaffActor(e.actor(), "admin.liu");
        assertThat(e.occurredAt()).isEqualTo(Instant.parse("2026-12-31T02:00:00.250Z"));
        assertThat(e.recordedAt()).isEqualTo(Instant.parse("2026-12-31T02:00:00.250Z"));
    }

    @Test
    void dayKindsAreStoredByTheirEnumNamesNotByTheirTextFileTokens() throws IOException {
        JsonNode facts = goldenTree(CalendarRevised.class).get("facts");

        assertThat(facts.get(0).get("kind").asText()).isEqualTo(DayKind.HOLIDAY.name()).isNotEqualTo("OFF");
        assertThat(facts.get(10).get("kind").asText()).isEqualTo(DayKind.ADJUSTED_WORKING_DAY.name());
        assertThat(facts.get(0).get("date").asText()).as("ISO date, not an array").isEqualTo("2027-01-01");
    }

    @Test
    void theStoredCalendarRevisionMovesExampleCsDeadlineAsTheStoredDeadlineRevisionSays() throws IOException {
        CalendarRevised revision = JSON.treeToValue(goldenTree(CalendarRevised.class), CalendarRevised.class);
        DeadlineRevised moved = JSON.treeToValue(goldenTree(DeadlineRevised.class), DeadlineRevised.class);
        Instant receivedAt = Instant.parse("2026-12-30T02:00:00Z"); // Wed 2026-12-30 10:00 Asia/Shanghai
        CalendarFacts shipped = CalendarFacts.of(Map.of(2026, "2026 notice"), List.of(), SHIPPED_REVISION);

        CalendarFacts revised = shipped.withYear(revision.year(), revision.notice(), revision.facts(),
                revision.revision());

        assertThat(new HolidayCalendar(shipped).deadline(receivedAt, 3)).isEqualTo(moved.previous());
        assertThat(new HolidayCalendar(revised).deadline(receivedAt, 3)).isEqualTo(moved.deadline());
    }

    // --- personal data (issue 7) -------------------------------------------------------------------------------------

    @Test
    void personalDataViewedReadsAsStoredAndHoldsNoViewedValue() throws IOException {
        PersonalDataViewed e = JSON.treeToValue(goldenTree(PersonalDataViewed.class), PersonalDataViewed.class);

        assertThat(e.caseId()).isEqualTo(CASE_ID);
        assertThat(e.viewerUnit()).isEqualTo(CIVIL_AFFAIRS);
        assertThat(e.access()).isEqualTo(PersonalDataAccess.HOLDING_UNIT);
        assertThat(e.holder()).isEqualTo(CIVIL_AFFAIRS);
        assertThat(e.reason()).isEqualTo("电话核实申请人身份，需完整联系电话");
        assertStaff(e, "wang.fang");
        assertThat(e.occurredAt()).isEqualTo(Instant.parse("2025-03-06T02:30:00Z"));
        assertThat(e.recordedAt()).isEqualTo(Instant.parse("2025-03-06T02:30:00.180Z"));
    }

    @Test
    void applicantDataErasedReadsAsStored() throws IOException {
        ApplicantDataErased e = JSON.treeToValue(goldenTree(ApplicantDataErased.class), ApplicantDataErased.class);

        assertThat(e.caseId()).isEqualTo(CASE_ID);
        assertThat(e.applicantKeyId()).isEqualTo(APPLICANT_KEY);
        assertThat(e.basis()).isEqualTo("《个人信息保护法》第四十七条：申请人2025-06-02书面请求删除");
        assertStaff(e, "admin");
        assertThat(e.occurredAt()).isEqualTo(Instant.parse("2025-06-03T01:00:00Z"));
        assertThat(e.recordedAt()).isEqualTo(Instant.parse("2025-06-03T01:00:00.050Z"));
    }

    private static void assertSystem(CaseEvent event, String timer) {
        assertThat(event.actor()).as("actor of %s", event.getClass().getSimpleName())
                .isEqualTo(Actor.system(timer));
    }

    private static void assertStaffActor(Actor actor, String staffId) {
        assertThat(actor.kind()).isEqualTo(ActorKind.STAFF);
        assertThat(actor.id()).isEqualTo(staffId);
    }

    private static void assertStaff(CaseEvent event, String staffId) {
        assertThat(event.actor().kind()).as("actor kind of %s", event.getClass().getSimpleName())
                .isEqualTo(ActorKind.STAFF);
        assertThat(event.actor().id()).as("actor id of %s", event.getClass().getSimpleName()).isEqualTo(staffId);
    }

    // --- no event dodges the golden check -------------------------------------------------------------------------

    @Test
    void everyClassWithARevisionIsPermittedByASealedEventRoot() {
        assertThat(codeSourceOf(CalendarEvent.class)).as("both roots live in the events module's classes")
                .isEqualTo(codeSourceOf(CaseEvent.class));
        Set<String> revised = names(revisedClassesUnder(codeSourceOf(CaseEvent.class), "org.weimin.events"));
        Set<String> permitted = names(eventTypes().toList());

        assertThat(revised)
                .as("classes in org.weimin.events with @Revision that neither CaseEvent nor CalendarEvent permits; "
                        + "add them to a sealed interface so they get a golden JSON file")
                .isSubsetOf(permitted);
        assertThat(revised).as("the scan sees the calendar's events too").contains(CalendarRevised.class.getName());
        assertThat(revised).as("the scan sees the event classes").containsExactlyInAnyOrderElementsOf(permitted);
    }

    @Test
    void theRevisionScanCatchesAnEventOutsideTheSealedInterface() {
        Set<String> revised = names(revisedClassesUnder(codeSourceOf(GoldenEventJsonTest.class), "org.weimin.events"));

        assertThat(revised).contains(UnlistedEvent.class.getName());
        assertThat(UnlistedEvent.class).isNotIn(eventTypes().toList());
        assertThat(UnlistedEvent.class.getInterfaces()).doesNotContain(CaseEvent.class, CalendarEvent.class);
    }

    /** A revised event that no sealed root permits: what the scan above must catch. */
    @Revision("1")
    record UnlistedEvent(CaseId caseId) {
    }

    // ---------------------------------------------------------------------------------------------------------------

    private static String goldenPath(Class<?> type) {
        Revision revision = type.getAnnotation(Revision.class);
        return "/golden/" + type.getSimpleName() + ".v" + (revision == null ? "1" : revision.value()) + ".json";
    }

    private static JsonNode goldenTree(Class<?> type) throws IOException {
        String path = goldenPath(type);
        try (InputStream in = GoldenEventJsonTest.class.getResourceAsStream(path)) {
            assertThat(in).as("golden file %s for %s", path, type.getName()).isNotNull();
            return JSON.readTree(in);
        }
    }

    private static URL codeSourceOf(Class<?> type) {
        return type.getProtectionDomain().getCodeSource().getLocation();
    }

    /** Classes under {@code packageName} (sub-packages included) in a classes directory or jar with {@code @Revision}. */
    private static List<Class<?>> revisedClassesUnder(URL location, String packageName) {
        try {
            Path path = Path.of(location.toURI());
            if (Files.isDirectory(path)) {
                return revisedClassesUnder(path, packageName);
            }
            try (FileSystem jar = FileSystems.newFileSystem(path)) {
                return revisedClassesUnder(jar.getPath("/"), packageName);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<Class<?>> revisedClassesUnder(Path root, String packageName) throws IOException {
        Path packageDir = root.resolve(packageName.replace('.', '/'));
        assertThat(Files.isDirectory(packageDir)).as("package directory %s", packageDir).isTrue();
        List<Class<?>> revised = new ArrayList<>();
        try (Stream<Path> files = Files.walk(packageDir)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String relative = root.relativize(file).toString().replace(file.getFileSystem().getSeparator(), "/");
                String className = relative.substring(0, relative.length() - ".class".length()).replace('/', '.');
                if (className.endsWith("package-info") || className.endsWith("module-info")) {
                    continue;
                }
                try {
                    Class<?> type = Class.forName(className, false, GoldenEventJsonTest.class.getClassLoader());
                    if (type.isAnnotationPresent(Revision.class)) {
                        revised.add(type);
                    }
                } catch (ClassNotFoundException e) {
                    throw new IllegalStateException("cannot load " + className, e);
                }
            }
        }
        return revised;
    }

    private static Set<String> names(List<Class<?>> types) {
        return types.stream().map(Class::getName).collect(Collectors.toCollection(TreeSet::new));
    }
}
