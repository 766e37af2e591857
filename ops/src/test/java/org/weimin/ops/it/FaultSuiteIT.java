package org.weimin.ops.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.weimin.ops.it.AcknowledgedEvents.Ack;
import org.weimin.ops.search.OwnElasticsearch;

/**
 * The fault suite (issue 8 "Faults, with nothing lost"), process level: each scenario runs the packaged application
 * under load, injects its fault, and ends with the consistency checker ({@code GET /api/admin/consistency}: every
 * case's read model and search document equal the fold of its events) and, with the application stopped, the
 * event-store check of every acknowledged command ({@link AcknowledgedEvents}: its events at its sequence, exactly
 * once). The kill -9 scenario is DurabilityIT's (20 kills; 100 in the long form).
 *
 * <p>Short form in CI (2 writers with 40 ms think time, one outage); the long form ({@code -Dweimin.faults.long=true})
 * runs 6 writers flat out, with longer outages, and kills Elasticsearch three times.
 */
class FaultSuiteIT {
    private static final String EVENTS = "org.weimin.events.cases.";
    private static final int WRITERS = Consistency.LONG ? 6 : 2;
    /** Pause between one writer's commands: load, not a CPU hog on a 2-core machine (0 in the long form). */
    private static final long THINK_MS = Consistency.LONG ? 0 : 40;
    private static final Duration PHASE = Duration.ofSeconds(Consistency.LONG ? 10 : 3);

    /**
     * Elasticsearch killed (SIGKILL) and restarted while writers keep receiving and completing cases: commands go on
     * (search is not on the command path), the search projection catches up once it is back, and the checker finds
     * every case in the index exactly as its events say (zero documents missing).
     */
    @Test
    @Timeout(value = 8, unit = TimeUnit.MINUTES)
    void elasticsearchKilledAndRestartedUnderLoadLosesNoSearchDocument() throws Exception {
        OwnElasticsearch elasticsearch = new OwnElasticsearch("it-faults");
        String url = elasticsearch.startFresh();
        Path data = AppProcess.freshDir("faults-es-data");
        Load load;
        try (AppProcess app = AppProcess.start("faults-es", data, "--spring.elasticsearch.uris=" + url)) {
            Api api = new Api(app::baseUrl);
            Api.Session admin = api.session("admin", "demo-admin");
            load = new Load(api, 1);
            load.start(WRITERS);
            try {
                int outages = Consistency.LONG ? 3 : 1;
                for (int i = 1; i <= outages; i++) {
                    load.awaitMore(20, "before outage " + i);
                    // Something indexed before the kill (the index itself too), so that the kill can lose it: the
                    // head of this moment, since under the long form's flat-out writers the lag is never zero.
                    long head = Consistency.head(admin);
                    assertThat(head).as("event store head before outage %d", i).isNotNegative();
                    await("search caught up with global index " + head + " before outage " + i)
                            .atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
                            .until(() -> Consistency.reached(admin, head));
                    load.awaitMore(10, "before outage " + i);
                    elasticsearch.kill();
                    long before = load.acknowledged();
                    load.awaitMore(20, "while Elasticsearch is down (" + i + ")");
                    assertThat(load.acknowledged()).as("commands acknowledged while search is down").isGreaterThan(
                            before);
                    Thread.sleep(PHASE.toMillis()); // the outage itself, under load (not a wait for a condition)
                    elasticsearch.restart();
                    load.awaitMore(20, "after Elasticsearch came back (" + i + ")");
                }
            } finally {
                load.stop();
            }
            assertThat(load.failures()).as("commands that failed (samples %s)", load.failureSamples).isZero();
            JsonNode report = Consistency.assertConsistent(api, admin, true, "after Elasticsearch was killed");
            assertThat(report.path("searchDocuments").asLong()).as("search documents")
                    .isEqualTo(load.receipts.size()).isEqualTo(report.path("cases").asLong());
            assertThat(app.stop()).isTrue();
        } finally {
            elasticsearch.stop();
        }
        assertStoreHoldsEveryAcknowledgement(data, load);
    }

