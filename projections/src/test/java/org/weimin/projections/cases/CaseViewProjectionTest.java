package org.weimin.projections.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.weimin.projections.cases.CaseFixtures.*;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.time.Clock;
import java.time.Instant;
import org.weimin.events.Actor;
import org.weimin.events.calendar.Deadline;
import org.weimin.events.calendar.WeekdayCalendar;
import org.weimin.events.cases.AccountabilityFindingRecorded;
import org.weimin.events.cases.CaseBecameOverdue;
import org.weimin.events.cases.CaseDeemedAccepted;
import org.weimin.events.cases.CaseEscalated;
import org.weimin.events.cases.CaseRegraded;
import org.weimin.events.cases.CaseUrged;
import org.weimin.events.cases.CaseWarned;
import org.weimin.events.cases.DeadlineRevised;
import org.weimin.events.cases.ExtensionApproved;
import org.weimin.events.cases.ExtensionRefused;
import org.weimin.events.cases.ExtensionRequested;
import org.weimin.events.cases.RectificationOpened;
import org.weimin.events.cases.RectificationOverdue;
import org.weimin.events.cases.RectificationProgressed;
import org.weimin.events.cases.SupervisionOrderAnswered;
import org.weimin.events.cases.SupervisionOrderIssued;
import org.weimin.events.cases.SupervisionOrderOverdue;
import java.time.ZoneOffset;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.weimin.events.CaseId;
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
import org.weimin.events.cases.CaseStatus;
import org.weimin.events.cases.MaterialsSupplemented;
import org.weimin.events.cases.MissingMaterialsNotified;
import org.weimin.events.cases.OneTimeNoticeBreachJustified;
import org.weimin.events.cases.OneTimeNoticeBreached;

/**
 * The case read model, fed events directly (as its processing group would, with their sequence numbers) and read
 * through {@link CaseViews}, over a real {@link MongoTemplate} on an in-memory MongoDB wire-protocol server.
 */
class CaseViewProjectionTest {

    private MongoServer server;
    private MongoClient client;
    private MongoTemplate mongo;
    private FakePersonalDataVault vault;
    private CaseViews views;
    private CaseViewProjection projection;

    @BeforeEach
    void startMongo() {
        server = new MongoServer(new MemoryBackend());
        client = MongoClients.create(server.bindAndGetConnectionString());
        mongo = new MongoTemplate(client, "weimin-test");
        vault = new FakePersonalDataVault();
        views = new CaseViews(mongo);
        projection = new CaseViewProjection(views, vault, fixedClock());
    }

    @AfterEach
    void stopMongo() {
        client.close();
        server.shutdownNow();
    }

    @Test
    void aReceivedCaseIsInProgressWithItsCommittedDeadline() {
        projection.on(caseReceived(), RECEIVED_SEQUENCE);

        CaseView view = views.byId(anyCaseId()).orElseThrow();
        assertThat(view.caseId()).isEqualTo(anyCaseId().value());
        assertThat(view.trackingNumber()).isEqualTo(TRACKING_NUMBER.value());
        assertThat(view.status()).isEqualTo(CaseStatus.IN_PROGRESS);
        assertThat(view.serviceItem()).isEqualTo("MZ-001");
        assertThat(view.channel()).isEqualTo("WINDOW");
        assertThat(view.window()).isEqualTo(WINDOW.value());
        assertThat(view.holder()).isEqualTo(HOLDER.value());
        assertThat(view.firstContactOfficer()).isEqualTo(OFFICER.value());
        assertThat(view.receivedAt()).isEqualTo(RECEIVED_AT);
        assertThat(view.recordedAt()).isEqualTo(RECEIVED_AT);
        assertThat(view.limitWorkingDays()).isEqualTo(5);
        assertThat(view.deadline()).isEqualTo(DUE_AT);
        assertThat(view.deadlineProvisional()).isTrue();
        assertThat(view.calendarRevision()).isEqualTo("weekdays-only");
        assertThat(view.verificationCodeHash()).isEqualTo(VERIFICATION_CODE_HASH);
        assertThat(view.completions()).isZero();
        assertThat(view.onTime()).isNull();
        assertThat(view.grade()).isNull();
        assertThat(view.lastSequence()).isEqualTo(RECEIVED_SEQUENCE);
        assertThat(view.updatedAt()).isEqualTo(PROJECTED_AT);
        assertThat(view.steps()).containsExactly(new CaseStep(RECEIVED_SEQUENCE, "RECEIVED", RECEIVED_AT,
                RECEIVED_AT, WINDOW.value(), "STAFF", OFFICER.value(), "WINDOW"));
    }

    @Test
    void theApplicantIsHeldMaskedAndTheirOwnTextForStaff() {
        projection.on(caseReceived(), RECEIVED_SEQUENCE);

        CaseView view = views.byId(anyCaseId()).orElseThrow();
        assertThat(view.applicantKey()).isEqualTo(APPLICANT_KEY.value());
        assertThat(view.applicantNameMasked()).isEqualTo("张**");
        assertThat(view.applicantPhoneMasked()).isEqualTo("139****5678");
        assertThat(view.applicantIdType()).isEqualTo("RESIDENT_ID");
        assertThat(view.applicantIdNumberMasked()).isEqualTo("110105********002X");
        assertThat(view.applicantAddressMasked()).isEqualTo("北京市朝阳区****");
        assertThat(view.subject()).isEqualTo(SUBJECT);
        assertThat(view.description()).isEqualTo(DESCRIPTION);
    }

    @Test
    void theStoredDocumentHoldsNoUnmaskedPersonalIdentifier() {
        projection.on(caseReceived(), RECEIVED_SEQUENCE);

        Document raw = mongo.findById(anyCaseId().value(), Document.class, CaseView.COLLECTION);
        String json = raw.toJson();
        assertThat(json).doesNotContain("张三丰").doesNotContain("11010519491231002X").doesNotContain(ADDRESS);
    }

    @Test
    void dataTheApplicantDidNotGiveStaysEmpty() {
        projection.on(caseReceivedWithNameOnly(), RECEIVED_SEQUENCE);

        CaseView view = views.byId(anyCaseId()).orElseThrow();
        assertThat(view.applicantNameMasked()).isEqualTo("张**");
        assertThat(view.applicantIdType()).isNull();
        assertThat(view.applicantIdNumberMasked()).isNull();
        assertThat(view.applicantPhoneMasked()).isNull();
        assertThat(view.applicantAddressMasked()).isNull();
        assertThat(view.description()).isNull();
        assertThat(view.channel()).isEqualTo("PHONE");
    }

