package org.weimin.ops.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.weimin.events.privacy.Masking;

/**
 * Crash durability of the embedded default: every receipt the API acknowledged (201 with a receipt) survives
 * {@code kill -9}, exactly once, and its applicant data can still be opened afterwards.
 *
 * <p>Eight (or {@code weimin.durability.clients}) staff clients receive cases without pause, each with a distinct
 * applicant name (a random Chinese name and a counter); half give a resident ID number (data key derived from it,
 * drawn from a small pool so that applicants and their keys recur across concurrent receipts), half give none (data
 * key of the case). The application is killed with SIGKILL {@code weimin.durability.kills} times (default 20), each
 * time after 0.3–1.5 s of load (seeded: {@code weimin.durability.seed}), and restarted on the same data directory;
 * clients follow it to its new port. After each restart, with the clients paused, the case acknowledged last before
 * the kill must show its applicant's masked name in the staff view once projected (its data key survived too); then
 * the load resumes (pausing matters on 2 cores: under full load the projection falls ever further behind). At the
 * end, with the application stopped, the H2 event store is read directly: every acknowledged case has exactly one
 * {@code CaseReceived} (sequence 0; no aggregate has a sequence number twice) whose sealed applicant name opens, with
 * the vault and the persisted master key, to exactly the name sent. Restarted once more, the read model catches up
 * with every acknowledged case: one RECEIVED step and the right masked name.
 */
class DurabilityIT {
    private static final int KILLS = Integer.getInteger("weimin.durability.kills", 20);
    private static final int CLIENTS = Integer.getInteger("weimin.durability.clients", 8);
    private static final long SEED = Long.getLong("weimin.durability.seed", 20_251_130L);
    /**
     * After a kill -9 the tracking token of {@code case-view} stays claimed by the dead process, and Axon's default
     * claim timeout (10 s) keeps the restarted one from projecting until then. This test restarts every few seconds, so
     * it shortens the timeout (a single node: nobody else could hold the claim);
     * {@code -Dweimin.durability.claim-timeout=} (empty) runs with the application's default.
     */
    private static final String CLAIM_TIMEOUT = System.getProperty("weimin.durability.claim-timeout", "2s");
    private static final Duration PROJECTED_WITHIN = Duration.ofSeconds(60);

    /** An acknowledged receipt: what was sent and what came back. {@code ordinal}: order of acknowledgement. */
    record Ack(String caseId, String trackingNumber, String name, String idNumber, int launch, long ordinal) {
    }

