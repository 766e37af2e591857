package org.weimin.ops.importer;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * One import of one file: reads its rows ({@link SourceRows}), maps each ({@link RecordMapper}), sends them to the
 * service with a few requests in flight ({@link ImportClient}), and writes a report with one line per row (row
 * number, source id, outcome, whether corrected or sent to the fallback unit, case id, tracking number, reason), in
 * row order. Nothing is dropped silently: every row ends as CREATED, EXISTS (imported before: the run is resumable),
 * DUPLICATE_CONTENT (same content imported under another id), DUPLICATE_ROW (the same row earlier in this file),
 * SKIPPED (unusable, with the reason), REJECTED (the service refused it, with its problem detail) or FAILED (the
 * service could not be reached).
 */
public final class ImportRun {
    /** Counts by outcome, plus corrected rows and fallback uses. */
    public record Summary(Map<String, Long> outcomes, long rows, long corrected, long fallbacks, Path report,
                          Duration took) {
        public long count(String outcome) {
            return outcomes.getOrDefault(outcome, 0L);
        }
    }

    private record Result(long row, String id, String outcome, boolean corrected, boolean fallback, String caseId,
                          String trackingNumber, String reason) {
    }

    private final ImportMapping mapping;
    private final ImportClient client;
    private final Clock clock;
    private final int parallelism;
    private final PrintStream progressOut;
    private final boolean terminal;

    public ImportRun(ImportMapping mapping, ImportClient client, Clock clock, int parallelism, PrintStream progressOut,
                     boolean terminal) {
        this.mapping = mapping;
        this.client = client;
        this.clock = clock;
        this.parallelism = Math.max(1, parallelism);
        this.progressOut = progressOut;
        this.terminal = terminal;
    }