    @Test
    void aCaseIsFoundByItsTrackingNumber() {
        projection.on(caseReceived(), RECEIVED_SEQUENCE);

        assertThat(views.byTrackingNumber(TRACKING_NUMBER)).get().extracting(CaseView::caseId)
                .isEqualTo(anyCaseId().value());
        assertThat(views.byTrackingNumber(OTHER_TRACKING_NUMBER)).isEmpty();
        assertThat(views.byId(CaseId.of("00000000-0000-4000-8000-000000000000"))).isEmpty();
    }

    @Test
    void aCompletedCaseShowsItsResultAndWhetherItWasOnTime() {
        projection.on(caseReceived(), RECEIVED_SEQUENCE);
        projection.on(caseCompleted(), COMPLETED_SEQUENCE);

        CaseView view = views.byTrackingNumber(TRACKING_NUMBER).orElseThrow();
        assertThat(view.status()).isEqualTo(CaseStatus.COMPLETED);
        assertThat(view.completions()).isEqualTo(1);
        assertThat(view.result()).isEqualTo("GRANTED");
        assertThat(view.resultText()).isEqualTo(RESULT_TEXT);
        assertThat(view.completingUnit()).isEqualTo(HOLDER.value());
        assertThat(view.onTime()).isTrue();
        assertThat(view.completedAt()).isEqualTo(COMPLETED_AT);
        assertThat(view.lastSequence()).isEqualTo(COMPLETED_SEQUENCE);
        assertThat(view.steps()).extracting(CaseStep::kind).containsExactly("RECEIVED", "COMPLETED");
        assertThat(view.steps().get(1)).isEqualTo(new CaseStep(COMPLETED_SEQUENCE, "COMPLETED", COMPLETED_AT,
                COMPLETED_AT, HOLDER.value(), "STAFF", COMPLETING_OFFICER.value(), "GRANTED"));
    }

    @Test
    void anEvaluatedCaseShowsTheGradeAndTheApplicantsComment() {
        projection.on(caseReceived(), RECEIVED_SEQUENCE);
        projection.on(caseCompleted(), COMPLETED_SEQUENCE);
        projection.on(caseEvaluated(), EVALUATED_SEQUENCE);

        CaseView view = views.byId(anyCaseId()).orElseThrow();
        assertThat(view.status()).isEqualTo(CaseStatus.EVALUATED);
        assertThat(view.grade()).isEqualTo("SATISFIED");
        assertThat(view.evaluationComment()).isEqualTo(COMMENT);
        assertThat(view.evaluatedAt()).isEqualTo(EVALUATED_AT);
        assertThat(view.completions()).isEqualTo(1);
        assertThat(view.lastSequence()).isEqualTo(EVALUATED_SEQUENCE);
        assertThat(view.steps()).extracting(CaseStep::sequence)
                .containsExactly(RECEIVED_SEQUENCE, COMPLETED_SEQUENCE, EVALUATED_SEQUENCE);
        assertThat(view.steps().get(2)).as("the applicant's step names no unit and no actor id")
                .isEqualTo(new CaseStep(EVALUATED_SEQUENCE, "EVALUATED", EVALUATED_AT, EVALUATED_AT, null,
                        "APPLICANT", null, "SATISFIED"));
    }

    @Test
    void replayingTheSameEventsChangesNothing() {
        feedTheWholeLife(projection);
        Document before = rawDocument();

        // A replay an hour later: a write would show in updatedAt.
        Clock later = Clock.fixed(PROJECTED_AT.plusSeconds(3600), ZoneOffset.UTC);
        CaseViewProjection replaying = new CaseViewProjection(views, vault, later);
        feedTheWholeLife(replaying);

        assertThat(rawDocument()).isEqualTo(before);
        CaseView view = views.byId(anyCaseId()).orElseThrow();
        assertThat(view.lastSequence()).isEqualTo(EVALUATED_SEQUENCE);
        assertThat(view.steps()).hasSize(3);
        assertThat(view.updatedAt()).isEqualTo(PROJECTED_AT);
    }

    @Test
    void aResetRemovesTheDocumentsAndTheReplayWritesThemAgainWithTheirIndex() {
        feedTheWholeLife(projection);
        Document before = rawDocument();

        projection.onReset();

        assertThat(views.byId(anyCaseId())).isEmpty();
        feedTheWholeLife(projection);
        assertThat(rawDocument()).isEqualTo(before);
        CaseId otherCase = CaseId.of("0b7e3c51-9a2d-4f16-8c3e-5d4a2b1f6e90");
        assertThatThrownBy(() -> projection.on(caseReceived(otherCase, TRACKING_NUMBER), RECEIVED_SEQUENCE))
                .as("the unique tracking-number index is back after the reset")
                .isInstanceOf(DuplicateKeyException.class);
    }

    @Test
    void aRedeliveredEarlierEventDoesNotUndoALaterOne() {
        feedTheWholeLife(projection);

        projection.on(caseCompleted(), COMPLETED_SEQUENCE);

        CaseView view = views.byId(anyCaseId()).orElseThrow();
        assertThat(view.status()).isEqualTo(CaseStatus.EVALUATED);
        assertThat(view.grade()).isEqualTo("SATISFIED");
        assertThat(view.steps()).hasSize(3);
    }

    @Test
    void personalDataWhoseKeyWasErasedShowsAsErased() {
        vault.erase(APPLICANT_KEY);

        feedTheWholeLife(projection);

        CaseView view = views.byId(anyCaseId()).orElseThrow();
        assertThat(view.applicantNameMasked()).isEqualTo(CaseViewProjection.ERASED).isEqualTo("(erased)");
        assertThat(view.applicantPhoneMasked()).isEqualTo(CaseViewProjection.ERASED);
        assertThat(view.applicantIdNumberMasked()).isEqualTo(CaseViewProjection.ERASED);
        assertThat(view.applicantIdType()).isNull();
        assertThat(view.applicantAddressMasked()).isEqualTo(CaseViewProjection.ERASED);
        assertThat(view.subject()).isEqualTo(CaseViewProjection.ERASED);
        assertThat(view.description()).isEqualTo(CaseViewProjection.ERASED);
        assertThat(view.evaluationComment()).isEqualTo(CaseViewProjection.ERASED);
        assertThat(view.status()).as("the case itself is intact").isEqualTo(CaseStatus.EVALUATED);
        assertThat(view.resultText()).as("staff's own text is not the applicant's data").isEqualTo(RESULT_TEXT);
    }

