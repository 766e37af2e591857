package org.weimin.projections.supervision;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.weimin.events.Actor;
import org.weimin.events.CaseId;
import org.weimin.events.StaffId;
import org.weimin.events.UnitId;
import org.weimin.events.calendar.Deadline;
import org.weimin.events.calendar.WeekdayCalendar;
import org.weimin.events.cases.CaseDeemedAccepted;
import org.weimin.events.cases.CaseEscalated;
import org.weimin.events.cases.ExtensionApproved;
import org.weimin.events.cases.ExtensionRefused;
import org.weimin.events.cases.ExtensionRequested;

/**
 * The supervisors' queues, fed events directly with their sequence numbers (as the processing group would) and read
 * through {@link SupervisorQueueProjection#queues}, over a real {@link MongoTemplate} on an in-memory MongoDB
 * wire-protocol server. The case: received at 甲街道便民服务中心 {@code S01-C}, forwarded to 区民政局 {@code D-MZJ}
 * (parent 区 {@code D01}), deemed accepted there (rules.md "Custody" example), then extension requests and an
 * escalation when it became overdue.
 */
class SupervisorQueueProjectionTest {

    static final CaseId CASE_ID = CaseId.of("51bc70bf-7116-4f75-a9c4-e06c17d2eb2b");
    static final CaseId OTHER_CASE = CaseId.of("0b7e3c51-9a2d-4f16-8c3e-5d4a2b1f6e90");
    static final UnitId CENTRE = UnitId.of("S01-C");
    static final UnitId STREET = UnitId.of("S01");
    static final UnitId CIVIL_AFFAIRS = UnitId.of("D-MZJ");
    static final UnitId DISTRICT = UnitId.of("D01");
    static final Actor OFFICER = Actor.staff(StaffId.of("wang.fang"));
    static final Actor SUPERVISOR = Actor.staff(StaffId.of("chen.jing"));

    static final Instant WINDOW_CLOSED_AT = Instant.parse("2025-03-05T16:00:00Z");
    static final Instant FIRST_REQUEST_AT = Instant.parse("2025-03-06T02:00:00Z");
    static final Instant SECOND_REQUEST_AT = Instant.parse("2025-03-07T02:00:00Z");
    static final Instant DECIDED_AT = Instant.parse("2025-03-07T06:30:00Z");
    static final Instant DUE_AT = Instant.parse("2025-03-10T16:00:00Z");
    static final String REASON = "需入户核查申请人家庭经济状况并在社区公示，申请延期3个工作日。";

    private MongoServer server;
    private MongoClient client;
    private MongoTemplate mongo;
    private SupervisorQueueProjection projection;

    @BeforeEach
    void startMongo() {
        server = new MongoServer(new MemoryBackend());
        client = MongoClients.create(server.bindAndGetConnectionString());
        mongo = new MongoTemplate(client, "weimin-test");
        projection = new SupervisorQueueProjection(mongo);
    }

    @AfterEach
    void stopMongo() {
        client.close();
        server.shutdownNow();
    }

    @Test
    void anEscalationIsAnEntryInTheQueueOfTheHoldersParentUnit() {
        projection.on(escalated(CIVIL_AFFAIRS, DISTRICT), 9);

        assertThat(projection.queues(List.of(DISTRICT.value()))).singleElement().satisfies(queue -> {
            assertThat(queue.unit()).isEqualTo("D01");
            assertThat(queue.entries()).containsExactly(new SupervisorQueue.Entry(CASE_ID.value(), 9, "ESCALATED",
                    "D-MZJ", DUE_AT, "overdue since 2025-03-10T16:00:00Z"));
        });
        assertThat(projection.queues(List.of(CIVIL_AFFAIRS.value()))).as("not the holder's own queue").isEmpty();
    }

    @Test
    void aDeemedAcceptanceIsAnEntryInTheQueueOfTheUnitThatNowHoldsTheCase() {
        projection.on(deemedAccepted(), 2);

        assertThat(projection.queues(List.of(CIVIL_AFFAIRS.value()))).singleElement()
                .satisfies(queue -> assertThat(queue.entries()).containsExactly(new SupervisorQueue.Entry(
                        CASE_ID.value(), 2, "DEEMED_ACCEPTED", "D-MZJ", WINDOW_CLOSED_AT,
                        "return window closed at 2025-03-05T16:00:00Z")));
    }

