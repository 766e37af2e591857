package org.weimin.ops.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;

/**
 * Drives the running service over HTTP like staff and residents do, for a fixed time after a warm-up.
 *
 * <p>Each of {@code concurrency} workers runs one case after another through its life, waiting for each reply
 * before sending the next request (a closed model: the rate is what the service sustains):
 * <ol>
 *   <li>{@code receive}: {@code jjd-window} receives at window {@code JJD-ZX-W01} (service item MZ-002); the receipt
 *       carries the tracking number and the verification code</li>
 *   <li>{@code forward}: {@code jjd-window} forwards to {@code SFQ-MZJ}; {@code accept}: {@code mzj-handler} accepts</li>
 *   <li>{@code notice}: a one-time missing-materials notice; {@code supplement}: the applicant supplied them</li>
 *   <li>{@code complete}: {@code mzj-handler} completes (GRANTED); {@code evaluate}: the applicant grades it through
 *       the public API with the code from the receipt</li>
 *   <li>now and then ({@code searchesPerCase}) a supervisor search ({@code sfq-supervisor})</li>
 * </ol>
 * A step that fails abandons its case (the failure is counted); the worker starts a new one.
 *
 * <p>Public lookups ({@code GET /api/public/cases/{trackingNumber}} of a recent case that a lag probe has seen in the
 * read model, so that a lookup never races the projection) run from their own
 * scheduler at a target rate (an open model): each lookup has an intended start time, and its latency is measured
 * from that time, so a stalled service shows as latency rather than as fewer lookups (no coordinated omission).
 *
 * <p>Projection lag is sampled: every {@code lagSampleEvery}-th command reply (while a prober is free) a prober polls
 * the staff view {@code GET /api/cases/{id}} every 10 ms (probes also run during warm-up, uncounted, to give the
 * lookups their cases) until its {@code sequence} reaches the reply's, and every
 * {@code lagSampleEvery}-th receipt a prober polls the search by {@code trackingNumber} every 25 ms until found. The
 * lag is from the reply's arrival to the arrival of the first poll answer that shows it (an upper bound: it includes
 * up to one poll interval and one round trip). Two probers each, so polling never dominates the load.
 */
public final class LoadRun {
    /** The command kinds, in the order of a case's life. */
    public static final List<String> COMMANDS = List.of("receive", "forward", "accept", "notice", "supplement",
            "complete", "evaluate");
    static final String WINDOW_STAFF = "jjd-window";
    static final String HANDLER = "mzj-handler";
    static final String SUPERVISOR = "sfq-supervisor";
    private static final Duration LAG_PATIENCE = Duration.ofSeconds(30);

    /**
     * What to run.
     *
     * @param duration        measured time
     * @param warmup          time before it, not counted
     * @param concurrency     workers (each one case at a time)
     * @param lookupRate      public lookups per second (0: none)
     * @param searchesPerCase supervisor searches per case lifecycle (e.g. 0.2)
     * @param lagSampleEvery  sample the lag of every n-th command reply (0: no lag sampling)
     */
    public record Options(Duration duration, Duration warmup, int concurrency, double lookupRate,
                          double searchesPerCase, int lagSampleEvery) {
    }

    /**
     * The outcome.
     *
     * @param seconds           measured seconds
     * @param latencies         per kind, and {@code lag.readModel}, {@code lag.search}
     * @param casesCompleted    cases taken through every step while measuring
     * @param lagSkipped        lag samples skipped because both probers were busy, per lag kind
     * @param lagTimedOut       lag samples not seen within 30 s, per lag kind
     * @param lookupsIntended   lookups the scheduler meant to start while measuring
     * @param staffViewBytes    the size of a completed case's staff view JSON (the read-model document's payload)
     */
    public record Result(double seconds, Latencies latencies, long casesCompleted, Map<String, Long> lagSkipped,
                         Map<String, Long> lagTimedOut, long lookupsIntended, int staffViewBytes) {

        /** Successful commands per second. */
        public double commandsPerSecond() {
            return COMMANDS.stream().mapToLong(latencies::count).sum() / seconds;
        }

        /** All commands' latencies together. */
        public Histogram commandLatencies() {
            return latencies.merged(COMMANDS);
        }

        /** Failed commands, lookups and searches (lag probes are not requests of the load and count apart). */
        public long failedRequests() {
            long failed = 0;
            for (String kind : latencies.kinds()) {
                if (!kind.startsWith("lag.")) {
                    failed += latencies.failures(kind);
                }
            }
            return failed;
        }
    }