    private final Map<String, Ack> acks = new ConcurrentHashMap<>();
    private final AtomicReference<Ack> latest = new AtomicReference<>();
    private final AtomicLong ackOrdinal = new AtomicLong();
    private final AtomicLong counter = new AtomicLong();
    private final LongAdder ioErrors = new LongAdder();
    private final Map<Integer, LongAdder> unexpectedStatus = new ConcurrentHashMap<>();
    private final Queue<String> unexpectedSamples = new ConcurrentLinkedQueue<>();
    private volatile boolean up;
    private volatile boolean running = true;
    private volatile int launch;

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void everyAcknowledgedReceiptSurvivesKillMinus9ExactlyOnceAndStaysReadable() throws Exception {
        long started = System.nanoTime();
        EventStoreFile.preload();
        Path data = AppProcess.freshDir("durability-data");
        Random random = new Random(SEED);
        String[] idPool = new String[40];
        for (int i = 0; i < idPool.length; i++) {
            idPool[i] = TestData.residentId(random);
        }
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        int kills = 0;
        int checksAfterRestart = 0;
        long maxCheckMillis = 0;
        long checkMillis = 0;
        List<Integer> acksPerLaunch = new ArrayList<>();
        List<String> args = new ArrayList<>();
        if (!CLAIM_TIMEOUT.isBlank()) {
            args.add("--axon.eventhandling.tokenstore.claim-timeout=" + CLAIM_TIMEOUT);
        }
        try (AppProcess app = AppProcess.start("durability", data, args.toArray(String[]::new))) {
            Api api = new Api(app::baseUrl);
            Api.Session staff = api.session("jjd-window", "demo-window");
            staff.token();
            launch = app.launches();
            List<Future<?>> futures = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                Random own = new Random(SEED * 31 + c);
                futures.add(clients.submit(() -> receiveUntilStopped(staff, own, idPool)));
            }

            Ack toCheck = null;
            for (int k = 1; k <= KILLS + 1; k++) {
                // The application (launch k) is ready; the clients are paused while the previous kill is checked.
                if (toCheck != null) {
                    long t = System.nanoTime();
                    awaitMaskedName(staff, toCheck, "after restart " + (k - 1));
                    checksAfterRestart++;
                    long millis = (System.nanoTime() - t) / 1_000_000;
                    checkMillis += millis;
                    maxCheckMillis = Math.max(maxCheckMillis, millis);
                }
                if (k > KILLS) {
                    break;
                }
                up = true;
                Thread.sleep(300 + random.nextInt(1201)); // the load phase itself, not a wait for a condition
                toCheck = latest.get();
                app.kill9();
                up = false;
                kills++;
                int thisLaunch = launch;
                acksPerLaunch.add((int) acks.values().stream().filter(a -> a.launch() == thisLaunch).count());
                assertThat(toCheck).as("at least one receipt acknowledged before kill %d", kills).isNotNull();
                app.start();
                launch = app.launches();
            }
            running = false;
            up = true;
            for (Future<?> f : futures) {
                f.get(30, TimeUnit.SECONDS);
            }
            assertThat(app.stop()).as("normal stop within %s", AppProcess.STOP_TIMEOUT).isTrue();

            assertThat(unexpectedStatus).as("replies other than 201 (samples: %s)", unexpectedSamples).isEmpty();
            assertThat(acks).hasSizeGreaterThan(KILLS);

            // ---- The event store itself, with the application stopped.
            long maxGlobalIndex;
            int committedNotAcknowledged;
            try (EventStoreFile store = EventStoreFile.open(data)) {
                Map<String, List<Map<String, Object>>> received = new HashMap<>();
                store.jdbc().query("SELECT aggregateIdentifier, sequenceNumber, payload FROM DomainEventEntry "
                        + "WHERE payloadType = ?", rs -> {
                    Map<String, Object> row = new HashMap<>();
                    row.put("sequence", rs.getLong(2));
                    row.put("payload", rs.getBytes(3));
                    received.computeIfAbsent(rs.getString(1), id -> new ArrayList<>()).add(row);
                }, EventStoreFile.CASE_RECEIVED);
                List<Map<String, Object>> duplicateSequences = store.jdbc().queryForList(
                        "SELECT aggregateIdentifier, sequenceNumber, COUNT(*) AS n FROM DomainEventEntry "
                                + "GROUP BY aggregateIdentifier, sequenceNumber HAVING COUNT(*) > 1");
                assertThat(duplicateSequences).as("aggregates with a sequence number twice").isEmpty();
                maxGlobalIndex = store.jdbc().queryForObject("SELECT MAX(globalIndex) FROM DomainEventEntry",
                        Long.class);

                List<String> problems = new ArrayList<>();
                for (Ack ack : acks.values()) {
                    List<Map<String, Object>> rows = received.getOrDefault(ack.caseId(), List.of());
                    if (rows.size() != 1) {
                        problems.add(ack.caseId() + ": " + rows.size() + " CaseReceived events (launch "
                                + ack.launch() + ")");
                        continue;
                    }
                    if ((long) rows.get(0).get("sequence") != 0L) {
                        problems.add(ack.caseId() + ": CaseReceived at sequence " + rows.get(0).get("sequence"));
                    }
                    JsonNode payload = EventStoreFile.json((byte[]) rows.get(0).get("payload"));
                    if (!ack.caseId().equals(payload.path("caseId").asText())
                            || !ack.trackingNumber().equals(payload.path("trackingNumber").asText())) {
                        problems.add(ack.caseId() + ": payload names case " + payload.path("caseId").asText()
                                + " / " + payload.path("trackingNumber").asText());
                    }
                    String key = payload.at("/applicant/key").asText();
                    boolean keyKindRight = ack.idNumber() == null ? key.equals("case:" + ack.caseId())
                            : key.startsWith("idh:");
                    if (!keyKindRight) {
                        problems.add(ack.caseId() + ": applicant key " + key + " for idNumber " + ack.idNumber());
                    }
                    String opened = store.open(payload.at("/applicant/name")).orElse("(cannot open)");
                    if (!opened.equals(ack.name())) {
                        problems.add(ack.caseId() + ": name opens to " + opened + ", sent " + ack.name());
                    }
                }
                assertThat(problems).as("acknowledged receipts not found intact in the event store (%d of %d)",
                        problems.size(), acks.size()).isEmpty();
                committedNotAcknowledged = received.size() - acks.size();
            }

            // ---- Restarted once more: the read model has every acknowledged case.
            app.start();
            Api.Session admin = api.session("admin", "demo-admin");
            await("case-view caught up with global index " + maxGlobalIndex).atMost(Duration.ofSeconds(90))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> caseViewPosition(admin) >= maxGlobalIndex);
            List<String> missing = new ArrayList<>(acks.keySet());
            await("every acknowledged case in the read model").atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> {
                        missing.removeIf(id -> staffViewRight(staff, acks.get(id)) == null);
                        return missing.isEmpty();
                    });
            assertThat(app.stop()).isTrue();
            System.out.printf("DurabilityIT: %d acknowledged receipts (%d with an ID number), %d kills, "
                            + "%d committed but not acknowledged, %d client I/O errors, %d post-restart checks "
                            + "(%d ms in all, slowest %d ms), acknowledged per launch %s, total %.1f s%n",
                    acks.size(), acks.values().stream().filter(a -> a.idNumber() != null).count(), kills,
                    committedNotAcknowledged, ioErrors.sum(), checksAfterRestart, checkMillis, maxCheckMillis,
                    acksPerLaunch,
                    (System.nanoTime() - started) / 1e9);
        } finally {
            running = false;
            up = true;
            clients.shutdownNow();
            clients.awaitTermination(20, TimeUnit.SECONDS);
        }
        assertThat(kills).isEqualTo(KILLS);
    }

    /** One client: receives cases until stopped, pausing while the application is down. */
    private void receiveUntilStopped(Api.Session staff, Random random, String[] idPool) {
        while (running) {
            if (!up) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
                continue;
            }
            long n = counter.incrementAndGet();
            String name = TestData.name(random, n);
            String idNumber = n % 2 == 0 ? idPool[random.nextInt(idPool.length)] : null;
            int servedBy = launch;
            try {
                Api.Reply reply = staff.post("/api/cases", TestData.receiveBody(name, idNumber,
                        TestData.mobile(random), "示范区甲街道幸福路" + n + "号", "耐久性测试 " + n, null));
                if (reply.status() == 201 && reply.json().hasNonNull("caseId")) {
                    Ack ack = new Ack(reply.text("/caseId"), reply.text("/trackingNumber"), name, idNumber, servedBy,
                            ackOrdinal.incrementAndGet());
                    acks.put(ack.caseId(), ack);
                    latest.accumulateAndGet(ack, (a, b) -> a == null || b.ordinal() > a.ordinal() ? b : a);
                } else {
                    unexpectedStatus.computeIfAbsent(reply.status(), s -> new LongAdder()).increment();
                    if (unexpectedSamples.size() < 5) {
                        unexpectedSamples.add(reply.toString());
                    }
                }
            } catch (IOException e) {
                ioErrors.increment(); // the application was killed under this request, or is restarting
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void awaitMaskedName(Api.Session staff, Ack ack, String when) {
        await("masked name of case " + ack.caseId() + " " + when).atMost(PROJECTED_WITHIN)
                .pollInterval(Duration.ofMillis(50))
                .untilAsserted(() -> {
                    Api.Reply view = staff.getUnchecked("/api/cases/" + ack.caseId());
                    assertThat(view.status()).as("staff view %s", view).isEqualTo(200);
                    assertThat(view.text("/applicant/name")).isEqualTo(Masking.name(ack.name()));
                });
    }

    /** @return null when the staff view is there and right, else what is wrong */
    private static String staffViewRight(Api.Session staff, Ack ack) {
        Api.Reply view = staff.getUnchecked("/api/cases/" + ack.caseId());
        if (view.status() != 200) {
            return view.toString();
        }
        long receivedSteps = 0;
        for (JsonNode step : view.json().path("steps")) {
            if ("RECEIVED".equals(step.path("kind").asText())) {
                receivedSteps++;
            }
        }
        if (receivedSteps != 1) {
            throw new AssertionError(ack.caseId() + " has " + receivedSteps + " RECEIVED steps: " + view);
        }
        String masked = view.text("/applicant/name");
        if (!masked.equals(Masking.name(ack.name()))) {
            throw new AssertionError(ack.caseId() + " shows name " + masked + ", expected "
                    + Masking.name(ack.name()) + " for " + ack.name());
        }
        return null;
    }

    private static long caseViewPosition(Api.Session admin) {
        Api.Reply reply = admin.getUnchecked("/api/admin/projections");
        for (JsonNode processor : reply.json()) {
            if ("case-view".equals(processor.path("name").asText())) {
                long max = -1;
                for (JsonNode position : processor.path("positions")) {
                    max = Math.max(max, position.asLong());
                }
                return max;
            }
        }
        return -1;
    }
}
