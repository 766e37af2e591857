package org.weimin.ops.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The rebuild benchmark (on demand): fills the running service's event store up to {@code events} events through the
 * import API (role {@code importer}: each record a received, forwarded and completed case, the same command path as
 * staff), waits until the live projections have caught up, then rebuilds {@code case-view} and {@code case-search}
 * one after the other ({@code POST /api/admin/projections/{group}/rebuild}, progress by {@code GET} every second)
 * and reports the events per second of each (the service's own figure, and ours from the wall clock).
 */
public final class RebuildBench {
    /** The groups rebuilt, in order. */
    public static final List<String> GROUPS = List.of("case-view", "case-search");
    static final String ADMIN = "admin";
    static final String IMPORTER = "importer";

    private final BenchHttp http;
    private final PrintStream log;

    /** A rebuild benchmark against {@code http}'s service, logging progress to {@code log}. */
    public RebuildBench(BenchHttp http, PrintStream log) {
        this.http = http;
        this.log = log;
    }

    /** The newest event's global index (-1 for an empty store). */
    long headIndex() throws IOException, InterruptedException {
        BenchHttp.Reply status = http.get("/api/admin/projections", ADMIN);
        if (!status.ok()) {
            throw new IOException("GET /api/admin/projections: " + status);
        }
        long head = -1;
        for (JsonNode p : status.json()) {
            head = Math.max(head, p.path("headIndex").asLong(-1));
        }
        return head;
    }

    /** Imports records with {@code threads} clients until the store holds at least {@code events} events. */
    public Map<String, Object> fill(long events, int threads) throws IOException, InterruptedException {
        long before = headIndex() + 1;
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("eventsBefore", before);
        if (before >= events) {
            result.put("imported", 0);
            return result;
        }
        String source = "bench-" + Long.toString(System.currentTimeMillis(), 36);
        AtomicLong rows = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        long start = System.nanoTime();
        Instant base = Instant.now().minus(Duration.ofDays(365));
        List<Thread> clients = new ArrayList<>();
        java.util.concurrent.atomic.AtomicBoolean enough = new java.util.concurrent.atomic.AtomicBoolean();
        for (int i = 0; i < threads; i++) {
            Thread t = new Thread(() -> {
                while (!enough.get()) {
                    long row = rows.incrementAndGet();
                    Instant received = base.plusSeconds(row % 30_000_000L);
                    Map<String, Object> body = new LinkedHashMap<>();
                    body.put("source", source);
                    body.put("rowId", Long.toString(row));
                    body.put("receivedAt", received.toString());
                    body.put("window", "JJD-ZX-W01");
                    body.put("serviceItem", "MZ-002");
                    body.put("channel", "WINDOW");
                    body.put("applicantName", Applicants.name(java.util.concurrent.ThreadLocalRandom.current(), row));
                    body.put("subject", "申请临时救助");
                    body.put("description", "家中突发变故，收入中断，申请临时救助（压测第" + row + "件）");
                    body.put("forwardTo", "SFQ-MZJ");
                    body.put("forwardReason", "属民政局职责");
                    body.put("result", "GRANTED");
                    body.put("resultText", "经审核符合条件，已发放临时救助金");
                    body.put("completedAt", received.plus(Duration.ofDays(2)).toString());
                    try {
                        if (!http.post("/api/import/cases", IMPORTER, body).ok()) {
                            failed.incrementAndGet();
                        }
                    } catch (IOException e) {
                        failed.incrementAndGet();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            }, "bench-import-" + i);
            t.setDaemon(true);
            clients.add(t);
            t.start();
        }
        long head = before;
        long lastLog = System.nanoTime();
        while (head < events) {
            Thread.sleep(2000);
            head = headIndex() + 1;
            if (failed.get() > 1000 && failed.get() > rows.get() / 2) {
                enough.set(true);
                throw new IOException("the import API refuses most records (" + failed.get() + " of " + rows.get()
                        + "); is the importer account there?");
            }
            if (System.nanoTime() - lastLog > 10e9) {
                log.printf("[weimin-bench] filling: %,d of %,d events (%,.0f events/s)%n", head, events,
                        (head - before) / ((System.nanoTime() - start) / 1e9));
                lastLog = System.nanoTime();
            }
        }
        enough.set(true);
        for (Thread t : clients) {
            t.join(60_000);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long after = headIndex() + 1;
        result.put("imported", rows.get() - failed.get());
        result.put("importFailed", failed.get());
        result.put("eventsAfter", after);
        result.put("seconds", Latencies.round(seconds));
        result.put("eventsPerSecond", Latencies.round((after - before) / seconds));
        return result;
    }

    /** Waits (up to {@code patience}) until every streaming processor's lag is 0; true when it is. */
    public boolean awaitCaughtUp(Duration patience) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        while (System.nanoTime() < deadline) {
            BenchHttp.Reply status = http.get("/api/admin/projections", ADMIN);
            boolean caughtUp = status.ok();
            for (JsonNode p : status.json()) {
                if (p.path("lagEvents").asLong(0) > 0) {
                    caughtUp = false;
                }
            }
            if (caughtUp) {
                return true;
            }
            Thread.sleep(500);
        }
        return false;
    }

    /** Rebuilds {@code group} and waits until done (up to {@code patience}). */
    public Map<String, Object> rebuild(String group, Duration patience) throws IOException, InterruptedException {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("group", group);
        long start = System.nanoTime();
        BenchHttp.Reply started = http.post("/api/admin/projections/" + group + "/rebuild", ADMIN, null);
        if (!started.ok()) {
            result.put("error", started.status() + " " + started.json().path("code").asText());
            return result;
        }
        long deadline = start + patience.toNanos();
        long lastLog = start;
        JsonNode progress = started.json();
        while (!progress.path("done").asBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(1000);
            BenchHttp.Reply reply = http.get("/api/admin/projections/" + group + "/rebuild", ADMIN);
            if (reply.ok()) {
                progress = reply.json();
            }
            if (System.nanoTime() - lastLog > 10e9) {
                log.printf("[weimin-bench] rebuilding %s: %,d of %,d events (%,.0f events/s)%n", group,
                        progress.path("processed").asLong(), progress.path("total").asLong(),
                        progress.path("eventsPerSecond").asDouble());
                lastLog = System.nanoTime();
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        result.put("done", progress.path("done").asBoolean());
        result.put("events", progress.path("total").asLong());
        result.put("processed", progress.path("processed").asLong());
        result.put("eventsPerSecond", Latencies.round(progress.path("eventsPerSecond").asDouble()));
        result.put("wallSeconds", Latencies.round(seconds));
        result.put("wallEventsPerSecond", Latencies.round(progress.path("processed").asLong() / seconds));
        return result;
    }
}
