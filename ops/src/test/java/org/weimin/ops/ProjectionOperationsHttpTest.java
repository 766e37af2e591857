package org.weimin.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.weimin.events.CaseId;
import org.weimin.projections.cases.CaseView;
import org.weimin.projections.cases.CaseViewStore;
import org.weimin.projections.cases.CaseViews;

/**
 * Projection operations over HTTP ({@code /api/admin/projections/...}): dead letters of the case-view group (a fault
 * injected into its store parks one case while the others flow; a retry after the fault is gone applies the parked
 * events once; nothing of the applicant's text reaches the dead-letter table), a rebuild of case-view (same documents,
 * events appended during it are processed), an outage of the store (nothing parked: the processor retries), the
 * status's lag and dead-letter figures, and the refusals (409 for the
 * side-effecting calendar-revision and the subscribing case-directory, 404 for an unknown group, 403 for staff).
 *
 * <p>The fault and the pause come from {@link FaultyCaseViewStore}, the test's primary {@link CaseViewStore}: it fails
 * to save the view of a case whose subject carries a marker, and can hold the processor on one case's next save.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class ProjectionOperationsHttpTest extends HttpTestSupport {
    private static final String PROJECTIONS = "/api/admin/projections";
    private static final String CASE_VIEW = "case-view";

    @TempDir
    static Path dataDir;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("weimin.data-dir", () -> dataDir.toString());
        registry.add("weimin.clock.fixed", () -> "2025-03-04T02:00:00Z"); // Tue 10:00 Beijing
    }

    @TestConfiguration
    static class Faults {
        @Bean
        @Primary
        FaultyCaseViewStore faultyCaseViewStore(CaseViews views) {
            return new FaultyCaseViewStore(views);
        }
    }

    @Autowired
    FaultyCaseViewStore store;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    MongoOperations mongo;

    private String admin;
    private String window;

    @BeforeEach
    void login() {
        admin = token("admin", "demo-admin");
        window = token("jjd-window", "demo-window");
    }

    @Test
    void aFailingCaseIsParkedWhileOthersFlowAndARetryAfterTheFixAppliesItOnce() {
        String marker = "FAULT-" + UUID.randomUUID();
        String privateText = marker + " 申请人王秘密家中变故";
        store.failSubjectsContaining(marker);

        String failing = receive(privateText);
        long noticeSequence = ok(post(path(failing, "progress-notices"), window,
                Map.of("channel", "PHONE", "text", "材料已收到"))).get("sequence").asLong();
        String healthy = receive("正常办理");
        staffView(healthy, window, 0);
        long afterHealthy = ok(post(path(healthy, "progress-notices"), window,
                Map.of("channel", "PHONE", "text", "正在审核"))).get("sequence").asLong();
        assertThat(staffView(healthy, window, afterHealthy).get("sequence").asLong())
                .as("the other case flows on").isEqualTo(afterHealthy);

        JsonNode letters = awaitDeadLetters(2);
        assertThat(letters.get("sequences").asLong()).isEqualTo(1);
        List<String> types = new ArrayList<>();
        letters.get("letters").forEach(letter -> {
            types.add(letter.get("eventType").asText());
            assertThat(letter.get("caseId").asText()).isEqualTo(failing);
            assertThat(letter.get("sequenceId").asText()).isEqualTo(failing);
            assertThat(letter.get("globalIndex").asLong()).isPositive();
            assertThat(letter.get("enqueuedAt").asText()).isNotBlank();
        });
        assertThat(types).containsExactly("CaseReceived", "ApplicantNotifiedOfProgress");
        JsonNode first = letters.get("letters").get(0);
        assertThat(first.get("caseSequence").asLong()).isZero();
        assertThat(first.get("causeType").asText()).isEqualTo(IllegalStateException.class.getName());
        assertThat(first.get("causeMessage").asText()).contains("IllegalStateException", "FaultyCaseViewStore.save")
                .doesNotContain(marker).doesNotContain("王秘密");
        assertThat(first.get("diagnostics").get("attempts").asLong()).isEqualTo(1);
        assertThat(letters.get("letters").get(1).get("causeType").isNull())
                .as("parked behind the first, not failed itself").isTrue();
        assertThat(get("/api/cases/" + failing, window).getStatusCode().value())
                .as("the parked case has no view yet").isEqualTo(404);
        assertNoPlaintextInDeadLetterTable(marker, "王秘密", "李时限");

        JsonNode caseView = caseViewStatus();
        assertThat(caseView.get("deadLetters").asLong()).isEqualTo(2);
        assertThat(caseView.get("deadLetterSequences").asLong()).isEqualTo(1);
        assertThat(caseView.get("kind").asText()).isEqualTo("tracking");
        assertThat(caseView.get("error").asBoolean()).as("a parked case is no processor error").isFalse();

        JsonNode stillFailing = ok(post(PROJECTIONS + "/case-view/dead-letters/retry", admin, Map.of()));
        assertThat(stillFailing.get("attempted").asInt()).isEqualTo(1);
        assertThat(stillFailing.get("succeeded").asInt()).isZero();
        assertThat(stillFailing.get("remainingSequences").asLong()).isEqualTo(1);
        assertThat(stillFailing.get("remainingLetters").asLong()).isEqualTo(2);
        assertThat(ok(get(PROJECTIONS + "/case-view/dead-letters", admin)).get("letters").get(0)
                .get("diagnostics").get("attempts").asLong()).isEqualTo(2);

        store.heal();
        JsonNode retried = ok(post(PROJECTIONS + "/case-view/dead-letters/retry", admin, Map.of()));
        assertThat(retried.get("succeeded").asInt()).isEqualTo(1);
        assertThat(retried.get("remainingSequences").asLong()).isZero();
        assertThat(retried.get("remainingLetters").asLong()).isZero();

        JsonNode view = staffView(failing, window, noticeSequence);
        assertThat(kinds(view.get("steps"))).containsExactly("RECEIVED", "PROGRESS_NOTIFIED");
        assertThat(store.saves(failing)).as("each parked event applied exactly once").isEqualTo(2);
        assertThat(ok(get(PROJECTIONS + "/case-view/dead-letters", admin)).get("letters")).isEmpty();
        assertThat(caseViewStatus().get("deadLetters").asLong()).isZero();

        long later = ok(post(path(failing, "progress-notices"), window,
                Map.of("channel", "SMS", "text", "即将办结"))).get("sequence").asLong();
        assertThat(staffView(failing, window, later).get("sequence").asLong())
                .as("the case flows again after the retry").isEqualTo(later);
    }

    @Test
    void anUnreachableStoreParksNothingTheProcessorRetriesUntilItIsBack() {
        String marker = "OUTAGE-" + UUID.randomUUID();
        store.outageForSubjectsContaining(marker);
        long parkedBefore = caseViewStatus().get("deadLetters").asLong();

        String id = receive(marker + " 停电期间受理");
        JsonNode[] status = new JsonNode[1];
        await("case-view in error").atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50)).until(() -> {
            status[0] = caseViewStatus();
            return status[0].get("error").asBoolean();
        });
        assertThat(status[0].get("lastError").get("type").asText())
                .isEqualTo(org.springframework.dao.DataAccessResourceFailureException.class.getName());
        assertThat(status[0].get("lastError").get("message").asText()).doesNotContain(marker);
        assertThat(status[0].get("deadLetters").asLong()).as("nothing parked").isEqualTo(parkedBefore);

        store.heal();
        assertThat(staffView(id, window, 0).get("caseId").asText()).isEqualTo(id);
        await("case-view out of error").atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50))
                .until(() -> !caseViewStatus().get("error").asBoolean());
        assertThat(caseViewStatus().get("deadLetters").asLong()).isEqualTo(parkedBefore);
    }

    @Test
    void rebuildingTheCaseViewGivesTheSameDocumentsAndProcessesEventsArrivingMeanwhile() throws Exception {
        List<String> cases = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String id = receive("重建测试 " + i);
            long sequence = ok(post(path(id, "progress-notices"), window,
                    Map.of("channel", "PHONE", "text", "进度 " + i))).get("sequence").asLong();
            staffView(id, window, sequence);
            cases.add(id);
        }
        ok(post(path(cases.get(2), "completion"), window, Map.of("result", "GRANTED", "resultText", "已办结")));
        staffView(cases.get(2), window, 2);
        await("case-view caught up").atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50))
                .until(() -> caseViewStatus().path("lagEvents").asLong(-1) == 0);
        assertThat(caseViewStatus().get("lagSeconds").asDouble()).isZero();
        Map<String, Document> before = caseDocuments();
        assertThat(before).containsKeys(cases.toArray(String[]::new));

        CountDownLatch release = store.holdNextSaveOf(cases.get(1));
        ResponseEntity<JsonNode> started = post(PROJECTIONS + "/case-view/rebuild", admin, Map.of());
        assertThat(started.getStatusCode().value()).as("%s", started.getBody()).isEqualTo(202);
        assertThat(started.getHeaders().getLocation()).hasToString("/api/admin/projections/case-view/rebuild");
        assertThat(started.getBody().get("startedAt").asText()).isEqualTo("2025-03-04T02:00:00Z");
        long total = started.getBody().get("total").asLong();
        assertThat(total).isGreaterThanOrEqualTo(7);
        try {
            assertThat(store.awaitHeld()).as("the replay reached the held case").isTrue();
            assertProblem(post(PROJECTIONS + "/case-view/rebuild", admin, Map.of()), 409, "REBUILD_IN_PROGRESS");

            String arrived = receive("重建期间受理");
            JsonNode running = ok(get(PROJECTIONS + "/case-view/rebuild", admin));
            assertThat(running.get("state").asText()).isEqualTo("RUNNING");
            assertThat(running.get("done").asBoolean()).isFalse();
            assertThat(running.get("processed").asLong()).isLessThan(total);
            assertThat(running.get("total").asLong()).isEqualTo(total);
            JsonNode status = caseViewStatus();
            assertThat(status.get("replaying").asBoolean()).isTrue();
            assertThat(status.get("replayProgress").asDouble()).isBetween(0.0, 0.99);
            assertThat(status.get("lagEvents").asLong()).isPositive();
            assertThat(status.get("lagSeconds").asDouble()).isPositive();

            release.countDown();
            JsonNode[] finished = new JsonNode[1];
            await("rebuild done").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).until(() -> {
                finished[0] = ok(get(PROJECTIONS + "/case-view/rebuild", admin));
                return finished[0].get("done").asBoolean();
            });
            assertThat(finished[0].get("state").asText()).isEqualTo("DONE");
            assertThat(finished[0].get("processed").asLong()).isEqualTo(total);
            assertThat(finished[0].get("eventsPerSecond").asDouble()).isPositive();
            assertThat(finished[0].get("finishedAt").asText()).isEqualTo("2025-03-04T02:00:00Z");

            assertThat(staffView(arrived, window, 0).get("caseId").asText())
                    .as("an event appended during the rebuild is processed after it").isEqualTo(arrived);
        } finally {
            release.countDown();
        }
        Map<String, Document> after = caseDocuments();
        for (Map.Entry<String, Document> document : before.entrySet()) {
            assertThat(after.get(document.getKey())).as("document of %s", document.getKey())
                    .isEqualTo(document.getValue());
        }
        await("replaying ends").atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50))
                .until(() -> !caseViewStatus().get("replaying").asBoolean());
    }

    @Test
    void aRebuildOfAGroupThatReceivesNoNewEventFinishes() {
        String id = receive("安静的重建");
        staffView(id, window, 0);
        await("supervisor-queue caught up").atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50))
                .until(() -> status("supervisor-queue").path("lagEvents").asLong(-1) == 0);
        assertThat(ok(get(PROJECTIONS + "/supervisor-queue/rebuild", admin)).get("state").asText())
                .isIn("NOT_STARTED", "DONE");

        JsonNode started = ok(post(PROJECTIONS + "/supervisor-queue/rebuild", admin, Map.of()));
        assertThat(started.get("group").asText()).isEqualTo("supervisor-queue");

        JsonNode[] finished = new JsonNode[1];
        await("quiet rebuild done").atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50)).until(() -> {
            finished[0] = ok(get(PROJECTIONS + "/supervisor-queue/rebuild", admin));
            return finished[0].get("done").asBoolean();
        });
        assertThat(finished[0].get("processed").asLong()).isEqualTo(finished[0].get("total").asLong())
                .isEqualTo(started.get("total").asLong()).isPositive();
        JsonNode progress = status("supervisor-queue").get("replayProgress");
        assertThat(progress.isNull() || progress.asDouble() == 1.0).as("replay progress %s", progress).isTrue();
    }

    @Test
    void theStatusListsEveryGroupWithItsPositionLagAndDeadLetterQueue() {
        String id = receive("状态");
        staffView(id, window, 0);
        JsonNode status = ok(get(PROJECTIONS, admin));
        Map<String, JsonNode> byName = new TreeMap<>();
        status.forEach(processor -> byName.put(processor.get("name").asText(), processor));
        assertThat(byName).containsKeys("case-view", "supervisor-queue", "calendar-revision", "case-directory");
        JsonNode caseView = byName.get("case-view");
        assertThat(caseView.get("running").asBoolean()).isTrue();
        assertThat(caseView.get("headIndex").asLong()).isPositive();
        assertThat(caseView.get("position").asLong()).isLessThanOrEqualTo(caseView.get("headIndex").asLong());
        assertThat(caseView.get("lagEvents").asLong()).isGreaterThanOrEqualTo(0);
        assertThat(caseView.get("deadLetters").isNumber()).isTrue();
        assertThat(caseView.get("positions").size()).as("two segments").isEqualTo(2);
        assertThat(byName.get("supervisor-queue").get("deadLetters").isNumber()).isTrue();
        assertThat(byName.get("calendar-revision").get("deadLetters").isNull()).as("no queue").isTrue();
        assertThat(byName.get("case-directory").get("kind").asText()).isEqualTo("subscribing");
        assertThat(byName.get("case-directory").get("lagEvents").isNull()).isTrue();
    }

    @Test
    void sideEffectingAndSubscribingGroupsCannotBeRebuilt() {
        assertProblem(post(PROJECTIONS + "/calendar-revision/rebuild", admin, Map.of()), 409, "REBUILD_NOT_ALLOWED");
        assertProblem(get(PROJECTIONS + "/calendar-revision/rebuild", admin), 409, "REBUILD_NOT_ALLOWED");
        assertProblem(post(PROJECTIONS + "/case-directory/rebuild", admin, Map.of()), 409, "REBUILD_NOT_ALLOWED");
        assertProblem(get(PROJECTIONS + "/calendar-revision/dead-letters", admin), 409, "NO_DEAD_LETTER_QUEUE");
        assertProblem(post(PROJECTIONS + "/calendar-revision/dead-letters/retry", admin, Map.of()), 409,
                "NO_DEAD_LETTER_QUEUE");
        assertThat(ok(get(PROJECTIONS, admin)).findValuesAsText("name")).contains("calendar-revision");
    }

    @Test
    void anUnknownGroupIsNotFound() {
        for (String path : List.of("/case-search/rebuild", "/nonesuch/dead-letters")) {
            assertProblem(get(PROJECTIONS + path, admin), 404, "PROCESSING_GROUP_NOT_FOUND");
        }
        assertProblem(post(PROJECTIONS + "/case-search/rebuild", admin, Map.of()), 404, "PROCESSING_GROUP_NOT_FOUND");
        assertProblem(post(PROJECTIONS + "/nonesuch/dead-letters/retry", admin, Map.of()), 404,
                "PROCESSING_GROUP_NOT_FOUND");
    }

    @Test
    void onlyAnAdministratorMayOperateProjections() {
        String supervisor = token("sfq-supervisor", "demo-supervisor");
        for (String token : List.of(window, supervisor)) {
            assertProblem(get(PROJECTIONS, token), 403, "FORBIDDEN");
            assertProblem(get(PROJECTIONS + "/case-view/dead-letters", token), 403, "FORBIDDEN");
            assertProblem(post(PROJECTIONS + "/case-view/dead-letters/retry", token, Map.of()), 403, "FORBIDDEN");
            assertProblem(post(PROJECTIONS + "/case-view/rebuild", token, Map.of()), 403, "FORBIDDEN");
            assertProblem(get(PROJECTIONS + "/case-view/rebuild", token), 403, "FORBIDDEN");
        }
        assertProblem(post(PROJECTIONS + "/case-view/rebuild", null, Map.of()), 401, "AUTHENTICATION_REQUIRED");
    }

    private String receive(String subject) {
        Map<String, Object> body = receiveBody("RS-001");
        body.put("subject", subject);
        return ok(post("/api/cases", window, body)).get("caseId").asText();
    }

    private JsonNode awaitDeadLetters(int letters) {
        JsonNode[] list = new JsonNode[1];
        await(letters + " dead letters").atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50))
                .until(() -> {
                    list[0] = ok(get(PROJECTIONS + "/case-view/dead-letters", admin));
                    return list[0].get("deadLetters").asInt() == letters;
                });
        return list[0];
    }

    private JsonNode caseViewStatus() {
        return status(CASE_VIEW);
    }

    private JsonNode status(String group) {
        for (JsonNode processor : ok(get(PROJECTIONS, admin))) {
            if (group.equals(processor.path("name").asText())) {
                return processor;
            }
        }
        throw new AssertionError("no processor " + group);
    }

    private Map<String, Document> caseDocuments() {
        Map<String, Document> documents = new TreeMap<>();
        mongo.findAll(Document.class, CaseView.COLLECTION)
                .forEach(document -> documents.put(document.get("_id").toString(), document));
        return documents;
    }

    /** Every stored column of every dead letter, as text: none may hold the applicant's data in clear. */
    private void assertNoPlaintextInDeadLetterTable(String... plaintexts) {
        List<String> rows = jdbc.query("SELECT * FROM DeadLetterEntry", (rs, n) -> {
            StringBuilder row = new StringBuilder();
            for (int column = 1; column <= rs.getMetaData().getColumnCount(); column++) {
                byte[] bytes = rs.getBytes(column);
                row.append(bytes == null ? "" : new String(bytes, StandardCharsets.UTF_8)).append('|');
            }
            return row.toString();
        });
        assertThat(rows).hasSize(2);
        for (String row : rows) {
            assertThat(row).containsAnyOf("CaseReceived", "ApplicantNotifiedOfProgress");
            for (String plaintext : plaintexts) {
                assertThat(row).doesNotContain(plaintext);
            }
        }
    }

    /**
     * The case-view group's store in this test: the real one ({@link CaseViews}), except that it refuses to save the
     * view of a case whose subject contains a marker (with the subject in the exception message, as a careless store
     * error might), and can hold the processor on one case's next save until released.
     */
    static final class FaultyCaseViewStore implements CaseViewStore {
        private final CaseViews delegate;
        private final Set<String> failingMarkers = ConcurrentHashMap.newKeySet();
        private final Set<String> outageMarkers = ConcurrentHashMap.newKeySet();
        private final Map<String, AtomicInteger> saves = new ConcurrentHashMap<>();
        private volatile String heldCase;
        private volatile CountDownLatch release = new CountDownLatch(0);
        private volatile CountDownLatch held = new CountDownLatch(0);

        FaultyCaseViewStore(CaseViews delegate) {
            this.delegate = delegate;
        }

        void failSubjectsContaining(String marker) {
            failingMarkers.add(marker);
        }

        /** Saves of such cases fail as an unreachable store would, until {@link #heal()}. */
        void outageForSubjectsContaining(String marker) {
            outageMarkers.add(marker);
        }

        void heal() {
            failingMarkers.clear();
            outageMarkers.clear();
        }

        int saves(String caseId) {
            AtomicInteger count = saves.get(caseId);
            return count == null ? 0 : count.get();
        }

        /** The next save of {@code caseId} waits (at most 30 s) until the returned latch is counted down. */
        CountDownLatch holdNextSaveOf(String caseId) {
            release = new CountDownLatch(1);
            held = new CountDownLatch(1);
            heldCase = caseId;
            return release;
        }

        boolean awaitHeld() throws InterruptedException {
            return held.await(30, TimeUnit.SECONDS);
        }

        @Override
        public Optional<CaseView> byId(CaseId caseId) {
            return delegate.byId(caseId);
        }

        @Override
        public void save(CaseView view) {
            if (view.caseId().equals(heldCase)) {
                heldCase = null;
                held.countDown();
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            String subject = view.subject() == null ? "" : view.subject();
            if (outageMarkers.stream().anyMatch(subject::contains)) {
                throw new org.springframework.dao.DataAccessResourceFailureException("read-model store unreachable");
            }
            if (failingMarkers.stream().anyMatch(subject::contains)) {
                throw new IllegalStateException("cannot store the view of case " + view.caseId() + " about '"
                        + subject + "'");
            }
            delegate.save(view);
            saves.computeIfAbsent(view.caseId(), id -> new AtomicInteger()).incrementAndGet();
        }

        @Override
        public void clear() {
            delegate.clear();
        }
    }
}
