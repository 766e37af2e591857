package org.weimin.ops.bench;

import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * {@code java -jar weimin.jar bench [options]}: the benchmark of issue 6 against a running service (it never opens the
 * service's stores): the load ({@link LoadRun}), then the baselines on this machine ({@link AppendBaseline},
 * {@link ReadModelBaseline}), optionally the rebuild benchmark ({@link RebuildBench}); results to
 * {@code <out>/bench-<time>.json} and {@code .md} (and {@code latest.*}).
 *
 * <p>Options: {@code --url} (default {@code WEIMIN_URL} or {@code http://127.0.0.1:8080}), {@code --duration=PT60S},
 * {@code --warmup=PT10S}, {@code --concurrency=8}, {@code --lookup-rate=200} (public lookups per second),
 * {@code --searches-per-case=0.2}, {@code --lag-sample-every=10}, {@code --timeout=PT30S} (per request),
 * {@code --baselines=true}, {@code --baseline-duration=PT10S} (per baseline and thread count),
 * {@code --event-bytes}/{@code --metadata-bytes} (size of the appended rows; defaults: a measured CaseReceived),
 * {@code --document-bytes} (default: the staff view of a case the load completed), {@code --load=true},
 * {@code --rebuild=false}, {@code --rebuild-events=1000000}, {@code --rebuild-timeout=PT3H},
 * {@code --ledger=false} and {@code --ledger-events=1000000} (the ledger verification benchmark, {@link LedgerBench};
 * it needs no service: {@code --load=false --baselines=false --ledger=true}),
 * {@code --work-dir} (temporary baseline stores; default {@code <out>/work}), {@code --out=target/bench},
 * {@code --conditions="free text"} (recorded in the report), {@code --password-file} (a properties file
 * {@code user=password} for {@code jjd-window}, {@code mzj-handler}, {@code sfq-supervisor}, {@code admin},
 * {@code importer}; default: the demo accounts of the embedded default). Exit code 0 when no request failed, 1 when
 * some did (the report is written either way), 2 on bad arguments.
 */
public final class BenchCli {
    private static final List<String> OPTIONS = List.of("url", "duration", "warmup", "concurrency", "lookup-rate",
            "searches-per-case", "lag-sample-every", "timeout", "baselines", "baseline-duration", "event-bytes",
            "metadata-bytes", "document-bytes", "load", "rebuild", "rebuild-events", "rebuild-timeout", "work-dir",
            "out", "conditions", "password-file", "ledger", "ledger-events");
    private static final Map<String, String> DEMO_PASSWORDS = Map.of("jjd-window", "demo-window",
            "mzj-handler", "demo-handler", "sfq-supervisor", "demo-supervisor", "admin", "demo-admin",
            "importer", "demo-importer");

    private BenchCli() {
    }

    /** Entry point: runs and exits with {@link #run}'s code. */
    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the benchmark; returns the exit code (0 no failed request, 1 failures or an error, 2 bad arguments). */
    public static int run(String[] args) {
        if (org.slf4j.LoggerFactory.getILoggerFactory() instanceof ch.qos.logback.classic.LoggerContext logging) {
            logging.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).setLevel(ch.qos.logback.classic.Level.WARN);
        }
        Map<String, String> o = new LinkedHashMap<>();
        for (String arg : args) {
            if (!arg.startsWith("--") || !arg.contains("=")) {
                return usage("unexpected argument: " + arg);
            }
            String key = arg.substring(2, arg.indexOf('='));
            if (!OPTIONS.contains(key)) {
                return usage("unknown option --" + key);
            }
            o.put(key, arg.substring(arg.indexOf('=') + 1));
        }
        try {
            String url = o.getOrDefault("url", System.getenv().getOrDefault("WEIMIN_URL", "http://127.0.0.1:8080"));
            Duration duration = Duration.parse(o.getOrDefault("duration", "PT60S"));
            Duration warmup = Duration.parse(o.getOrDefault("warmup", "PT10S"));
            int concurrency = Integer.parseInt(o.getOrDefault("concurrency", "8"));
            double lookupRate = Double.parseDouble(o.getOrDefault("lookup-rate", "200"));
            double searchesPerCase = Double.parseDouble(o.getOrDefault("searches-per-case", "0.2"));
            int lagEvery = Integer.parseInt(o.getOrDefault("lag-sample-every", "10"));
            Duration timeout = Duration.parse(o.getOrDefault("timeout", "PT30S"));
            boolean load = Boolean.parseBoolean(o.getOrDefault("load", "true"));
            boolean baselines = Boolean.parseBoolean(o.getOrDefault("baselines", "true"));
            Duration baselineDuration = Duration.parse(o.getOrDefault("baseline-duration", "PT10S"));
            boolean rebuild = Boolean.parseBoolean(o.getOrDefault("rebuild", "false"));
            long rebuildEvents = Long.parseLong(o.getOrDefault("rebuild-events", "1000000"));
            Duration rebuildTimeout = Duration.parse(o.getOrDefault("rebuild-timeout", "PT3H"));
            boolean ledger = Boolean.parseBoolean(o.getOrDefault("ledger", "false"));
            long ledgerEvents = Long.parseLong(o.getOrDefault("ledger-events", "1000000"));
            Path out = Path.of(o.getOrDefault("out", "target/bench"));
            Path work = Path.of(o.getOrDefault("work-dir", out.resolve("work").toString()));
            if (concurrency < 1 || lookupRate < 0 || lagEvery < 0 || duration.isNegative() || duration.isZero()) {
                return usage("--concurrency ≥ 1, --lookup-rate ≥ 0, --lag-sample-every ≥ 0, --duration > 0");
            }
            BenchHttp http = new BenchHttp(url, timeout, passwords(o.get("password-file")));
            String stamp = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC)
                    .format(Instant.now());

            Map<String, Object> report = new LinkedHashMap<>();
            report.put("startedAt", Instant.now().toString());
            report.put("url", url);
            report.put("conditions", o.get("conditions"));
            report.put("machine", BenchReport.machine());
            report.put("options", o);
            long failed = 0;
            int documentBytes = ReadModelBaseline.DEFAULT_DOCUMENT_BYTES;
            Double commandsPerSecond = null;
            if (load) {
                System.err.printf("[weimin-bench] load against %s: %s warm-up, %s measured, concurrency %d, "
                        + "%.0f lookups/s%n", url, warmup, duration, concurrency, lookupRate);
                LoadRun.Result result = new LoadRun(http, new LoadRun.Options(duration, warmup, concurrency,
                        lookupRate, searchesPerCase, lagEvery)).run();
                report.put("load", loadSection(result, duration, warmup, concurrency, lookupRate, searchesPerCase,
                        lagEvery));
                failed = result.failedRequests();
                commandsPerSecond = result.commandsPerSecond();
                if (result.staffViewBytes() > 0) {
                    documentBytes = result.staffViewBytes();
                }
                System.err.printf("[weimin-bench] %.1f commands/s, %d failed requests; waiting for the projections%n",
                        commandsPerSecond, failed);
                // the baselines should not compete with the service still catching up
                new RebuildBench(http, System.err).awaitCaughtUp(Duration.ofSeconds(60));
            }
            if (baselines) {
                Map<String, Object> b = new LinkedHashMap<>();
                int eventBytes = Integer.parseInt(o.getOrDefault("event-bytes",
                        String.valueOf(AppendBaseline.DEFAULT_PAYLOAD_BYTES)));
                int metadataBytes = Integer.parseInt(o.getOrDefault("metadata-bytes",
                        String.valueOf(AppendBaseline.DEFAULT_METADATA_BYTES)));
                documentBytes = Integer.parseInt(o.getOrDefault("document-bytes", String.valueOf(documentBytes)));
                List<Map<String, Object>> append = new ArrayList<>();
                List<Map<String, Object>> readModel = new ArrayList<>();
                for (int threads : concurrency == 1 ? List.of(1) : List.of(1, concurrency)) {
                    System.err.printf("[weimin-bench] append baseline, %d thread(s), %s%n", threads, baselineDuration);
                    append.add(AppendBaseline.run(work, baselineDuration, threads, eventBytes, metadataBytes));
                    System.err.printf("[weimin-bench] read-model baseline, %d thread(s), %s%n", threads,
                            baselineDuration);
                    readModel.add(ReadModelBaseline.run(work, baselineDuration, threads, documentBytes));
                }
                b.put("append", append);
                b.put("readModel", readModel);
                report.put("baselines", b);
                double bestAppend = append.stream().mapToDouble(a -> ((Number) a.get("perSecond")).doubleValue())
                        .max().orElse(0);
                if (commandsPerSecond != null && bestAppend > 0) {
                    report.put("ratioToRawAppend", Math.round(commandsPerSecond / bestAppend * 1000) / 1000.0);
                }
            }
            if (rebuild) {
                RebuildBench bench = new RebuildBench(http, System.err);
                Map<String, Object> r = new LinkedHashMap<>();
                System.err.printf("[weimin-bench] filling the event store to %,d events%n", rebuildEvents);
                r.put("fill", bench.fill(rebuildEvents, Math.max(2, concurrency)));
                r.put("caughtUpBeforeRebuild", bench.awaitCaughtUp(rebuildTimeout));
                for (String group : RebuildBench.GROUPS) {
                    System.err.printf("[weimin-bench] rebuilding %s%n", group);
                    r.put(group, bench.rebuild(group, rebuildTimeout));
                    bench.awaitCaughtUp(Duration.ofMinutes(10));
                }
                report.put("rebuild", r);
            }
            if (ledger) {
                System.err.printf("[weimin-bench] ledger: filling a scratch store with %,d hashed events, then "
                        + "verifying it%n", ledgerEvents);
                report.put("ledger", LedgerBench.run(work, ledgerEvents));
            }
            report.put("loadAverageAtEnd", BenchReport.loadAverage());
            report.put("failedRequests", failed);
            report.put("goals", BenchHttp.JSON.convertValue(BenchReport.goals(report),
                    new TypeReference<List<Map<String, Object>>>() {
                    }));
            Path md = BenchReport.write(out, stamp, report);
            System.out.print(BenchReport.markdown(report));
            System.err.printf("[weimin-bench] report %s (and .json)%n", md.toAbsolutePath());
            return failed > 0 ? 1 : 0;
        } catch (IllegalArgumentException | java.time.format.DateTimeParseException e) {
            return usage(e.getMessage());
        } catch (IOException | SQLException e) {
            System.err.println("[weimin-bench] failed: " + e);
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }

    private static Map<String, Object> loadSection(LoadRun.Result result, Duration duration, Duration warmup,
                                                   int concurrency, double lookupRate, double searchesPerCase,
                                                   int lagEvery) {
        Map<String, Object> load = new LinkedHashMap<>();
        load.put("duration", duration.toString());
        load.put("warmup", warmup.toString());
        load.put("seconds", Latencies.round(result.seconds()));
        load.put("concurrency", concurrency);
        load.put("lookupRateTarget", lookupRate);
        load.put("lookupsIntended", result.lookupsIntended());
        load.put("searchesPerCase", searchesPerCase);
        load.put("lagSampleEvery", lagEvery);
        load.put("casesCompleted", result.casesCompleted());
        load.put("failedRequests", result.failedRequests());
        Map<String, Object> commands = Latencies.summary(result.commandLatencies(),
                LoadRun.COMMANDS.stream().mapToLong(result.latencies()::failures).sum(), result.seconds());
        load.put("commands", commands);
        Map<String, Object> kinds = new LinkedHashMap<>();
        List<String> order = new ArrayList<>(LoadRun.COMMANDS);
        order.addAll(List.of("lookup", "search", "lag.readModel", "lag.search"));
        for (String kind : order) {
            kinds.put(kind, result.latencies().summary(kind, result.seconds()));
        }
        load.put("kinds", kinds);
        load.put("lagSkipped", result.lagSkipped());
        load.put("lagTimedOut", result.lagTimedOut());
        load.put("staffViewBytes", result.staffViewBytes());
        return load;
    }

    private static Map<String, String> passwords(String file) throws IOException {
        if (file == null) {
            return DEMO_PASSWORDS;
        }
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(Path.of(file))) {
            p.load(in);
        }
        Map<String, String> passwords = new LinkedHashMap<>(DEMO_PASSWORDS);
        p.stringPropertyNames().forEach(k -> passwords.put(k, p.getProperty(k)));
        return passwords;
    }

    private static int usage(String problem) {
        System.err.println("[weimin-bench] " + problem);
        System.err.println("usage: java -jar weimin.jar bench [--url=http://127.0.0.1:8080] [--duration=PT60S]"
                + " [--warmup=PT10S] [--concurrency=8] [--lookup-rate=200] [--searches-per-case=0.2]"
                + " [--lag-sample-every=10] [--baselines=true] [--baseline-duration=PT10S] [--rebuild=false]"
                + " [--rebuild-events=1000000] [--ledger=false] [--ledger-events=1000000] [--out=target/bench] [--conditions=text] [--password-file=f]");
        return 2;
    }
}