    /**
     * Imports {@code file}, writing the report to {@code report}.
     *
     * @throws IOException when the file cannot be read or the report written, or the login fails
     */
    public Summary run(Path file, Path report) throws IOException, InterruptedException {
        client.login();
        RecordMapper mapper = new RecordMapper(mapping, clock.instant());
        long started = System.nanoTime();
        Map<String, Long> outcomes = new LinkedHashMap<>();
        long[] counts = new long[3]; // rows, corrected, fallbacks
        ExecutorService senders = Executors.newFixedThreadPool(parallelism, r -> {
            Thread t = new Thread(r, "import-sender");
            t.setDaemon(true);
            return t;
        });
        BlockingQueue<CompletableFuture<Result>> inFlight = new ArrayBlockingQueue<>(parallelism * 4);
        Progress progress;
        try (SourceRows rows = SourceRows.open(file, mapping.sheet() == null ? 0 : mapping.sheet());
             BufferedWriter out = Files.newBufferedWriter(report, StandardCharsets.UTF_8);
             CSVPrinter printer = new CSVPrinter(out, CSVFormat.RFC4180.builder().get())) {
            out.write('\uFEFF');
            printer.printRecord("row", "id", "outcome", "corrected", "fallback unit", "case id", "tracking number",
                    "reason");
            progress = new Progress(file.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".csv")
                    ? SourceRows.countRows(file) : rows.estimatedRows());
            Throwable[] writerFailure = new Throwable[1];
            Thread writer = new Thread(() -> {
                try {
                    while (true) {
                        CompletableFuture<Result> next = inFlight.take();
                        Result r = next.join();
                        if (r == null) {
                            return;
                        }
                        synchronized (outcomes) {
                            outcomes.merge(r.outcome(), 1L, Long::sum);
                            counts[0]++;
                            counts[1] += r.corrected() ? 1 : 0;
                            counts[2] += r.fallback() ? 1 : 0;
                        }
                        printer.printRecord(r.row(), r.id(), r.outcome(), r.corrected() ? "yes" : "",
                                r.fallback() ? mapping.fallbackUnit() : "", r.caseId(), r.trackingNumber(),
                                r.reason());
                        progress.tick();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (Throwable e) {
                    writerFailure[0] = e;
                }
            }, "import-report");
            writer.start();
            Map<String, long[]> seen = new HashMap<>(); // id → {row, content hash}
            java.util.Iterator<SourceRows.SourceRow> iterator = rows.iterator();
            long lastRow = 1;
            while (true) {
                SourceRows.SourceRow row;
                try {
                    if (!iterator.hasNext()) {
                        break;
                    }
                    row = iterator.next();
                } catch (RuntimeException unreadable) {
                    // e.g. a quote that is never closed: the rest of the file cannot be split into rows
                    CompletableFuture<Result> rest = CompletableFuture.completedFuture(new Result(lastRow + 1, null,
                            "FAILED", false, false, null, null, "the file cannot be read from here on: "
                            + unreadable.getMessage()));
                    while (!inFlight.offer(rest, 1, TimeUnit.SECONDS)) {
                        if (!writer.isAlive()) {
                            break;
                        }
                    }
                    break;
                }
                lastRow = row.number();
                RecordMapper.Mapped mapped = mapper.map(row);
                CompletableFuture<Result> result;
                if (mapped.body() == null) {
                    String rawId = mapping.column("id") == null ? null : RecordMapper.oneLine(row.get(
                            mapping.column("id")));
                    result = CompletableFuture.completedFuture(new Result(row.number(), rawId, "SKIPPED",
                            false, false, null, null, mapped.skipReason()));
                } else {
                    String id = mapped.rowId();
                    long hash = mapped.body().hashCode();
                    long[] earlier = seen.putIfAbsent(id, new long[] {row.number(), hash});
                    String note = String.join("; ", mapped.corrections());
                    if (earlier != null && earlier[1] == hash) {
                        result = CompletableFuture.completedFuture(new Result(row.number(), id, "DUPLICATE_ROW",
                                false, false, null, null, "same as row " + earlier[0]));
                    } else {
                        boolean corrected = !mapped.corrections().isEmpty();
                        if (earlier != null) {
                            String newId = id + "#row" + row.number();
                            mapped.body().put("rowId", newId);
                            note = (note.isEmpty() ? "" : note + "; ") + "id " + id + " also on row " + earlier[0]
                                    + " with other content: imported as " + newId;
                            corrected = true;
                        }
                        boolean isCorrected = corrected;
                        String reason = note;
                        result = CompletableFuture.supplyAsync(() -> send(row.number(), mapped, isCorrected, reason),
                                senders);
                    }
                }
                while (!inFlight.offer(result, 1, TimeUnit.SECONDS)) {
                    if (!writer.isAlive()) {
                        throw new IOException("cannot write the report " + report + ": " + writerFailure[0],
                                writerFailure[0]);
                    }
                }
            }
            inFlight.put(CompletableFuture.completedFuture(null));
            writer.join();
            if (writerFailure[0] != null) {
                throw new IOException("cannot write the report " + report + ": " + writerFailure[0], writerFailure[0]);
            }
            progress.finish();
        } finally {
            senders.shutdownNow();
            senders.awaitTermination(5, TimeUnit.SECONDS);
        }
        return new Summary(outcomes, counts[0], counts[1], counts[2], report,
                Duration.ofNanos(System.nanoTime() - started));
    }

    private Result send(long row, RecordMapper.Mapped mapped, boolean corrected, String note) {
        String id = (String) mapped.body().get("rowId");
        try {
            ImportClient.Answer answer = client.importRecord(mapped.body());
            var body = answer.body();
            if (answer.status() == 200 || answer.status() == 201) {
                String outcome = body.path("outcome").asText();
                String reason = note;
                if (outcome.equals("DUPLICATE_CONTENT")) {
                    // Not imported at all, so a note about the id it would have been imported under is moot.
                    reason = "same content as id " + body.path("duplicateOf").asText() + " (not imported)";
                }
                return new Result(row, id, outcome, corrected, mapped.fallback(), body.path("caseId").asText(null),
                        body.path("trackingNumber").asText(null), reason);
            }
            String problem = body.path("code").asText("HTTP " + answer.status()) + ": "
                    + body.path("detail").asText("") + (body.has("fields") ? " " + body.get("fields") : "");
            return new Result(row, id, "REJECTED", corrected, mapped.fallback(), null, null, problem);
        } catch (IOException e) {
            return new Result(row, id, "FAILED", corrected, mapped.fallback(), null, null, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(row, id, "FAILED", corrected, mapped.fallback(), null, null, "interrupted");
        }
    }

    /** A progress bar with rows per second and time left on a terminal; a log line every 10 s otherwise. */
    private final class Progress {
        private final long expected;
        private final long start = System.nanoTime();
        private long done;
        private long lastPrint;

        Progress(long expected) {
            this.expected = expected;
        }

        void tick() {
            done++;
            long now = System.nanoTime();
            long every = terminal ? 200_000_000L : 10_000_000_000L;
            if (now - lastPrint >= every) {
                lastPrint = now;
                print(false);
            }
        }

        void finish() {
            print(true);
            if (terminal) {
                progressOut.println();
            }
        }

        private void print(boolean last) {
            double seconds = Math.max(0.001, (System.nanoTime() - start) / 1e9);
            double rate = done / seconds;
            long total = Math.max(expected, done);
            long left = rate > 0 ? (long) ((total - done) / rate) : 0;
            String eta = last ? "done" : String.format("%d:%02d left", left / 60, left % 60);
            if (terminal) {
                int width = 30;
                int filled = (int) (width * done / Math.max(1, total));
                progressOut.printf("\r[%s%s] %d/%d rows  %.1f rows/s  %s   ", "=".repeat(filled),
                        " ".repeat(width - filled), done, total, rate, eta);
            } else {
                progressOut.printf("[weimin-import] %d of about %d rows, %.1f rows/s, %s%n", done, total, rate, eta);
            }
            progressOut.flush();
        }
    }
}