    private static final long VIEWED_SEQUENCE = 3;
    private static final long ERASED_SEQUENCE = 4;
    private static final Instant VIEWED_AT = Instant.parse("2025-03-17T02:00:00Z");
    private static final Instant ERASED_AT = Instant.parse("2025-06-03T01:00:00Z");

    private static org.weimin.events.cases.PersonalDataViewed personalDataViewed() {
        return new org.weimin.events.cases.PersonalDataViewed(anyCaseId(), org.weimin.events.UnitId.of("SFS"),
                org.weimin.events.cases.PersonalDataAccess.AUDITOR, org.weimin.events.UnitId.of("S01-C"),
                "复核办结依据", Actor.staff(org.weimin.events.StaffId.of("auditor")), VIEWED_AT, VIEWED_AT);
    }

    private static org.weimin.events.cases.ApplicantDataErased applicantDataErased() {
        return new org.weimin.events.cases.ApplicantDataErased(anyCaseId(), APPLICANT_KEY, "《个人信息保护法》第四十七条",
                Actor.staff(org.weimin.events.StaffId.of("admin")), ERASED_AT, ERASED_AT);
    }

    @Test
    void anUnmaskedViewIsRecordedWithoutAnyValueAndAddsNoPublicStep() {
        feedTheWholeLife(projection);
        projection.on(personalDataViewed(), VIEWED_SEQUENCE);

        CaseView view = views.byId(anyCaseId()).orElseThrow();
        assertThat(view.personalDataViews()).singleElement().isEqualTo(new CaseRecords.PersonalDataView(
                VIEWED_SEQUENCE, "auditor", "SFS", "AUDITOR", "S01-C", "复核办结依据", VIEWED_AT, VIEWED_AT));
        assertThat(view.steps()).hasSize(3);
        assertThat(view.lastSequence()).isEqualTo(VIEWED_SEQUENCE);
    }

    @Test
    void theErasureEventShowsEverythingErasedExactlyAsARebuildAfterItDoes() {
        feedTheWholeLife(projection);
        projection.on(personalDataViewed(), VIEWED_SEQUENCE);
        vault.erase(APPLICANT_KEY);
        projection.on(applicantDataErased(), ERASED_SEQUENCE);
        CaseView live = views.byId(anyCaseId()).orElseThrow();

        assertThat(live.erasure()).isEqualTo(new CaseRecords.Erasure(ERASED_SEQUENCE, "admin",
                "《个人信息保护法》第四十七条", ERASED_AT, ERASED_AT));
        assertThat(live.applicantNameMasked()).isEqualTo(CaseViewProjection.ERASED);
        assertThat(live.subject()).isEqualTo(CaseViewProjection.ERASED);
        assertThat(live.evaluationComment()).isEqualTo(CaseViewProjection.ERASED);
        assertThat(live.personalDataViews()).as("the record of views stays").hasSize(1);

        projection.onReset();
        feedTheWholeLife(projection);
        projection.on(personalDataViewed(), VIEWED_SEQUENCE);
        projection.on(applicantDataErased(), ERASED_SEQUENCE);
        CaseView rebuilt = views.byId(anyCaseId()).orElseThrow();
        assertThat(rebuilt).usingRecursiveComparison().ignoringFields("updatedAt").isEqualTo(live);
    }

    @Test
    void theTrackingNumberIsUniquelyIndexed() {
        assertThat(mongo.indexOps(CaseView.class).getIndexInfo())
                .filteredOn(index -> index.getName().equals("trackingNumber_unique"))
                .singleElement()
                .satisfies(index -> {
                    assertThat(index.isUnique()).isTrue();
                    assertThat(index.getIndexFields()).singleElement()
                            .satisfies(field -> assertThat(field.getKey()).isEqualTo("trackingNumber"));
                });
    }

    @Test
    void aSecondCaseWithATakenTrackingNumberIsRefusedByTheIndex() {
        projection.on(caseReceived(), RECEIVED_SEQUENCE);
        CaseId otherCase = CaseId.of("0b7e3c51-9a2d-4f16-8c3e-5d4a2b1f6e90");

        assertThatThrownBy(() -> projection.on(caseReceived(otherCase, TRACKING_NUMBER), RECEIVED_SEQUENCE))
                .isInstanceOf(DuplicateKeyException.class);
        assertThat(views.byId(otherCase)).isEmpty();
    }

    @Test
    void anEventForACaseWithoutAViewFailsLoudly() {
        assertThatThrownBy(() -> projection.on(caseCompleted(), COMPLETED_SEQUENCE))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(anyCaseId().value());
    }

    // --- custody, notices, notifications, reopen -----------------------------------------------------------------------

    @Test
    void aForwardedCaseIsHeldByTheTargetAndAwaitsItsAcceptance() {
        feedLifeUpTo(projection, 1);

        CaseView view = views.byId(anyCaseId()).orElseThrow();
        assertThat(view.status()).isEqualTo(CaseStatus.AWAITING_ACCEPTANCE);
        assertThat(view.holder()).isEqualTo(CIVIL_AFFAIRS.value());
        assertThat(view.forwardedFrom()).isEqualTo(HOLDER.value());
        assertThat(view.awaitingAcceptance()).isTrue();
        assertThat(view.returnWindowClosesAt()).isEqualTo(FIRST_WINDOW_CLOSES_AT);
        assertThat(view.deadline()).as("custody moves, the commitment stays").isEqualTo(DUE_AT);
        assertThat(view.custody()).containsExactly(new CaseRecords.CustodyChange(1, "FORWARDED", HOLDER.value(),
                CIVIL_AFFAIRS.value(), FORWARD_REASON, FORWARDED_AT, OFFICER.value(), FIRST_WINDOW_CLOSES_AT));
        assertThat(view.steps()).last().isEqualTo(new CaseStep(1, "FORWARDED", FORWARDED_AT, FORWARDED_AT,
                CIVIL_AFFAIRS.value(), "STAFF", OFFICER.value(), null));
        assertThat(view.lastSequence()).isEqualTo(1);
    }