    /**
     * A projection handler that throws for one event (profile {@code faults}, test-only): that event is parked in
     * case-view's dead-letter queue with the case's later events, the other cases flow on, and the checker reports the
     * parked case (and only it) as behind; restarted without the fault, a retry processes the parked events once and
     * the checker finds everything consistent.
     */
    @Test
    @Timeout(value = 6, unit = TimeUnit.MINUTES)
    void aHandlerThatThrowsForOneEventParksItAndARetryAfterTheFixProcessesItOnce() throws Exception {
        Path data = AppProcess.freshDir("faults-dlq-data");
        Load load;
        String faulty;
        try (AppProcess app = AppProcess.start("faults-dlq", data, "--spring.profiles.active=faults",
                "--weimin.faults.case-view.fail-on=ApplicantNotifiedOfProgress", "--weimin.search.enabled=false")) {
            Api api = new Api(app::baseUrl);
            Api.Session admin = api.session("admin", "demo-admin");
            Api.Session window = api.session("jjd-window", "demo-window");
            load = new Load(api, 1);
            load.start(WRITERS);
            try {
                load.awaitMore(10, "before the faulty event");
                faulty = load.receive(window);
                Api.Reply progress = window.post("/api/cases/" + faulty + "/progress-notices",
                        Map.of("channel", "PHONE", "text", "正在办理"));
                assertThat(progress.status()).as("progress notice %s", progress).isEqualTo(200);
                load.acknowledge(faulty, "progress", progress, EVENTS + "ApplicantNotifiedOfProgress");
                load.complete(window, faulty);
                load.awaitMore(20, "after the faulty event");
            } finally {
                load.stop();
            }
            assertThat(load.failures()).as("commands that failed (samples %s)", load.failureSamples).isZero();

            JsonNode letters = await("the faulty event parked").atMost(Duration.ofSeconds(60))
                    .until(() -> admin.get("/api/admin/projections/case-view/dead-letters").json(),
                            l -> l.path("deadLetters").asLong() == 2);
            assertThat(letters.path("sequences").asLong()).as("parked cases %s", letters).isEqualTo(1);
            // The rest flowed on: every other case's view has its last event.
            JsonNode report = Consistency.check(api, admin, 60);
            assertThat(report.path("consistent").asBoolean()).as("report with a parked case %s", report).isFalse();
            assertThat(report.path("mismatches").findValuesAsText("caseId")).as("cases the checker reports %s",
                    report).isNotEmpty().containsOnly(faulty);
            assertThat(report.path("processors").findValues("deadLetters").stream().mapToLong(JsonNode::asLong)
                    .sum()).isEqualTo(2);
            String json = report.toString();
            load.receipts.values().forEach(name -> assertThat(json).as("the report names no applicant")
                    .doesNotContain(name));
            assertThat(app.stop()).isTrue();
        }

        // The fix is deployed (no fault profile); the retry processes the parked events once.
        try (AppProcess fixed = AppProcess.start("faults-dlq-fixed", data, "--weimin.search.enabled=false")) {
            Api api = new Api(fixed::baseUrl);
            Api.Session admin = api.session("admin", "demo-admin");
            Api.Session window = api.session("jjd-window", "demo-window");
            Api.Reply retry = admin.post("/api/admin/projections/case-view/dead-letters/retry", Map.of());
            assertThat(retry.status()).as("retry %s", retry).isEqualTo(200);
            assertThat(retry.json().path("remainingSequences").asLong()).as("retry %s", retry).isZero();
            JsonNode view = window.get("/api/cases/" + faulty).json();
            assertThat(view.path("status").asText()).as("view %s", view).isEqualTo("COMPLETED");
            assertThat(view.path("notifications").size()).as("progress notices in the view %s", view).isEqualTo(1);
            Consistency.assertConsistent(api, admin, false, "after the retry");
            Api.Reply again = admin.post("/api/admin/projections/case-view/dead-letters/retry", Map.of());
            assertThat(again.json().path("attempted").asLong()).as("a second retry %s", again).isZero();
            assertThat(fixed.stop()).isTrue();
        }
        assertStoreHoldsEveryAcknowledgement(data, load);
    }

