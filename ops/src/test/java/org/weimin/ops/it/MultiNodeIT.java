package org.weimin.ops.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

/**
 * Two service nodes of the packaged application on one {@code store} process (issue 8 "Several nodes"; README
 * "Running on more than one machine"), both started with {@code --weimin.store.address} only (and one data directory
 * for the shared secrets). With the build's Elasticsearch, the store is first made an <em>old</em> one for
 * {@code case-search}: its token rows hold that group with one segment, as every store made before the group had two
 * (Axon then keeps one; the segment balancer splits it at run time). In order:
 * <ol>
 *   <li>the {@code case-view} and {@code case-search} groups' two segments each are split, one per node, and each
 *       node's receipts are read on the other, cases of both segments (so both nodes' projections) among them; the
 *       two nodes share one search index;</li>
 *   <li>an {@code Idempotency-Key} retry that lands on the other node gets the original reply and appends nothing;</li>
 *   <li>a calendar year loaded on one node is in force on the other within seconds (the follower);</li>
 *   <li>timers already due (historical imports) fire exactly once across the two nodes;</li>
 *   <li>50 concurrent writers, 25 per node, send progress notices, about 50 per case (1,000 to 20 cases in CI; the
 *       issue's 10,000 to 200 cases with {@code -Dweimin.it.multinode.commands=10000}, several minutes here), each with
 *       an {@code Idempotency-Key} and retried with it when the client times out: every final
 *       reply is a success or the
 *       retryable 409 {@code CONCURRENT_MODIFICATION}, there are conflicts, each success is exactly one event, and each
 *       case's sequence numbers run 0..n without a gap or a repeat;</li>
 *   <li>node B is killed ({@code kill -9}): node A claims B's segments of both groups within seconds and projects
 *       new cases of both segments; the consistency check then finds every case's read model and (with the build's
 *       Elasticsearch) search document matching its events, and as many search documents as cases.</li>
 * </ol>
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MultiNodeIT {
    private static final String EVENTS = "org.weimin.events.cases.";
    private static final Duration WITHIN = Duration.ofSeconds(45);
    /** The two processing groups with two segments split between the nodes. */
    private static final List<String> SPLIT_GROUPS = List.of("case-view", "case-search");
    private static final boolean WITH_SEARCH =
            !System.getProperty("weimin.test.elasticsearch.url", "").isBlank();

    private StoreProcess store;
    private AppProcess nodeA;
    private AppProcess nodeB;
    private Api apiA;
    private Api apiB;

    @BeforeAll
    void startStoreAndTwoNodes() {
        EventStoreFile.preload();
        store = StoreProcess.start(AppProcess.freshDir("multinode-store"));
        if (WITH_SEARCH) {
            caseSearchWithOneSegment();
        }
        Path nodeData = AppProcess.freshDir("multinode-nodes");
        String address = "--weimin.store.address=" + store.address();
        // One search index for both nodes (AppProcess gives each process an index of its own otherwise).
        String index = "--weimin.search.index-prefix=it-multinode-" + System.nanoTime();
        nodeA = AppProcess.start("node-a", nodeData, address, index, "--spring.profiles.active=loadtest");
        nodeB = AppProcess.start("node-b", nodeData, address, index, "--spring.profiles.active=loadtest");
        apiA = new Api(nodeA::baseUrl);
        apiB = new Api(nodeB::baseUrl);
    }

    @AfterAll
    void stopAll() {
        if (nodeB != null) {
            nodeB.stop();
        }
        if (nodeA != null) {
            nodeA.stop();
        }
        if (store != null) {
            assertThat(store.stop()).as("the store stops cleanly on SIGTERM").isTrue();
            assertThat(store.pidFile()).doesNotExist();
        }
    }

    @Test
    @Order(1)
    void eachNodeProcessesPartOfTheStream() throws Exception {
        Api.Session adminA = apiA.session("admin", "demo-admin");
        Api.Session adminB = apiB.session("admin", "demo-admin");
        for (String group : groupsSplit()) {
            await(group + " split: one segment on each node").atMost(WITHIN).pollInterval(Duration.ofMillis(500))
                    .untilAsserted(() -> {
                        assertThat(segmentsHeld(adminA, group)).hasSize(1);
                        assertThat(segmentsHeld(adminB, group)).hasSize(1);
                    });
            assertThat(segmentsHeld(adminA, group)).doesNotContainAnyElementsOf(segmentsHeld(adminB, group));
        }

        Api.Session windowA = apiA.session("jjd-window", "demo-window");
        Api.Session windowB = apiB.session("jjd-window", "demo-window");
        List<String> cases = receiveInBothSegments(windowA, windowB, 6, "欧阳多节");
        if (WITH_SEARCH) {
            assertThat(count("SELECT COUNT(*) FROM TokenEntry WHERE processorName = 'case-search'"))
                    .as("case-search's one segment split into two").isEqualTo(2);
        }
        await("every case readable on both nodes").atMost(WITHIN).pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> {
                    for (String id : cases) {
                        assertThat(windowA.getUnchecked("/api/cases/" + id).status()).isEqualTo(200);
                        assertThat(windowB.getUnchecked("/api/cases/" + id).status()).isEqualTo(200);
                    }
                });
    }

    @Test
    @Order(2)
    void anIdempotentRetryOnTheOtherNodeReturnsTheOriginalReply() throws Exception {
        Api.Session windowA = apiA.session("jjd-window", "demo-window");
        Api.Session windowB = apiB.session("jjd-window", "demo-window");
        long before = count("SELECT COUNT(*) FROM DomainEventEntry WHERE payloadType = ?", EventStoreFile.CASE_RECEIVED);
        Map<String, String> key = Map.of("Idempotency-Key", "multinode-retry-0001");
        Map<String, Object> body = TestData.receiveBody("上官重试");
        Api.Reply first = windowA.post("/api/cases", body, key);
        assertThat(first.status()).as("first %s", first).isEqualTo(201);
        Api.Reply retry = windowB.post("/api/cases", body, key);
        assertThat(retry.status()).isEqualTo(201);
        assertThat(retry.body()).isEqualTo(first.body());
        assertThat(count("SELECT COUNT(*) FROM DomainEventEntry WHERE payloadType = ?", EventStoreFile.CASE_RECEIVED))
                .isEqualTo(before + 1);
    }

    @Test
    @Order(3)
    void aCalendarYearLoadedOnOneNodeIsInForceOnTheOther() throws Exception {
        Api.Session adminA = apiA.session("admin", "demo-admin");
        Api.Session adminB = apiB.session("admin", "demo-admin");
        String before = adminB.get("/api/admin/calendar").text("/revision");
        Api.Reply loaded = adminA.post("/api/admin/calendar/years/2027", Map.of("notice", "multi-node test notice",
                "days", List.of(Map.of("date", "2027-01-01", "kind", "HOLIDAY", "name", "元旦"))));
        assertThat(loaded.status()).as("load %s", loaded).isBetween(200, 201);
        String after = adminA.get("/api/admin/calendar").text("/revision");
        assertThat(after).isNotEqualTo(before);
        await("node B follows the calendar").atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> assertThat(adminB.getUnchecked("/api/admin/calendar").text("/revision"))
                        .isEqualTo(after));
    }

    @Test
    @Order(4)
    void dueTimersFireOnceAcrossNodes() throws Exception {
        Api.Session importerA = apiA.session("importer", "demo-importer");
        Api.Session importerB = apiB.session("importer", "demo-importer");
        List<String> cases = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            Map<String, Object> row = new HashMap<>();
            row.put("source", "multinode-test");
            row.put("rowId", "row-" + i);
            row.put("receivedAt", "2025-03-03T02:00:00Z");
            row.put("window", "SFQ-ZX-W90");
            row.put("serviceItem", "XF-001");
            row.put("channel", "ONLINE");
            row.put("subject", "多节点计时" + i);
            row.put("description", "历史留言，仍在办理");
            Api.Reply imported = (i % 2 == 0 ? importerA : importerB).post("/api/import/cases", row);
            assertThat(imported.status()).as("import %s", imported).isEqualTo(201);
            cases.add(imported.text("/caseId"));
        }
        await("warning and overdue recorded for every imported case").atMost(WITHIN)
                .pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                    for (String id : cases) {
                        assertThat(eventsOf(id, EVENTS + "CaseWarned")).isEqualTo(1);
                        assertThat(eventsOf(id, EVENTS + "CaseBecameOverdue")).isEqualTo(1);
                    }
                });
        await("no due timer left").atMost(WITHIN).pollInterval(Duration.ofMillis(500)).until(() ->
                count("SELECT COUNT(*) FROM scheduled_tasks WHERE execution_time <= CURRENT_TIMESTAMP") == 0);
        for (String id : cases) {
            assertThat(eventsOf(id, EVENTS + "CaseWarned")).as("warnings of %s", id).isEqualTo(1);
            assertThat(eventsOf(id, EVENTS + "CaseBecameOverdue")).as("overdue findings of %s", id).isEqualTo(1);
        }
    }

    /**
     * A writer's command as a careful client sends it: with an {@code Idempotency-Key}, so that a reply lost to the
     * client's timeout (a command can wait long behind 50 writers on a loaded 2-core machine) is fetched by retrying
     * with the same key, which returns the first outcome and never appends twice; a retry that meets the first request
     * still running waits as its {@code Retry-After} says. Gives up after 10 tries.
     */
    private static Api.Reply sendOnce(Api.Session session, String path, Map<String, Object> body, String key)
            throws Exception {
        Map<String, String> headers = Map.of("Idempotency-Key", key);
        Exception last = null;
        for (int attempt = 0; attempt < 10; attempt++) {
            try {
                Api.Reply reply = session.post(path, body, headers);
                if (!reply.isRetryableProblem(409, "IDEMPOTENCY_REQUEST_IN_FLIGHT")) {
                    return reply;
                }
                Thread.sleep(1_000);
            } catch (java.net.http.HttpTimeoutException e) {
                last = e;
            }
        }
        throw new AssertionError("no outcome for " + key + " after 10 tries", last);
    }

    @Test
    @Order(5)
    @Timeout(value = 60, unit = TimeUnit.MINUTES)
    void concurrentWritersOnBothNodesLoseNothingAndNeverShareASequenceNumber() throws Exception {
        int writers = 50;
        int commands = Integer.getInteger("weimin.it.multinode.commands", 1_000);
        Api.Session[] window = {apiA.session("jjd-window", "demo-window"), apiB.session("jjd-window", "demo-window")};
        List<String> cases = new ArrayList<>();
        // About 50 commands per case on average (20 cases for the CI's 1,000): every command loads its case's events, so
        // 10,000 on 20 cases (500 events each) made single commands take over 30 s on a loaded 2-core machine.
        int caseCount = Math.max(20, commands / 50);
        for (int i = 0; i < caseCount; i++) {
            Api.Reply receipt = window[i % 2].post("/api/cases", TestData.receiveBody("诸葛并发"));
            assertThat(receipt.status()).isEqualTo(201);
            cases.add(receipt.text("/caseId"));
        }
        Map<String, AtomicInteger> successes = new ConcurrentHashMap<>();
        cases.forEach(id -> successes.put(id, new AtomicInteger()));
        AtomicLong conflicts = new AtomicLong();
        AtomicInteger next = new AtomicInteger();
        List<String> unexpected = java.util.Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                Api.Session session = window[w % 2];
                running.add(pool.submit(() -> {
                    for (int n = next.getAndIncrement(); n < commands; n = next.getAndIncrement()) {
                        // Scattered by a hash of n, not by a stride: with a stride that is prime to the number of
                        // cases, 50 writers taking consecutive n's would always hold 50 different cases, and with
                        // 200 cases they never met (the 10,000 run saw no conflict to prove anything).
                        String id = cases.get(Math.floorMod(Long.hashCode(n * 0x9E3779B97F4A7C15L), cases.size()));
                        Api.Reply reply = sendOnce(session, "/api/cases/" + id + "/progress-notices",
                                Map.of("channel", "PHONE", "text", "进度 " + n), "multinode-writer-" + n);
                        if (reply.status() == 200 || reply.status() == 201) {
                            successes.get(id).incrementAndGet();
                        } else if (reply.isRetryableProblem(409, "CONCURRENT_MODIFICATION")) {
                            conflicts.incrementAndGet();
                        } else {
                            unexpected.add(reply.toString());
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : running) {
                f.get(commands / 4, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(unexpected).as("replies other than success or a retryable 409").isEmpty();
        int succeeded = successes.values().stream().mapToInt(AtomicInteger::get).sum();
        assertThat(succeeded + conflicts.get()).isEqualTo(commands);
        assertThat(conflicts.get()).as("writers on two nodes met on one case").isPositive();
        for (String id : cases) {
            assertThat(eventsOf(id, EVENTS + "ApplicantNotifiedOfProgress")).as("progress notices of %s", id)
                    .isEqualTo(successes.get(id).get());
            Map<String, Object> sequences = store("SELECT COUNT(*) AS n, COUNT(DISTINCT sequenceNumber) AS d, "
                    + "MAX(sequenceNumber) AS m FROM DomainEventEntry WHERE aggregateIdentifier = ?", id);
            long n = ((Number) sequences.get("N")).longValue();
            assertThat(((Number) sequences.get("D")).longValue()).as("distinct sequence numbers of %s", id)
                    .isEqualTo(n);
            assertThat(((Number) sequences.get("M")).longValue()).as("last sequence number of %s", id)
                    .isEqualTo(n - 1);
        }
    }

    @Test
    @Order(6)
    void aKilledNodesSegmentsAreTakenOverWithinSeconds() throws Exception {
        Api.Session adminA = apiA.session("admin", "demo-admin");
        nodeB.kill9();
        await("node A holds both case-view segments").atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(250))
                .untilAsserted(() -> assertThat(segmentsHeld(adminA, "case-view")).containsExactly(0, 1));
        if (WITH_SEARCH) {
            await("node A holds both case-search segments").atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(250))
                    .untilAsserted(() -> assertThat(segmentsHeld(adminA, "case-search")).containsExactly(0, 1));
        }
        Api.Session windowA = apiA.session("jjd-window", "demo-window");
        List<String> cases = receiveInBothSegments(windowA, windowA, 8, "慕容接管");
        await("node A projects cases of both segments").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> {
                    for (String id : cases) {
                        assertThat(windowA.getUnchecked("/api/cases/" + id).status()).isEqualTo(200);
                    }
                });
        JsonNode report = Consistency.assertConsistent(apiA, adminA, WITH_SEARCH, "after node B was killed");
        if (WITH_SEARCH) {
            assertThat(report.path("searchDocuments").asLong()).as("search documents: one per case, %s", report)
                    .isEqualTo(report.path("cases").asLong());
        }
    }

    /**
     * The upgrade path: the token row Axon's {@code initializeTokenSegments("case-search", 1)} writes (segment 0, no
     * token: from the start), in the table as the nodes' schema script creates it.
     */
    private void caseSearchWithOneSegment() {
        try (EventStoreFile events = EventStoreFile.open(store.jdbcUrl(), null)) {
            events.jdbc().execute("CREATE TABLE IF NOT EXISTS TokenEntry (processorName VARCHAR(255) NOT NULL, "
                    + "segment INTEGER NOT NULL, token BLOB, tokenType VARCHAR(255), timestamp VARCHAR(255), "
                    + "owner VARCHAR(255), PRIMARY KEY (processorName, segment))");
            events.jdbc().update("INSERT INTO TokenEntry (processorName, segment, timestamp) VALUES (?, 0, ?)",
                    "case-search", java.time.Instant.now().toString());
        }
    }

    /** The groups whose segments are split: case-search only where the build's Elasticsearch runs. */
    private static List<String> groupsSplit() {
        return WITH_SEARCH ? SPLIT_GROUPS : List.of("case-view");
    }

    /**
     * Receives at least {@code atLeast} cases, alternating between the two sessions, and more until both segments of
     * a two-segment group have cases: Axon's per-aggregate sequencing puts a case in segment
     * {@code caseId.hashCode() & 1}.
     */
    private static List<String> receiveInBothSegments(Api.Session one, Api.Session other, int atLeast, String name)
            throws Exception {
        List<String> cases = new ArrayList<>();
        Set<Integer> segments = new TreeSet<>();
        while (cases.size() < atLeast || segments.size() < 2) {
            assertThat(cases).as("cases received without reaching both segments").hasSizeLessThan(40);
            Api.Reply receipt = (cases.size() % 2 == 0 ? one : other).post("/api/cases", TestData.receiveBody(name));
            assertThat(receipt.status()).as("receipt %s", receipt).isEqualTo(201);
            String id = receipt.text("/caseId");
            cases.add(id);
            segments.add(id.hashCode() & 1);
        }
        return cases;
    }

    /** The segments of {@code group} this node's processor holds ({@code positions} of the status: local claims). */
    private static Set<Integer> segmentsHeld(Api.Session admin, String group) {
        Api.Reply status = admin.getUnchecked("/api/admin/projections");
        assertThat(status.status()).as("status %s", status).isEqualTo(200);
        Set<Integer> held = new TreeSet<>();
        for (JsonNode processor : status.json()) {
            if (processor.path("name").asText().equals(group)) {
                processor.path("positions").fieldNames().forEachRemaining(s -> held.add(Integer.parseInt(s)));
            }
        }
        return held;
    }

    private long eventsOf(String caseId, String payloadType) {
        return count("SELECT COUNT(*) FROM DomainEventEntry WHERE aggregateIdentifier = ? AND payloadType = ?",
                caseId, payloadType);
    }

    private long count(String sql, Object... args) {
        try (EventStoreFile events = EventStoreFile.open(store.jdbcUrl(), null)) {
            return events.jdbc().queryForObject(sql, Long.class, args);
        }
    }

    private Map<String, Object> store(String sql, Object... args) {
        try (EventStoreFile events = EventStoreFile.open(store.jdbcUrl(), null)) {
            return events.jdbc().queryForMap(sql, args);
        }
    }
}