    @Test
    void aReturnedCaseIsBackWithTheForwardingUnitInProgress() {
        feedLifeUpTo(projection, 2);

        CaseView view = views.byId(anyCaseId()).orElseThrow();
        assertThat(view.status()).isEqualTo(CaseStatus.IN_PROGRESS);
        assertThat(view.holder()).isEqualTo(HOLDER.value());
        assertThat(view.awaitingAcceptance()).isFalse();
        assertThat(view.returnWindowClosesAt()).isNull();
        assertThat(view.custody()).extracting(CaseRecords.CustodyChange::kind).containsExactly("FORWARDED", "RETURNED");
        assertThat(view.custody().get(1)).isEqualTo(new CaseRecords.CustodyChange(2, "RETURNED",
                CIVIL_AFFAIRS.value(), HOLDER.value(), RETURN_REASON, RETURNED_AT, CIVIL_AFFAIRS_OFFICER.value(),
                null));
        assertThat(view.steps()).last().extracting(CaseStep::kind, CaseStep::unit)
                .containsExactly("RETURNED", HOLDER.value());
    }

    @Test
    void anAcceptedCaseIsInProgressWithTheTarget() {
        feedLifeUpTo(projection, 4);

        CaseView view = views.byId(anyCaseId()).orElseThrow();
        assertThat(view.status()).isEqualTo(CaseStatus.IN_PROGRESS);
        assertThat(view.holder()).isEqualTo(CIVIL_AFFAIRS.value());
        assertThat(view.awaitingAcceptance()).isFalse();
        assertThat(view.returnWindowClosesAt()).isEqualTo(SECOND_WINDOW_CLOSES_AT);
        assertThat(view.custody()).extracting(CaseRecords.CustodyChange::kind)
                .containsExactly("FORWARDED", "RETURNED", "FORWARDED", "ACCEPTED");
        assertThat(view.custody().get(3)).isEqualTo(new CaseRecords.CustodyChange(4, "ACCEPTED", HOLDER.value(),
                CIVIL_AFFAIRS.value(), null, ACCEPTED_AT, CIVIL_AFFAIRS_OFFICER.value(), null));
    }

    @Test
    void aNoticePausesTheCaseAndShowsTheWorkingDaysRemaining() {
        feedLifeUpTo(projection, 5);

        CaseView view = views.byId(anyCaseId()).orElseThrow();
        assertThat(view.status()).isEqualTo(CaseStatus.PAUSED);
        assertThat(view.paused()).isTrue();
        assertThat(view.remainingWorkingDays()).isEqualTo(3);
        assertThat(view.notices()).containsExactly(new CaseRecords.Notice(1, List.of(INCOME_PROOF, BANK_STATEMENTS),
                "SMS", NOTICE_AT, CIVIL_AFFAIRS_OFFICER.value(), 2, 3, List.of(), null, null, null));
        assertThat(view.notices().get(0).breach()).isFalse();
        assertThat(view.steps()).last().isEqualTo(new CaseStep(5, "NOTICE_SENT", NOTICE_AT, NOTICE_AT,
                CIVIL_AFFAIRS.value(), "STAFF", CIVIL_AFFAIRS_OFFICER.value(), "2"));
    }

    @Test
    void aBreachAndItsJustificationAreRecordedOnTheNoticeThatBreached() {
        feedLifeUpTo(projection, 7);

        CaseView breached = views.byId(anyCaseId()).orElseThrow();
        assertThat(breached.status()).isEqualTo(CaseStatus.PAUSED);
        assertThat(breached.remainingWorkingDays()).isEqualTo(3);
        assertThat(breached.notices()).hasSize(2);
        assertThat(breached.notices().get(0).breach()).isFalse();
        CaseRecords.Notice second = breached.notices().get(1);
        assertThat(second.breach()).isTrue();
        assertThat(second.unlistedItems()).containsExactly(HOUSEHOLD_REGISTER);
        assertThat(second.responsibleStaff()).as("the first notice's sender").isEqualTo(CIVIL_AFFAIRS_OFFICER.value());
        assertThat(second.actorId()).isEqualTo(OFFICER.value());
        assertThat(second.justification()).isNull();

        feedLifeFromTo(projection, 8, 8);

        CaseRecords.Notice justified = views.byId(anyCaseId()).orElseThrow().notices().get(1);
        assertThat(justified.breach()).as("the breach stays on record").isTrue();
        assertThat(justified.justification()).isEqualTo(JUSTIFICATION);
        assertThat(justified.justifiedBy()).isEqualTo(SUPERVISOR.value());
        assertThat(views.byId(anyCaseId()).orElseThrow().steps()).extracting(CaseStep::kind)
                .as("breach and justification are staff matters, not public steps")
                .containsExactly("RECEIVED", "FORWARDED", "RETURNED", "FORWARDED", "ACCEPTED", "NOTICE_SENT",
                        "NOTICE_SENT");
    }

    @Test
    void aSupplementResumesTheClockWithTheMovedDeadline() {
        feedLifeUpTo(projection, 9);

        CaseView view = views.byId(anyCaseId()).orElseThrow();
        assertThat(view.status()).isEqualTo(CaseStatus.IN_PROGRESS);
        assertThat(view.paused()).isFalse();
        assertThat(view.remainingWorkingDays()).isNull();
        assertThat(view.deadline()).isEqualTo(DUE_AFTER_SUPPLEMENT);
        assertThat(view.deadlineProvisional()).isTrue();
        assertThat(view.supplements()).containsExactly(new CaseRecords.Supplement(
                List.of(INCOME_PROOF, BANK_STATEMENTS, HOUSEHOLD_REGISTER), SUPPLEMENTED_AT,
                CIVIL_AFFAIRS_OFFICER.value(), DUE_AFTER_SUPPLEMENT, true, 3));
    }