    private static void assertStoreHoldsEveryAcknowledgement(Path data, Load load) {
        try (EventStoreFile store = EventStoreFile.open(data)) {
            AcknowledgedEvents.Result result = AcknowledgedEvents.check(store, load.acks, List.of());
            assertThat(result.problems()).as("acknowledged commands not in the store exactly once").isEmpty();
            long cases = result.stored().values().stream().filter(t -> t.contains(EVENTS + "CaseReceived")).count();
            assertThat(cases).as("cases in the store (every one acknowledged)").isEqualTo(load.receipts.size());
            for (Ack ack : load.acks) {
                assertThat(result.stored().get(ack.caseId())).as("events of %s", ack.caseId())
                        .hasSize((int) load.lastSequence.get(ack.caseId()).get() + 1);
            }
        }
    }

    /**
     * Writers that receive cases at JJD-ZX-W01 and complete about one in three, recording every acknowledgement. A
     * command that fails (no 2xx) is counted: in these scenarios the node stays up, so none may fail.
     */
    static final class Load {
        final Api api;
        final Map<String, String> receipts = new ConcurrentHashMap<>(); // case id → applicant name
        final Queue<Ack> acks = new ConcurrentLinkedQueue<>();
        final Map<String, AtomicLong> lastSequence = new ConcurrentHashMap<>();
        final Queue<String> failureSamples = new ConcurrentLinkedQueue<>();
        private final LongAdder failures = new LongAdder();
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final AtomicLong names = new AtomicLong();
        private final List<Thread> threads = new ArrayList<>();
        private final int launch;

        Load(Api api, int launch) {
            this.api = api;
            this.launch = launch;
        }

        void start(int writers) {
            for (int w = 0; w < writers; w++) {
                Random random = new Random(20_261_130L + w);
                Api.Session session = api.session("jjd-window", "demo-window");
                Thread thread = new Thread(() -> {
                    while (running.get()) {
                        try {
                            String caseId = receive(session);
                            if (caseId != null && random.nextInt(3) == 0) {
                                complete(session, caseId);
                            }
                            if (THINK_MS > 0) {
                                Thread.sleep(THINK_MS); // think time of a load generator, not a wait for a condition
                            }
                        } catch (InterruptedException e) {
                            return;
                        } catch (Exception e) {
                            fail("exception " + e.getClass().getSimpleName());
                        }
                    }
                }, "fault-load-" + w);
                threads.add(thread);
                thread.start();
            }
        }

        void stop() throws InterruptedException {
            running.set(false);
            for (Thread thread : threads) {
                thread.join(60_000);
            }
        }

        long acknowledged() {
            return acks.size();
        }

        long failures() {
            return failures.sum();
        }

        /** Waits until {@code more} further commands were acknowledged. */
        void awaitMore(int more, String when) {
            long target = acknowledged() + more;
            await(more + " more commands acknowledged " + when).atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(50)).until(() -> acknowledged() >= target);
        }

        /** Receives a case; returns its id, or null when the command failed. */
        String receive(Api.Session session) throws Exception {
            String name = TestData.name(new Random(names.incrementAndGet()), names.get());
            Api.Reply reply = session.post("/api/cases", TestData.receiveBody(name));
            if (reply.status() != 201) {
                fail("receive " + reply.status());
                return null;
            }
            String caseId = reply.text("/caseId");
            receipts.put(caseId, name);
            acknowledge(caseId, "receive", reply, EVENTS + "CaseReceived");
            return caseId;
        }

        void complete(Api.Session session, String caseId) throws Exception {
            Api.Reply reply = session.post("/api/cases/" + caseId + "/completion",
                    Map.of("result", "GRANTED", "resultText", "准予"));
            if (reply.status() != 200) {
                fail("complete " + reply.status());
                return;
            }
            acknowledge(caseId, "complete", reply, EVENTS + "CaseCompleted");
        }

        void acknowledge(String caseId, String command, Api.Reply reply, String type) {
            long sequence = reply.json().path("sequence").asLong(-1);
            acks.add(new Ack(caseId, command, sequence, List.of(type), launch));
            lastSequence.computeIfAbsent(caseId, id -> new AtomicLong(-1)).accumulateAndGet(sequence, Math::max);
        }

        private void fail(String what) {
            failures.increment();
            if (failureSamples.size() < 10) {
                failureSamples.add(what);
            }
        }
    }
}