    private final BenchHttp http;
    private final Options options;
    private final Latencies latencies = new Latencies();
    private final AtomicLong counter = new AtomicLong();
    private final AtomicLong commandReplies = new AtomicLong();
    private final AtomicLong receipts = new AtomicLong();
    private final AtomicLong casesCompleted = new AtomicLong();
    private final AtomicLong lookupsIntended = new AtomicLong();
    private final AtomicReferenceArray<String> recent = new AtomicReferenceArray<>(4096);
    private final AtomicLong recentCount = new AtomicLong();
    private final AtomicReference<String> lastCompleted = new AtomicReference<>();
    private final Semaphore viewProbers = new Semaphore(2);
    private final Semaphore searchProbers = new Semaphore(2);
    private final Map<String, AtomicLong> lagSkipped = Map.of("lag.readModel", new AtomicLong(),
            "lag.search", new AtomicLong());
    private final Map<String, AtomicLong> lagTimedOut = Map.of("lag.readModel", new AtomicLong(),
            "lag.search", new AtomicLong());
    private final ExecutorService probes = Executors.newFixedThreadPool(4, daemon("bench-lag"));
    private volatile boolean stop;

    /** A run against {@code http}'s service. */
    public LoadRun(BenchHttp http, Options options) {
        this.http = http;
        this.options = options;
    }

    /** Runs warm-up and measurement; returns when every worker, lookup and lag probe has finished. */
    public Result run() throws IOException, InterruptedException {
        for (String user : List.of(WINDOW_STAFF, HANDLER, SUPERVISOR)) {
            http.get("/api/cases/queue", user); // logs in before the clock starts
        }
        List<Thread> workers = new ArrayList<>();
        for (int i = 0; i < options.concurrency(); i++) {
            Thread t = new Thread(this::work, "bench-worker-" + i);
            t.setDaemon(true);
            workers.add(t);
            t.start();
        }
        ExecutorService lookupPool = Executors.newFixedThreadPool(16, daemon("bench-lookup"));
        Thread scheduler = null;
        if (options.lookupRate() > 0) {
            Thread s = new Thread(() -> scheduleLookups(lookupPool), "bench-lookup-scheduler");
            s.setDaemon(true);
            s.start();
            scheduler = s;
        }
        sleep(options.warmup());
        latencies.measuring(true);
        long start = System.nanoTime();
        sleep(options.duration());
        latencies.measuring(false);
        double seconds = (System.nanoTime() - start) / 1e9;
        stop = true;
        for (Thread t : workers) {
            t.join(60_000);
        }
        if (scheduler != null) {
            scheduler.join(10_000);
        }
        lookupPool.shutdown();
        lookupPool.awaitTermination(60, TimeUnit.SECONDS);
        probes.shutdown();
        probes.awaitTermination(LAG_PATIENCE.toSeconds() + 10, TimeUnit.SECONDS);
        int viewBytes = 0;
        String caseId = lastCompleted.get();
        long viewDeadline = System.nanoTime() + LAG_PATIENCE.toNanos();
        while (caseId != null && viewBytes == 0 && System.nanoTime() < viewDeadline) {
            BenchHttp.Reply view = http.get("/api/cases/" + caseId, WINDOW_STAFF); // may lag behind the load
            if (view.ok() && List.of("COMPLETED", "EVALUATED").contains(view.json().path("status").asText())) {
                viewBytes = view.bytes();
            } else {
                Thread.sleep(200);
            }
        }
        Map<String, Long> skipped = new LinkedHashMap<>();
        lagSkipped.forEach((k, v) -> skipped.put(k, v.get()));
        Map<String, Long> timedOut = new LinkedHashMap<>();
        lagTimedOut.forEach((k, v) -> timedOut.put(k, v.get()));
        return new Result(seconds, latencies, casesCompleted.get(), skipped, timedOut, lookupsIntended.get(),
                viewBytes);
    }