    @Test
    void whatTheApplicantWasToldIsListedInOrder() {
        feedLifeUpTo(projection, 12);

        CaseView view = views.byId(anyCaseId()).orElseThrow();
        assertThat(view.notifications()).containsExactly(
                new CaseRecords.Notification("PROGRESS", "PHONE", PROGRESS_TEXT, PROGRESS_AT,
                        CIVIL_AFFAIRS_OFFICER.value()),
                new CaseRecords.Notification("RESULT", "LETTER", RESULT_NOTICE_TEXT, RESULT_TOLD_AT,
                        CIVIL_AFFAIRS_OFFICER.value()));
        assertThat(view.status()).as("telling the result does not reopen the case").isEqualTo(CaseStatus.COMPLETED);
        assertThat(view.completingUnit()).isEqualTo(CIVIL_AFFAIRS.value());
        assertThat(view.steps()).filteredOn(step -> step.kind().endsWith("_NOTIFIED"))
                .extracting(CaseStep::kind, CaseStep::unit, CaseStep::detail)
                .containsExactly(tuple("PROGRESS_NOTIFIED", CIVIL_AFFAIRS.value(), "PHONE"),
                        tuple("RESULT_NOTIFIED", CIVIL_AFFAIRS.value(), "LETTER"));
    }

    @Test
    void aReopenedCaseIsInProgressInRoundTwoAndKeepsItsFirstCompletion() {
        feedLifeUpTo(projection, 14);

        CaseView view = views.byId(anyCaseId()).orElseThrow();
        assertThat(view.status()).isEqualTo(CaseStatus.IN_PROGRESS);
        assertThat(view.round()).isEqualTo(2);
        assertThat(view.holder()).isEqualTo(CIVIL_AFFAIRS.value());
        assertThat(view.deadline()).isEqualTo(REOPEN_DUE_AT);
        assertThat(view.limitWorkingDays()).isEqualTo(5);
        assertThat(view.paused()).isFalse();
        assertThat(view.completions()).isEqualTo(1);
        assertThat(view.completionHistory()).containsExactly(new CaseRecords.Completion(1, "GRANTED", RESULT_TEXT,
                CIVIL_AFFAIRS.value(), true, FIRST_COMPLETED_AT, CIVIL_AFFAIRS_OFFICER.value()));
        assertThat(view.custody()).last().isEqualTo(new CaseRecords.CustodyChange(14, "REOPENED",
                CIVIL_AFFAIRS.value(), CIVIL_AFFAIRS.value(), REOPEN_REASON, REOPENED_AT, SUPERVISOR.value(), null));
    }

    @Test
    void theSecondCompletionIsAddedToTheHistory() {
        feedLifeUpTo(projection, 15);

        CaseView view = views.byId(anyCaseId()).orElseThrow();
        assertThat(view.status()).isEqualTo(CaseStatus.COMPLETED);
        assertThat(view.completions()).isEqualTo(2);
        assertThat(view.resultText()).isEqualTo(SECOND_RESULT_TEXT);
        assertThat(view.grade()).as("the first completion's grade is not the second's").isNull();
        assertThat(view.completionHistory()).extracting(CaseRecords.Completion::number,
                        CaseRecords.Completion::completedAt)
                .containsExactly(tuple(1, FIRST_COMPLETED_AT), tuple(2, SECOND_COMPLETED_AT));
    }

