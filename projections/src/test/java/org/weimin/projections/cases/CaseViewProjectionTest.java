package org.weimin.projections.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.weimin.projections.cases.CaseFixtures.ADDRESS;
import static org.weimin.projections.cases.CaseFixtures.APPLICANT_KEY;
import static org.weimin.projections.cases.CaseFixtures.COMMENT;
import static org.weimin.projections.cases.CaseFixtures.COMPLETED_AT;
import static org.weimin.projections.cases.CaseFixtures.COMPLETED_SEQUENCE;
import static org.weimin.projections.cases.CaseFixtures.COMPLETING_OFFICER;
import static org.weimin.projections.cases.CaseFixtures.DESCRIPTION;
import static org.weimin.projections.cases.CaseFixtures.DUE_AT;
import static org.weimin.projections.cases.CaseFixtures.EVALUATED_AT;
import static org.weimin.projections.cases.CaseFixtures.EVALUATED_SEQUENCE;
import static org.weimin.projections.cases.CaseFixtures.HOLDER;
import static org.weimin.projections.cases.CaseFixtures.OFFICER;
import static org.weimin.projections.cases.CaseFixtures.OTHER_TRACKING_NUMBER;
import static org.weimin.projections.cases.CaseFixtures.PROJECTED_AT;
import static org.weimin.projections.cases.CaseFixtures.RECEIVED_AT;
import static org.weimin.projections.cases.CaseFixtures.RECEIVED_SEQUENCE;
import static org.weimin.projections.cases.CaseFixtures.RESULT_TEXT;
import static org.weimin.projections.cases.CaseFixtures.SUBJECT;
import static org.weimin.projections.cases.CaseFixtures.TRACKING_NUMBER;
import static org.weimin.projections.cases.CaseFixtures.VERIFICATION_CODE_HASH;
import static org.weimin.projections.cases.CaseFixtures.WINDOW;
import static org.weimin.projections.cases.CaseFixtures.anyCaseId;
import static org.weimin.projections.cases.CaseFixtures.caseCompleted;
import static org.weimin.projections.cases.CaseFixtures.caseEvaluated;
import static org.weimin.projections.cases.CaseFixtures.caseReceived;
import static org.weimin.projections.cases.CaseFixtures.caseReceivedWithNameOnly;
import static org.weimin.projections.cases.CaseFixtures.fixedClock;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.time.Clock;
import java.time.ZoneOffset;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.weimin.events.CaseId;
import org.weimin.events.cases.CaseStatus;

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

    private static void feedTheWholeLife(CaseViewProjection target) {
        target.on(caseReceived(), RECEIVED_SEQUENCE);
        target.on(caseCompleted(), COMPLETED_SEQUENCE);
        target.on(caseEvaluated(), EVALUATED_SEQUENCE);
    }

    private Document rawDocument() {
        return mongo.findById(anyCaseId().value(), Document.class, CaseView.COLLECTION);
    }
}