    private void work() {
        while (!stop) {
            try {
                if (!oneCase()) {
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20)); // a refused step: don't spin
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** One case through its life; false when a step failed. */
    private boolean oneCase() throws InterruptedException {
        JsonNode receipt = command("receive", WINDOW_STAFF, "/api/cases", Applicants.receiveBody(counter.incrementAndGet()));
        if (receipt == null) {
            return false;
        }
        String caseId = receipt.path("caseId").asText();
        String trackingNumber = receipt.path("trackingNumber").asText();
        String code = receipt.path("verificationCode").asText();
        if (options.lagSampleEvery() > 0 && receipts.incrementAndGet() % options.lagSampleEvery() == 0) {
            probeSearch(trackingNumber);
        }
        String base = "/api/cases/" + caseId;
        boolean done = command("forward", WINDOW_STAFF, base + "/forward",
                Map.of("targetUnit", "SFQ-MZJ", "reason", "属民政局职责，转办")) != null
                && command("accept", HANDLER, base + "/acceptance", null) != null
                && command("notice", HANDLER, base + "/missing-materials-notices", Map.of("materials", List.of("M05"),
                "otherItems", List.of("近三个月收入证明"), "channel", "SMS")) != null
                && command("supplement", HANDLER, base + "/supplement",
                Map.of("materials", List.of("M05"), "otherItems", List.of())) != null
                && command("complete", HANDLER, base + "/completion",
                Map.of("result", "GRANTED", "resultText", "经审核符合条件，已发放临时救助金")) != null
                && command("evaluate", null, "/api/public/cases/" + trackingNumber + "/evaluation",
                Map.of("verificationCode", code, "grade", "SATISFIED", "comment", "办事很快")) != null;
        if (!done) {
            return false;
        }
        if (latencies.measuring()) {
            casesCompleted.incrementAndGet();
        }
        lastCompleted.set(caseId);
        if (options.lagSampleEvery() == 0) {
            lookable(trackingNumber);
        }
        if (ThreadLocalRandom.current().nextDouble() < options.searchesPerCase()) {
            search();
        }
        return true;
    }

    /** Sends one command; records it; returns its reply body, or null when it failed. */
    private JsonNode command(String kind, String user, String path, Object body) throws InterruptedException {
        long start = System.nanoTime();
        try {
            BenchHttp.Reply reply = http.post(path, user, body);
            long took = System.nanoTime() - start;
            if (!reply.ok()) {
                latencies.failure(kind, reply.status() + " " + reply.json().path("code").asText(""));
                return null;
            }
            latencies.success(kind, took);
            long sequence = reply.json().path("sequence").asLong(-1);
            String caseId = reply.json().path("caseId").asText(null);
            String trackingNumber = reply.json().path("trackingNumber").asText(null);
            if (options.lagSampleEvery() > 0 && caseId != null && sequence >= 0
                    && commandReplies.incrementAndGet() % options.lagSampleEvery() == 0) {
                probeView(caseId, trackingNumber, sequence, System.nanoTime());
            }
            return reply.json();
        } catch (IOException e) {
            latencies.failure(kind, reason(e));
            return null;
        }
    }

    private void search() throws InterruptedException {
        Map<String, String> q = ThreadLocalRandom.current().nextBoolean()
                ? Map.of("q", "临时救助", "unit", "JJD", "size", "20")
                : Map.of("status", "IN_PROGRESS,PAUSED", "sort", "deadline", "order", "asc", "size", "20");
        long start = System.nanoTime();
        try {
            BenchHttp.Reply reply = http.get("/api/supervision/cases/search" + BenchHttp.query(q), SUPERVISOR);
            if (reply.ok()) {
                latencies.success("search", System.nanoTime() - start);
            } else {
                latencies.failure("search", reply.status() + " " + reply.json().path("code").asText(""));
            }
        } catch (IOException e) {
            latencies.failure("search", reason(e));
        }
    }

    private void scheduleLookups(ExecutorService pool) {
        long period = (long) (1e9 / options.lookupRate());
        long next = System.nanoTime();
        while (!stop) {
            next += period;
            long wait = next - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            long count = recentCount.get();
            if (count == 0) {
                continue;
            }
            String trackingNumber = recent.get((int) (ThreadLocalRandom.current().nextLong(
                    Math.min(count, recent.length()))));
            if (trackingNumber == null) {
                continue;
            }
            long intended = next;
            if (latencies.measuring()) {
                lookupsIntended.incrementAndGet();
            }
            pool.execute(() -> lookup(trackingNumber, intended));
        }
    }

    private void lookup(String trackingNumber, long intended) {
        try {
            BenchHttp.Reply reply = http.get("/api/public/cases/" + trackingNumber, null);
            if (reply.ok()) {
                latencies.success("lookup", System.nanoTime() - intended);
            } else {
                latencies.failure("lookup", reply.status() + " " + reply.json().path("code").asText(""));
            }
        } catch (IOException e) {
            latencies.failure("lookup", reason(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A case whose read-model document exists: public lookups may ask for it. */
    private void lookable(String trackingNumber) {
        if (trackingNumber != null) {
            recent.set((int) (recentCount.getAndIncrement() % recent.length()), trackingNumber);
        }
    }

    private void probeView(String caseId, String trackingNumber, long sequence, long replyAt) {
        boolean measured = latencies.measuring();
        if (!viewProbers.tryAcquire()) {
            if (measured) {
                lagSkipped.get("lag.readModel").incrementAndGet();
            }
            return;
        }
        probes.execute(() -> {
            try {
                if (poll(measured ? "lag.readModel" : null, replyAt, 10, () -> {
                    BenchHttp.Reply view = http.get("/api/cases/" + caseId, WINDOW_STAFF);
                    return view.ok() && view.json().path("sequence").asLong(-1) >= sequence;
                })) {
                    lookable(trackingNumber);
                }
            } finally {
                viewProbers.release();
            }
        });
    }

    private void probeSearch(String trackingNumber) {
        if (!latencies.measuring()) {
            return;
        }
        long replyAt = System.nanoTime();
        if (!searchProbers.tryAcquire()) {
            lagSkipped.get("lag.search").incrementAndGet();
            return;
        }
        String path = "/api/supervision/cases/search" + BenchHttp.query(Map.of("trackingNumber", trackingNumber));
        probes.execute(() -> {
            try {
                poll("lag.search", replyAt, 25, () -> {
                    BenchHttp.Reply found = http.get(path, SUPERVISOR);
                    return found.ok() && found.json().path("total").asLong() > 0;
                });
            } finally {
                searchProbers.release();
            }
        });
    }

    private interface Check {
        boolean visible() throws IOException, InterruptedException;
    }

    /** Polls until visible; records the lag under {@code kind} (null: not counted); false when never seen. */
    private boolean poll(String kind, long replyAt, long intervalMillis, Check check) {
        long deadline = replyAt + LAG_PATIENCE.toNanos();
        try {
            while (System.nanoTime() < deadline) {
                if (check.visible()) {
                    if (kind != null) {
                        latencies.sample(kind, System.nanoTime() - replyAt);
                    }
                    return true;
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(intervalMillis));
            }
            if (kind != null) {
                lagTimedOut.get(kind).incrementAndGet();
            }
            return false;
        } catch (IOException e) {
            if (kind != null) {
                latencies.failure(kind, reason(e));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return false;
    }

    private static String reason(IOException e) {
        return e instanceof HttpTimeoutException ? "timeout" : e.getClass().getSimpleName();
    }

    private static void sleep(Duration d) throws InterruptedException {
        if (!d.isZero() && !d.isNegative()) {
            Thread.sleep(d.toMillis());
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        AtomicLong n = new AtomicLong();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