    @Test
    void theStepsOfTheWholeLifeAreInOrder() {
        feedLifeUpTo(projection, 15);

        CaseView view = views.byId(anyCaseId()).orElseThrow();
        assertThat(view.steps()).extracting(CaseStep::kind).containsExactly("RECEIVED", "FORWARDED", "RETURNED",
                "FORWARDED", "ACCEPTED", "NOTICE_SENT", "NOTICE_SENT", "SUPPLEMENTED", "PROGRESS_NOTIFIED",
                "COMPLETED", "RESULT_NOTIFIED", "EVALUATED", "REOPENED", "COMPLETED");
        assertThat(view.steps()).extracting(CaseStep::sequence)
                .containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L, 9L, 10L, 11L, 12L, 13L, 14L, 15L);
        assertThat(view.lastSequence()).isEqualTo(15);
    }

    @Test
    void replayingTheWholeLifeWithCustodyAndNoticesChangesNothing() {
        feedLifeUpTo(projection, 15);
        Document before = rawDocument();

        Clock later = Clock.fixed(PROJECTED_AT.plusSeconds(3600), ZoneOffset.UTC);
        feedLifeUpTo(new CaseViewProjection(views, vault, later), 15);

        assertThat(rawDocument()).isEqualTo(before);
        CaseView view = views.byId(anyCaseId()).orElseThrow();
        assertThat(view.steps()).hasSize(14);
        assertThat(view.notices()).hasSize(2);
        assertThat(view.custody()).hasSize(5);
        assertThat(view.notifications()).hasSize(2);
        assertThat(view.completionHistory()).hasSize(2);
        assertThat(view.updatedAt()).isEqualTo(PROJECTED_AT);
    }

    @Test
    void aRedeliveredNoticeDoesNotPauseASupplementedCaseAgain() {
        feedLifeUpTo(projection, 9);

        projection.on(firstNotice(), 5);
        projection.on(breachOfSecondNotice(), 7);

        CaseView view = views.byId(anyCaseId()).orElseThrow();
        assertThat(view.paused()).isFalse();
        assertThat(view.status()).isEqualTo(CaseStatus.IN_PROGRESS);
        assertThat(view.notices()).hasSize(2);
        assertThat(view.deadline()).isEqualTo(DUE_AFTER_SUPPLEMENT);
    }

    // --- timers, deemed acceptance, extensions, supervision, rectification, recount -----------------------------------

    @Test
    void aWarningTurnsTheCaseYellowAndIsListedAsAnAlertNamingTheHolder() {
        feedSupervisedUpTo(5);

        CaseView view = views.byId(anyCaseId()).orElseThrow();
        assertThat(view.warned()).isTrue();
        assertThat(view.overdue()).isFalse();
        assertThat(view.alerts()).containsExactly(
                new CaseRecords.Alert("WARNED", DUE_AT, CIVIL_AFFAIRS.value(), null, WARNED_AT));
        assertThat(view.status()).isEqualTo(CaseStatus.IN_PROGRESS);
        assertThat(view.lastSequence()).isEqualTo(5);
    }

    @Test
    void anOverdueCaseIsRedAndItsEscalationIsListed() {
        feedSupervisedUpTo(9);

        CaseView view = views.byId(anyCaseId()).orElseThrow();
        assertThat(view.warned()).isTrue();
        assertThat(view.overdue()).isTrue();
        assertThat(view.alerts()).containsExactly(
                new CaseRecords.Alert("WARNED", DUE_AT, CIVIL_AFFAIRS.value(), null, WARNED_AT),
                new CaseRecords.Alert("OVERDUE", DUE_AT, CIVIL_AFFAIRS.value(), null, DUE_AT),
                new CaseRecords.Alert("ESCALATED", null, CIVIL_AFFAIRS.value(), DISTRICT.value(), DUE_AT));
        assertThat(view.steps()).extracting(CaseStep::kind).as("alerts are not public steps")
                .doesNotContain("WARNED", "OVERDUE", "ESCALATED");
    }

    @Test
    void aForwardLeftUnansweredIsDeemedAcceptedInTheCustodyRecord() {
        feedSupervisedUpTo(2);

        CaseView view = views.byId(anyCaseId()).orElseThrow();
        assertThat(view.awaitingAcceptance()).isFalse();
        assertThat(view.status()).isEqualTo(CaseStatus.IN_PROGRESS);
        assertThat(view.holder()).isEqualTo(CIVIL_AFFAIRS.value());
        assertThat(view.custody()).extracting(CaseRecords.CustodyChange::kind)
                .containsExactly("FORWARDED", "DEEMED_ACCEPTED");
        assertThat(view.custody().get(1)).isEqualTo(new CaseRecords.CustodyChange(2, "DEEMED_ACCEPTED",
                HOLDER.value(), CIVIL_AFFAIRS.value(), null, FIRST_WINDOW_CLOSES_AT, RETURN_WINDOW_TIMER,
                FIRST_WINDOW_CLOSES_AT));
        assertThat(view.steps()).last().isEqualTo(new CaseStep(2, "DEEMED_ACCEPTED", FIRST_WINDOW_CLOSES_AT,
                DEEMED_RECORDED_AT, CIVIL_AFFAIRS.value(), "SYSTEM", RETURN_WINDOW_TIMER, null));
    }

    @Test
    void aPendingExtensionRequestIsListedAndARefusalKeepsTheDeadline() {
        feedSupervisedUpTo(3);
        assertThat(views.byId(anyCaseId()).orElseThrow().extensions()).containsExactly(
                new CaseRecords.Extension(1, 3, EXTENSION_REASON, CIVIL_AFFAIRS_OFFICER.value(), FIRST_REQUEST_AT,
                        "PENDING", null, null, null, null));

        feedSupervisedFromTo(4, 4);

        CaseView view = views.byId(anyCaseId()).orElseThrow();
        assertThat(view.extensions()).containsExactly(
                new CaseRecords.Extension(1, 3, EXTENSION_REASON, CIVIL_AFFAIRS_OFFICER.value(), FIRST_REQUEST_AT,
                        "REFUSED", SUPERVISOR.value(), FIRST_REFUSAL_AT, EXTENSION_REFUSAL, null));
        assertThat(view.deadline()).isEqualTo(DUE_AT);
        assertThat(view.steps()).extracting(CaseStep::kind).doesNotContain("EXTENDED");
    }

    @Test
    void anApprovedExtensionMovesTheDeadlineAndClearsTheWarningAndOverdueFlags() {
        feedSupervisedUpTo(11);

        CaseView view = views.byId(anyCaseId()).orElseThrow();
        assertThat(view.deadline()).isEqualTo(EXTENDED_DUE_AT);
        assertThat(view.deadlineProvisional()).isTrue();
        assertThat(view.calendarRevision()).isEqualTo(WeekdayCalendar.REVISION);
        assertThat(view.warned()).as("no warning yet for the new deadline").isFalse();
        assertThat(view.overdue()).isFalse();
        assertThat(view.alerts()).as("the earlier alerts stay on record").hasSize(3);
        assertThat(view.extensions()).extracting(CaseRecords.Extension::number, CaseRecords.Extension::outcome,
                        CaseRecords.Extension::newDeadline)
                .containsExactly(tuple(1, "REFUSED", null), tuple(2, "APPROVED", EXTENDED_DUE_AT));
        assertThat(view.steps()).last().isEqualTo(new CaseStep(11, "EXTENDED", SECOND_APPROVAL_AT,
                SECOND_APPROVAL_AT, CIVIL_AFFAIRS.value(), "STAFF", SUPERVISOR.value(), "3"));
    }

    @Test
    void anExtensionApprovedWhilePausedAddsToTheRemainingWorkingDays() {
        projection.on(caseReceived(), 0);
        projection.on(firstNotice(), 1);
        projection.on(extensionRequested(1, FIRST_REQUEST_AT), 2);
        projection.on(new ExtensionApproved(CASE_ID, 1, CIVIL_AFFAIRS, 3, null, 6, Actor.staff(SUPERVISOR),
                FIRST_REFUSAL_AT, FIRST_REFUSAL_AT), 3);

        CaseView view = views.byId(anyCaseId()).orElseThrow();
        assertThat(view.status()).isEqualTo(CaseStatus.PAUSED);
        assertThat(view.remainingWorkingDays()).isEqualTo(6);
        assertThat(view.deadline()).as("no new deadline while paused").isEqualTo(DUE_AT);
        assertThat(view.extensions()).singleElement().satisfies(x -> {
            assertThat(x.outcome()).isEqualTo("APPROVED");
            assertThat(x.newDeadline()).isNull();
        });
    }

    @Test
    void supervisionOrdersShowWhetherTheyAreOpenAnsweredOrOverdue() {
        feedSupervisedUpTo(7);
        assertThat(views.byId(anyCaseId()).orElseThrow().supervisionOrders()).containsExactly(
                new CaseRecords.SupervisionOrder(1, FIRST_ORDER_TEXT, FIRST_ORDER_DUE_AT, CIVIL_AFFAIRS.value(),
                        SUPERVISOR.value(), FIRST_ORDER_AT, "OPEN", null, null, null));

        feedSupervisedFromTo(8, 14);

        CaseView view = views.byId(anyCaseId()).orElseThrow();
        assertThat(view.supervisionOrders()).containsExactly(
                new CaseRecords.SupervisionOrder(1, FIRST_ORDER_TEXT, FIRST_ORDER_DUE_AT, CIVIL_AFFAIRS.value(),
                        SUPERVISOR.value(), FIRST_ORDER_AT, "ANSWERED", ORDER_ANSWER, CIVIL_AFFAIRS_OFFICER.value(),
                        ORDER_ANSWERED_AT),
                new CaseRecords.SupervisionOrder(2, SECOND_ORDER_TEXT, SECOND_ORDER_DUE_AT, CIVIL_AFFAIRS.value(),
                        SUPERVISOR.value(), SECOND_ORDER_AT, "OVERDUE", null, null, null));
    }

    @Test
    void urgesAndFindingsAreListedAsSupervisionActs() {
        feedSupervisedUpTo(15);

        CaseView view = views.byId(anyCaseId()).orElseThrow();
        assertThat(view.supervisionActs()).containsExactly(
                new CaseRecords.SupervisionAct("URGED", URGE_TEXT, CIVIL_AFFAIRS.value(), null, SUPERVISOR.value(),
                        URGED_AT),
                new CaseRecords.SupervisionAct("FINDING", FINDING_REASON, CIVIL_AFFAIRS.value(),
                        CIVIL_AFFAIRS_OFFICER.value(), SUPERVISOR.value(), FINDING_AT));
    }

    @Test
    void aFindingAgainstAUnitOnlyNamesNoStaffMember() {
        projection.on(caseReceived(), 0);
        projection.on(findingRecorded(1, null), 1);

        assertThat(views.byId(anyCaseId()).orElseThrow().supervisionActs()).singleElement()
                .satisfies(act -> assertThat(act.staff()).isNull());
    }

    @Test
    void aBadGradeShowsTheOpenRectificationAndItsSteps() {
        feedSupervisedUpTo(20);

        CaseView view = views.byId(anyCaseId()).orElseThrow();
        assertThat(view.status()).isEqualTo(CaseStatus.EVALUATED);
        assertThat(view.grade()).isEqualTo("DISSATISFIED");
        assertThat(view.evaluationComment()).isEqualTo(BAD_COMMENT);
        assertThat(view.rectifications()).containsExactly(new CaseRecords.Rectification(1, "DISSATISFIED",
                CIVIL_AFFAIRS.value(), RECTIFICATION_DUE_AT,
                List.of("VERIFIED: " + VERIFIED_TEXT, "RECTIFIED: " + RECTIFIED_TEXT), false, null));
        assertThat(view.steps()).extracting(CaseStep::kind).endsWith("COMPLETED", "EVALUATED",
                "RECTIFICATION_VERIFIED", "RECTIFICATION_RECTIFIED");
    }

    @Test
    void aRectificationRepliedLateIsMarkedOverdueAndTheRegradeReplacesTheGrade() {
        feedSupervisedUpTo(23);

        CaseView view = views.byId(anyCaseId()).orElseThrow();
        assertThat(view.grade()).as("figures use the latest grade").isEqualTo("SATISFIED");
        assertThat(view.evaluationComment()).isEqualTo(REGRADE_COMMENT);
        assertThat(view.evaluatedAt()).isEqualTo(REGRADED_AT);
        assertThat(view.status()).isEqualTo(CaseStatus.EVALUATED);
        assertThat(view.rectifications()).singleElement().satisfies(r -> {
            assertThat(r.grade()).as("the grade that opened it").isEqualTo("DISSATISFIED");
            assertThat(r.regrade()).isEqualTo("SATISFIED");
            assertThat(r.overdue()).isTrue();
            assertThat(r.steps()).containsExactly("VERIFIED: " + VERIFIED_TEXT, "RECTIFIED: " + RECTIFIED_TEXT,
                    "REPLIED: " + REPLIED_TEXT);
        });
        assertThat(view.steps()).last().extracting(CaseStep::sequence, CaseStep::kind, CaseStep::occurredAt,
                        CaseStep::unit, CaseStep::actorKind)
                .containsExactly(23L, "REGRADED", REGRADED_AT, null, "APPLICANT");
    }

    @Test
    void theApplicantsRegradeStepNamesNoActorIdLikeTheEvaluationStep() {
        feedSupervisedUpTo(23);

        CaseView view = views.byId(anyCaseId()).orElseThrow();
        assertThat(view.steps()).last().isEqualTo(new CaseStep(23, "REGRADED", REGRADED_AT, REGRADED_AT, null,
                "APPLICANT", null, "SATISFIED"));
    }

    @Test
    void aRevisedDeadlineMovesTheDeadlineInForce() {
        Deadline revised = new Deadline(Instant.parse("2025-03-11T16:00:00Z"), false, "cn-2007-2026-ff5b15db55ad");
        Instant at = Instant.parse("2025-03-04T02:00:00.250Z");
        projection.on(caseReceived(), 0);
        projection.on(new DeadlineRevised(CASE_ID, weekdays(DUE_AT), revised, revised.calendarRevision(),
                Actor.system("calendar-revision"), at, at), 1);

        CaseView view = views.byId(anyCaseId()).orElseThrow();
        assertThat(view.deadline()).isEqualTo(revised.dueAt());
        assertThat(view.deadlineProvisional()).isFalse();
        assertThat(view.calendarRevision()).isEqualTo("cn-2007-2026-ff5b15db55ad");
        assertThat(view.steps()).last().isEqualTo(new CaseStep(1, "DEADLINE_REVISED", at, at, HOLDER.value(),
                "SYSTEM", "calendar-revision", null));
    }

    @Test
    void aDeadlineMovedLaterAfterAWarningClearsTheYellowFlag() {
        Deadline moved = new Deadline(Instant.parse("2025-03-11T16:00:00Z"), false, "cn-2007-2026-ff5b15db55ad");
        projection.on(caseReceived(), 0);
        projection.on(caseWarned(DUE_AT, HOLDER), 1);
        projection.on(new DeadlineRevised(CASE_ID, weekdays(DUE_AT), moved, moved.calendarRevision(),
                Actor.system("calendar-revision"), WARNED_AT.plusSeconds(3600), WARNED_AT.plusSeconds(3600)), 2);

        assertThat(views.byId(anyCaseId()).orElseThrow().warned()).isFalse();
    }

    @Test
    void aDeadlineThatOnlyFirmsUpKeepsItsWarningAndOverdueFlags() {
        Deadline firm = new Deadline(DUE_AT, false, "cn-2007-2026-ff5b15db55ad");
        Instant at = DUE_AT.plusSeconds(7200);
        projection.on(caseReceived(), 0);
        projection.on(caseWarned(DUE_AT, HOLDER), 1);
        projection.on(caseBecameOverdue(DUE_AT, HOLDER), 2);
        projection.on(new DeadlineRevised(CASE_ID, weekdays(DUE_AT), firm, firm.calendarRevision(),
                Actor.system("calendar-revision"), at, at), 3);

        CaseView view = views.byId(anyCaseId()).orElseThrow();
        assertThat(view.deadline()).isEqualTo(DUE_AT);
        assertThat(view.deadlineProvisional()).isFalse();
        assertThat(view.warned()).as("the warning for the deadline in force was given").isTrue();
        assertThat(view.overdue()).as("the deadline in force has passed").isTrue();
    }

    @Test
    void replayingTheSupervisedLifeChangesNothing() {
        feedSupervisedUpTo(23);
        Document before = rawDocument();

        Clock later = Clock.fixed(PROJECTED_AT.plusSeconds(3600), ZoneOffset.UTC);
        CaseViewProjection replaying = new CaseViewProjection(views, vault, later);
        List<CaseEvent> life = supervisedLife();
        for (int sequence = 0; sequence < life.size(); sequence++) {
            deliver(replaying, life.get(sequence), sequence);
        }

        assertThat(rawDocument()).isEqualTo(before);
        CaseView view = views.byId(anyCaseId()).orElseThrow();
        assertThat(view.alerts()).hasSize(3);
        assertThat(view.extensions()).hasSize(2);
        assertThat(view.supervisionOrders()).hasSize(2);
        assertThat(view.supervisionActs()).hasSize(2);
        assertThat(view.rectifications()).hasSize(1);
        assertThat(view.rectifications().get(0).steps()).hasSize(3);
        assertThat(view.lastSequence()).isEqualTo(23);
        assertThat(view.updatedAt()).isEqualTo(PROJECTED_AT);
    }

    @Test
    void aRedeliveredWarningDoesNotTurnAnExtendedCaseYellowAgain() {
        feedSupervisedUpTo(11);

        projection.on(caseWarned(DUE_AT, CIVIL_AFFAIRS), 5);
        projection.on(caseBecameOverdue(DUE_AT, CIVIL_AFFAIRS), 8);
        projection.on(extensionRequested(1, FIRST_REQUEST_AT), 3);

        CaseView view = views.byId(anyCaseId()).orElseThrow();
        assertThat(view.warned()).isFalse();
        assertThat(view.overdue()).isFalse();
        assertThat(view.alerts()).hasSize(3);
        assertThat(view.extensions()).extracting(CaseRecords.Extension::outcome).containsExactly("REFUSED", "APPROVED");
    }

    private void feedSupervisedUpTo(int last) {
        feedSupervisedFromTo(0, last);
    }

    private void feedSupervisedFromTo(int first, int last) {
        List<CaseEvent> life = supervisedLife();
        for (int sequence = first; sequence <= last; sequence++) {
            deliver(projection, life.get(sequence), sequence);
        }
    }

    /** Feeds events 0 … {@code last} of {@link CaseFixtures#lifeWithCustodyAndNotices()}. */
    private static void feedLifeUpTo(CaseViewProjection target, int last) {
        feedLifeFromTo(target, 0, last);
    }

    private static void feedLifeFromTo(CaseViewProjection target, int first, int last) {
        List<CaseEvent> life = lifeWithCustodyAndNotices();
        for (int sequence = first; sequence <= last; sequence++) {
            deliver(target, life.get(sequence), sequence);
        }
    }

    /** Calls the projection's handler for the event's type, as its processing group would. */
    private static void deliver(CaseViewProjection target, CaseEvent event, long sequence) {
        if (event instanceof CaseReceived e) {
            target.on(e, sequence);
        } else if (event instanceof CaseForwarded e) {
            target.on(e, sequence);
        } else if (event instanceof CaseAccepted e) {
            target.on(e, sequence);
        } else if (event instanceof CaseReturned e) {
            target.on(e, sequence);
        } else if (event instanceof MissingMaterialsNotified e) {
            target.on(e, sequence);
        } else if (event instanceof OneTimeNoticeBreached e) {
            target.on(e, sequence);
        } else if (event instanceof OneTimeNoticeBreachJustified e) {
            target.on(e, sequence);
        } else if (event instanceof MaterialsSupplemented e) {
            target.on(e, sequence);
        } else if (event instanceof ApplicantNotifiedOfProgress e) {
            target.on(e, sequence);
        } else if (event instanceof ApplicantNotifiedOfResult e) {
            target.on(e, sequence);
        } else if (event instanceof CaseCompleted e) {
            target.on(e, sequence);
        } else if (event instanceof CaseEvaluated e) {
            target.on(e, sequence);
        } else if (event instanceof CaseReopened e) {
            target.on(e, sequence);
        } else if (event instanceof CaseWarned e) {
            target.on(e, sequence);
        } else if (event instanceof CaseBecameOverdue e) {
            target.on(e, sequence);
        } else if (event instanceof CaseEscalated e) {
            target.on(e, sequence);
        } else if (event instanceof CaseDeemedAccepted e) {
            target.on(e, sequence);
        } else if (event instanceof ExtensionRequested e) {
            target.on(e, sequence);
        } else if (event instanceof ExtensionApproved e) {
            target.on(e, sequence);
        } else if (event instanceof ExtensionRefused e) {
            target.on(e, sequence);
        } else if (event instanceof SupervisionOrderIssued e) {
            target.on(e, sequence);
        } else if (event instanceof SupervisionOrderAnswered e) {
            target.on(e, sequence);
        } else if (event instanceof SupervisionOrderOverdue e) {
            target.on(e, sequence);
        } else if (event instanceof CaseUrged e) {
            target.on(e, sequence);
        } else if (event instanceof AccountabilityFindingRecorded e) {
            target.on(e, sequence);
        } else if (event instanceof RectificationOpened e) {
            target.on(e, sequence);
        } else if (event instanceof RectificationProgressed e) {
            target.on(e, sequence);
        } else if (event instanceof RectificationOverdue e) {
            target.on(e, sequence);
        } else if (event instanceof CaseRegraded e) {
            target.on(e, sequence);
        } else if (event instanceof DeadlineRevised e) {
            target.on(e, sequence);
        } else {
            throw new IllegalArgumentException("no handler wired in this test for " + event.getClass());
        }
    }

    private static void feedTheWholeLife(CaseViewProjection target) {
        target.on(caseReceived(), RECEIVED_SEQUENCE);
        target.on(caseCompleted(), COMPLETED_SEQUENCE);
        target.on(caseEvaluated(), EVALUATED_SEQUENCE);
    }

    private Document rawDocument() {
        return mongo.findById(anyCaseId().value(), Document.class, CaseView.COLLECTION);
    }
}
