package org.weimin.ops.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Timers are persistent: one that falls due while the service is down fires after the restart, none is applied twice
 * and none is lost. The packaged application runs as a child process whose clock is fixed
 * ({@code --weimin.clock.fixed}, a test-only setting) and moved forward from one launch to the next, around the due
 * times of a case's warning and deadline and of a forward's return window; the timers poll every second.
 *
 * <ol>
 *   <li>Mon 2025-03-03 10:00 Beijing: case A is received for MZ-005 (limit 1 working day: due at the end of Tue 03-04,
 *       2025-03-04T16:00Z; warning at 00:00 of 03-04, 2025-03-03T16:00Z); case B (MZ-001, 20 days) is received and
 *       forwarded to SFQ-MZJ (return window closes at the end of 03-04). Normal stop (SIGTERM).</li>
 *   <li>Tue 03-04 10:00: past A's warning, before its deadline and before B's window closes → A is warned once (staff
 *       view {@code warned}, a WARNED alert with holder JJD-ZX); B still awaits acceptance. Then {@code kill -9}.</li>
 *   <li>Wed 03-05 10:00: past A's deadline and B's return window; killed with {@code kill -9} as soon as it is ready,
 *       while its timers may be running.</li>
 *   <li>Wed 03-05 11:00: A became overdue once and was escalated once, to JJD-ZX's parent JJD-WM (alerts in the staff
 *       view; an ESCALATED entry in sfq-supervisor's queue, since SFQ contains JJD-WM); B was deemed accepted once
 *       (custody step; a DEEMED_ACCEPTED entry for SFQ-MZJ). Case D (MZ-005) is received: due at the end of Thu 03-06.
 *       Normal stop.</li>
 *   <li>Mon 03-10 10:00: D's warning, overdue and escalation fire, in no particular order (so the timers have run
 *       since this start), and A and B show nothing new. Normal stop.</li>
 * </ol>
 * Between launches the event store is read directly (the H2 file; on PostgreSQL its database,
 * {@link PostgresTimersRestartIT}, where db-scheduler's table and the token store are in PostgreSQL too): exactly one CaseWarned, CaseBecameOverdue and CaseEscalated per
 * case and one CaseDeemedAccepted for B (counted by payload type in {@code DomainEventEntry}); at the end no timer that
 * was due is left in {@code scheduled_tasks}.
 */
class TimersRestartIT {
    private static final String EVENTS = "org.weimin.events.cases.";
    private static final String WARNED = EVENTS + "CaseWarned";
    private static final String OVERDUE = EVENTS + "CaseBecameOverdue";
    private static final String ESCALATED = EVENTS + "CaseEscalated";
    private static final String DEEMED = EVENTS + "CaseDeemedAccepted";
    private static final Duration FIRES_WITHIN = Duration.ofSeconds(60);

    private static final String MON_0303 = "2025-03-03T02:00:00Z";
    private static final String TUE_0304 = "2025-03-04T02:00:00Z";
    private static final String WED_0305 = "2025-03-05T02:00:00Z";
    private static final String WED_0305_LATER = "2025-03-05T03:00:00Z";
    private static final String MON_0310 = "2025-03-10T02:00:00Z";

    /** The store the application runs on: the embedded H2 file in its data directory. */
    protected StoreUnderTest store(Path data) {
        return StoreUnderTest.h2(data);
    }

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void timersDueWhileTheServiceIsDownFireOnceAfterRestart() throws Exception {
        EventStoreFile.preload();
        Path data = AppProcess.freshDir("timers-data");
        StoreUnderTest store = store(data);
        String a;
        String b;
        String d;

        // 1. Monday: receipts and a forward; nothing is due yet.
        try (AppProcess app = AppProcess.start("timers-1", data, args(store, MON_0303))) {
            Api api = new Api(app::baseUrl);
            Api.Session window = api.session("jjd-window", "demo-window");
            Api.Reply receiptA = window.post("/api/cases", receiveBody("MZ-005", "超期测试甲"));
            assertThat(receiptA.status()).as("receipt %s", receiptA).isEqualTo(201);
            assertThat(receiptA.text("/deadline")).isEqualTo("2025-03-04T16:00:00Z");
            a = receiptA.text("/caseId");
            Api.Reply receiptB = window.post("/api/cases", receiveBody("MZ-001", "视为签收乙"));
            assertThat(receiptB.status()).as("receipt %s", receiptB).isEqualTo(201);
            b = receiptB.text("/caseId");
            Api.Reply forward = window.post("/api/cases/" + b + "/forward",
                    Map.of("targetUnit", "SFQ-MZJ", "reason", "属民政局职责"));
            assertThat(forward.status()).as("forward %s", forward).isEqualTo(200);
            JsonNode viewB = awaitView(window, b, 1);
            assertThat(viewB.path("returnWindowClosesAt").asText()).isEqualTo("2025-03-04T16:00:00Z");
            JsonNode viewA = awaitView(window, a, 0);
            assertThat(viewA.path("warned").asBoolean()).isFalse();
            assertThat(app.stop()).as("normal stop").isTrue();
        }
        assertThat(counts(store, a)).doesNotContainKeys(WARNED, OVERDUE, ESCALATED);
        assertThat(counts(store, b)).doesNotContainKey(DEEMED);

        // 2. Tuesday: A's warning fell due while the service was down.
        try (AppProcess app = AppProcess.start("timers-2", data, args(store, TUE_0304))) {
            Api api = new Api(app::baseUrl);
            Api.Session window = api.session("jjd-window", "demo-window");
            JsonNode viewA = await("A warned after restart").atMost(FIRES_WITHIN).pollInterval(Duration.ofMillis(200))
                    .until(() -> window.getUnchecked("/api/cases/" + a).json(), v -> v.path("warned").asBoolean());
            assertThat(alertKinds(viewA)).containsExactly("WARNED");
            assertThat(viewA.at("/alerts/0/holder").asText()).isEqualTo("JJD-ZX");
            assertThat(viewA.at("/alerts/0/dueAt").asText()).isEqualTo("2025-03-04T16:00:00Z");
            assertThat(viewA.path("overdue").asBoolean()).isFalse();
            JsonNode viewB = window.getUnchecked("/api/cases/" + b).json();
            assertThat(viewB.path("awaitingAcceptance").asBoolean()).as("B within its return window").isTrue();
            app.kill9();
        }
        assertThat(counts(store, a)).containsEntry(WARNED, 1L).doesNotContainKeys(OVERDUE, ESCALATED);
        assertThat(counts(store, b)).doesNotContainKey(DEEMED);

        // 3. Wednesday: the deadline and the return window passed; killed as soon as it is up, timers perhaps running.
        try (AppProcess app = AppProcess.start("timers-3", data, args(store, WED_0305))) {
            app.kill9();
        }
        Map<String, Long> afterKill = counts(store, a);
        assertThat(afterKill.getOrDefault(WARNED, 0L)).isEqualTo(1L);
        assertThat(afterKill.getOrDefault(OVERDUE, 0L)).isLessThanOrEqualTo(1L);
        assertThat(afterKill.getOrDefault(ESCALATED, 0L)).isLessThanOrEqualTo(1L);
        assertThat(counts(store, b).getOrDefault(DEEMED, 0L)).isLessThanOrEqualTo(1L);

        // 4. An hour later: overdue, escalation and deemed acceptance, each once.
        try (AppProcess app = AppProcess.start("timers-4", data, args(store, WED_0305_LATER))) {
            Api api = new Api(app::baseUrl);
            Api.Session window = api.session("jjd-window", "demo-window");
            Api.Session supervisor = api.session("sfq-supervisor", "demo-supervisor");
            JsonNode viewA = await("A overdue and escalated").atMost(FIRES_WITHIN).pollInterval(Duration.ofMillis(200))
                    .until(() -> window.getUnchecked("/api/cases/" + a).json(),
                            v -> alertKinds(v).contains("ESCALATED"));
            assertThat(alertKinds(viewA)).containsExactly("WARNED", "OVERDUE", "ESCALATED");
            assertThat(viewA.path("overdue").asBoolean()).isTrue();
            assertThat(viewA.at("/alerts/1/holder").asText()).isEqualTo("JJD-ZX");
            assertThat(viewA.at("/alerts/1/dueAt").asText()).isEqualTo("2025-03-04T16:00:00Z");
            assertThat(viewA.at("/alerts/2/toUnit").asText()).as("escalated to JJD-ZX's parent").isEqualTo("JJD-WM");
            JsonNode viewB = await("B deemed accepted").atMost(FIRES_WITHIN).pollInterval(Duration.ofMillis(200))
                    .until(() -> window.getUnchecked("/api/cases/" + b).json(),
                            v -> !v.path("awaitingAcceptance").asBoolean(true));
            assertThat(stepKinds(viewB)).containsExactly("RECEIVED", "FORWARDED", "DEEMED_ACCEPTED");
            assertThat(viewB.path("status").asText()).isEqualTo("IN_PROGRESS");
            assertThat(viewB.at("/holder/code").asText()).isEqualTo("SFQ-MZJ");

            List<JsonNode> queue = await("supervisor queue").atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> queue(supervisor), q -> q.size() >= 2);
            assertThat(queue).hasSize(2);
            assertThat(queue).anySatisfy(e -> {
                assertThat(e.path("caseId").asText()).isEqualTo(a);
                assertThat(e.path("kind").asText()).isEqualTo("ESCALATED");
                assertThat(e.path("unit").asText()).isEqualTo("JJD-WM");
                assertThat(e.path("holder").asText()).isEqualTo("JJD-ZX");
            });
            assertThat(queue).anySatisfy(e -> {
                assertThat(e.path("caseId").asText()).isEqualTo(b);
                assertThat(e.path("kind").asText()).isEqualTo("DEEMED_ACCEPTED");
                assertThat(e.path("unit").asText()).isEqualTo("SFQ-MZJ");
            });
            Api.Reply forbidden = window.get("/api/supervision/queue");
            assertThat(forbidden.status()).as("queue for a non-supervisor %s", forbidden).isEqualTo(403);

            Api.Reply receiptD = window.post("/api/cases", receiveBody("MZ-005", "下次到期丁"));
            assertThat(receiptD.status()).as("receipt %s", receiptD).isEqualTo(201);
            assertThat(receiptD.text("/deadline")).isEqualTo("2025-03-06T16:00:00Z");
            d = receiptD.text("/caseId");
            awaitView(window, d, 0);
            assertThat(app.stop()).as("normal stop").isTrue();
        }
        assertThat(counts(store, a)).containsEntry(WARNED, 1L).containsEntry(OVERDUE, 1L).containsEntry(ESCALATED, 1L);
        assertThat(counts(store, b)).containsEntry(DEEMED, 1L).doesNotContainKeys(WARNED, OVERDUE, ESCALATED);

        // 5. The next Monday: D's timers fire (the timers ran since this start); A and B get nothing more.
        try (AppProcess app = AppProcess.start("timers-5", data, args(store, MON_0310))) {
            Api api = new Api(app::baseUrl);
            Api.Session window = api.session("jjd-window", "demo-window");
            JsonNode viewD = await("D warned, overdue and escalated").atMost(FIRES_WITHIN)
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> window.getUnchecked("/api/cases/" + d).json(),
                            v -> alertKinds(v).contains("ESCALATED"));
            // Both of D's timers fell due while the service was down; whichever fires first, the record reads
            // warning, overdue, escalation.
            assertThat(alertKinds(viewD)).containsExactly("WARNED", "OVERDUE", "ESCALATED");
            assertThat(alertKinds(window.getUnchecked("/api/cases/" + a).json()))
                    .containsExactly("WARNED", "OVERDUE", "ESCALATED");
            assertThat(stepKinds(window.getUnchecked("/api/cases/" + b).json()))
                    .containsExactly("RECEIVED", "FORWARDED", "DEEMED_ACCEPTED");
            assertThat(app.stop()).as("normal stop").isTrue();
        }
        assertThat(counts(store, a)).containsEntry(WARNED, 1L).containsEntry(OVERDUE, 1L).containsEntry(ESCALATED, 1L);
        assertThat(counts(store, b)).containsEntry(DEEMED, 1L).doesNotContainKeys(WARNED, OVERDUE, ESCALATED);
        assertThat(counts(store, d)).containsEntry(WARNED, 1L).containsEntry(OVERDUE, 1L).containsEntry(ESCALATED, 1L);
        try (EventStoreFile file = store.open()) {
            List<Map<String, Object>> due = file.jdbc().queryForList("SELECT task_name, task_instance, "
                    + "execution_time, picked FROM scheduled_tasks WHERE execution_time <= ?",
                    Timestamp.from(Instant.parse(MON_0310)));
            assertThat(due).as("timers that were due and are still scheduled").isEmpty();
        }
    }

    /** The fixed clock at an instant, and the store's arguments. */
    private static String[] args(StoreUnderTest store, String instant) {
        List<String> args = new ArrayList<>(store.appArgs());
        args.add("--weimin.clock.fixed=" + instant);
        return args.toArray(String[]::new);
    }

    private static Map<String, Object> receiveBody(String serviceItem, String name) {
        Map<String, Object> body = TestData.receiveBody(name);
        body.put("serviceItem", serviceItem);
        return body;
    }

    /** Events of one case by payload type, read from the stopped application's event store. */
    private static Map<String, Long> counts(StoreUnderTest store, String caseId) {
        Map<String, Long> counts = new TreeMap<>();
        try (EventStoreFile file = store.open()) {
            file.jdbc().query("SELECT payloadType, COUNT(*) FROM DomainEventEntry WHERE aggregateIdentifier = ? "
                    + "GROUP BY payloadType", rs -> {
                counts.put(rs.getString(1), rs.getLong(2));
            }, caseId);
        }
        return counts;
    }

    private static JsonNode awaitView(Api.Session staff, String caseId, long sequence) {
        return await("staff view of " + caseId + " at sequence " + sequence).atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> staff.getUnchecked("/api/cases/" + caseId),
                        r -> r.status() == 200 && r.json().path("sequence").asLong(-1) >= sequence)
                .json();
    }

    private static List<String> alertKinds(JsonNode view) {
        List<String> kinds = new ArrayList<>();
        view.path("alerts").forEach(alert -> kinds.add(alert.path("kind").asText()));
        return kinds;
    }

    private static List<String> stepKinds(JsonNode view) {
        List<String> kinds = new ArrayList<>();
        view.path("steps").forEach(step -> kinds.add(step.path("kind").asText()));
        return kinds;
    }

    private static List<JsonNode> queue(Api.Session supervisor) {
        Api.Reply reply = supervisor.getUnchecked("/api/supervision/queue");
        assertThat(reply.status()).as("queue %s", reply).isEqualTo(200);
        List<JsonNode> entries = new ArrayList<>();
        reply.json().forEach(entries::add);
        return entries;
    }
}