    @Test
    void anExtensionRequestWaitsInTheHoldersQueue() {
        projection.on(requested(CASE_ID, 1, CIVIL_AFFAIRS, FIRST_REQUEST_AT), 3);

        assertThat(entries(CIVIL_AFFAIRS)).containsExactly(new SupervisorQueue.Entry(CASE_ID.value(), 3,
                "EXTENSION_REQUESTED", "D-MZJ", FIRST_REQUEST_AT, "request 1: 3 working days"));
    }

    @Test
    void anApprovedRequestLeavesTheQueue() {
        projection.on(requested(CASE_ID, 1, CIVIL_AFFAIRS, FIRST_REQUEST_AT), 3);

        projection.on(approved(1, CIVIL_AFFAIRS));

        assertThat(entries(CIVIL_AFFAIRS)).isEmpty();
    }

    @Test
    void aRefusedRequestLeavesTheQueue() {
        projection.on(requested(CASE_ID, 1, CIVIL_AFFAIRS, FIRST_REQUEST_AT), 3);

        projection.on(refused(1, CIVIL_AFFAIRS));

        assertThat(entries(CIVIL_AFFAIRS)).isEmpty();
    }

    @Test
    void onlyTheDecidedRequestOfTheDecidedCaseLeavesTheQueue() {
        projection.on(deemedAccepted(), 2);
        projection.on(requested(CASE_ID, 1, CIVIL_AFFAIRS, FIRST_REQUEST_AT), 3);
        projection.on(requested(OTHER_CASE, 1, CIVIL_AFFAIRS, FIRST_REQUEST_AT), 5);
        projection.on(requested(CASE_ID, 10, CIVIL_AFFAIRS, SECOND_REQUEST_AT), 12);

        projection.on(refused(1, CIVIL_AFFAIRS));

        assertThat(entries(CIVIL_AFFAIRS)).extracting(SupervisorQueue.Entry::caseId, SupervisorQueue.Entry::kind,
                        SupervisorQueue.Entry::detail)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(CASE_ID.value(), "DEEMED_ACCEPTED",
                                "return window closed at 2025-03-05T16:00:00Z"),
                        org.assertj.core.groups.Tuple.tuple(OTHER_CASE.value(), "EXTENSION_REQUESTED",
                                "request 1: 3 working days"),
                        org.assertj.core.groups.Tuple.tuple(CASE_ID.value(), "EXTENSION_REQUESTED",
                                "request 10: 3 working days"));
    }

    @Test
    void aDecisionWithoutAQueueChangesNothing() {
        projection.on(approved(1, CIVIL_AFFAIRS));

        assertThat(projection.queues(List.of(CIVIL_AFFAIRS.value()))).isEmpty();
    }

    @Test
    void redeliveredEventsAddNoSecondEntry() {
        projection.on(deemedAccepted(), 2);
        projection.on(escalated(CIVIL_AFFAIRS, DISTRICT), 9);
        projection.on(requested(CASE_ID, 2, CIVIL_AFFAIRS, SECOND_REQUEST_AT), 10);

        projection.on(deemedAccepted(), 2);
        projection.on(escalated(CIVIL_AFFAIRS, DISTRICT), 9);
        projection.on(requested(CASE_ID, 2, CIVIL_AFFAIRS, SECOND_REQUEST_AT), 10);

        assertThat(entries(CIVIL_AFFAIRS)).extracting(SupervisorQueue.Entry::sequence).containsExactly(2L, 10L);
        assertThat(entries(DISTRICT)).extracting(SupervisorQueue.Entry::sequence).containsExactly(9L);
    }

    @Test
    void replayingTheWholeHistoryInOrderEndsInTheSameQueues() {
        feedHistory();
        List<SupervisorQueue> before = projection.queues(List.of(CIVIL_AFFAIRS.value(), DISTRICT.value()));

        feedHistory();

        List<SupervisorQueue> after = projection.queues(List.of(CIVIL_AFFAIRS.value(), DISTRICT.value()));
        assertThat(after).extracting(SupervisorQueue::unit).containsExactly("D-MZJ", "D01");
        for (int i = 0; i < after.size(); i++) {
            assertThat(after.get(i).entries()).isEqualTo(before.get(i).entries());
        }
        assertThat(after.get(0).entries()).extracting(SupervisorQueue.Entry::kind)
                .containsExactly("DEEMED_ACCEPTED", "EXTENSION_REQUESTED");
        assertThat(after.get(0).entries()).extracting(SupervisorQueue.Entry::detail)
                .contains("request 2: 3 working days");
        assertThat(after.get(1).entries()).extracting(SupervisorQueue.Entry::kind).containsExactly("ESCALATED");
    }

    @Test
    void aResetEmptiesTheQueuesAndTheReplayBuildsTheSameOnes() {
        feedHistory();
        List<SupervisorQueue> before = projection.queues(List.of(CIVIL_AFFAIRS.value(), DISTRICT.value()));

        projection.onReset();

        assertThat(projection.queues(List.of(CIVIL_AFFAIRS.value(), DISTRICT.value()))).isEmpty();
        feedHistory();
        List<SupervisorQueue> after = projection.queues(List.of(CIVIL_AFFAIRS.value(), DISTRICT.value()));
        assertThat(after).extracting(SupervisorQueue::unit).containsExactly("D-MZJ", "D01");
        for (int i = 0; i < after.size(); i++) {
            assertThat(after.get(i).entries()).isEqualTo(before.get(i).entries());
        }
    }

    @Test
    void aSupervisorsViewGathersTheQueuesOfTheGivenUnitsByKeyInTheirOrder() {
        feedHistory();
        projection.on(escalated(CENTRE, STREET), 20);

        List<SupervisorQueue> queues = projection.queues(
                List.of(DISTRICT.value(), "D02", STREET.value(), CIVIL_AFFAIRS.value(), CENTRE.value()));

        assertThat(queues).as("units without a queue are left out").extracting(SupervisorQueue::unit)
                .containsExactly("D01", "S01", "D-MZJ");
        assertThat(projection.queues(List.of())).isEmpty();
        assertThat(projection.queues(List.of("D02"))).isEmpty();
    }

    @Test
    void aRequestDecidedAfterTheCaseMovedLeavesTheQueueItWasAddedTo() {
        projection.on(requested(CASE_ID, 1, CENTRE, FIRST_REQUEST_AT), 1);

        projection.on(approved(1, CIVIL_AFFAIRS));

        assertThat(entries(CENTRE)).isEmpty();
    }

    @Test
    void aRedeliveredRequestDoesNotReopenADecidedOne() {
        projection.on(requested(CASE_ID, 1, CIVIL_AFFAIRS, FIRST_REQUEST_AT), 3);
        projection.on(refused(1, CIVIL_AFFAIRS));

        projection.on(requested(CASE_ID, 1, CIVIL_AFFAIRS, FIRST_REQUEST_AT), 3);

        assertThat(entries(CIVIL_AFFAIRS)).isEmpty();
    }

    /** deemed accepted (2), request 1 (3), refused (4), escalated (9), request 2 (10). */
    private void feedHistory() {
        projection.on(deemedAccepted(), 2);
        projection.on(requested(CASE_ID, 1, CIVIL_AFFAIRS, FIRST_REQUEST_AT), 3);
        projection.on(refused(1, CIVIL_AFFAIRS));
        projection.on(escalated(CIVIL_AFFAIRS, DISTRICT), 9);
        projection.on(requested(CASE_ID, 2, CIVIL_AFFAIRS, SECOND_REQUEST_AT), 10);
    }

    private List<SupervisorQueue.Entry> entries(UnitId unit) {
        return projection.queues(List.of(unit.value())).stream().flatMap(q -> q.entries().stream()).toList();
    }

    private static CaseDeemedAccepted deemedAccepted() {
        return new CaseDeemedAccepted(CASE_ID, CIVIL_AFFAIRS, WINDOW_CLOSED_AT, Actor.system("case-return-window"),
                WINDOW_CLOSED_AT, WINDOW_CLOSED_AT.plusMillis(318));
    }

    private static CaseEscalated escalated(UnitId holder, UnitId toUnit) {
        return new CaseEscalated(CASE_ID, holder, toUnit, "overdue since " + DUE_AT, Actor.system("case-overdue"),
                DUE_AT, DUE_AT.plusMillis(1205));
    }

    private static ExtensionRequested requested(CaseId caseId, int number, UnitId holder, Instant at) {
        return new ExtensionRequested(caseId, number, 3, REASON, holder, OFFICER, at, at);
    }

    private static ExtensionApproved approved(int number, UnitId holder) {
        return new ExtensionApproved(CASE_ID, number, holder, 3,
                new Deadline(Instant.parse("2025-03-13T16:00:00Z"), true, WeekdayCalendar.REVISION), null,
                SUPERVISOR, DECIDED_AT, DECIDED_AT);
    }

    private static ExtensionRefused refused(int number, UnitId holder) {
        return new ExtensionRefused(CASE_ID, number, holder, "延期理由不充分，入户核查可在现有时限内完成。", SUPERVISOR,
                DECIDED_AT, DECIDED_AT);
    }
}
