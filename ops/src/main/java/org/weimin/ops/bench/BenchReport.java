package org.weimin.ops.bench;

import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The benchmark's results: {@code bench-<time>.json} (everything) and {@code bench-<time>.md} (a summary with the
 * machine, the figures per kind, the baselines and the goals of issue 6 marked met, missed or not measured), plus
 * {@code latest.json} and {@code latest.md} copies.
 */
public final class BenchReport {
    private BenchReport() {
    }

    /** Facts about this machine and JVM: cores, memory, CPU model, OS, load average. */
    public static Map<String, Object> machine() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("cores", Runtime.getRuntime().availableProcessors());
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            m.put("memoryBytes", os.getTotalMemorySize());
        }
        m.put("cpu", cpuModel());
        m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch"));
        m.put("jvm", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        m.put("benchJvmMaxHeapBytes", Runtime.getRuntime().maxMemory());
        m.put("loadAverage", loadAverage());
        return m;
    }

    /** The 1/5/15-minute load averages from {@code /proc/loadavg}, or the JVM's 1-minute figure. */
    public static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException | RuntimeException e) {
            return String.valueOf(ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        }
    }

    private static String cpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException | RuntimeException ignored) {
            // not Linux
        }
        return "unknown";
    }

    /** One goal: what, the target, the measured value, and met / missed / not measured. */
    public record Goal(String goal, String target, Object measured, String verdict) {
        static Goal atLeast(String goal, double target, Double measured, String unit) {
            return new Goal(goal, "≥ " + fmt(target) + unit, measured == null ? null : Latencies.round(measured),
                    measured == null ? "not measured" : measured >= target ? "met" : "missed");
        }

        static Goal below(String goal, double target, Double measured, String unit) {
            return new Goal(goal, "< " + fmt(target) + unit, measured == null ? null : Latencies.round(measured),
                    measured == null ? "not measured" : measured < target ? "met" : "missed");
        }
    }

    /** The goals of issue 6, judged on {@code report} (the map {@link BenchCli} builds). */
    @SuppressWarnings("unchecked")
    public static List<Goal> goals(Map<String, Object> report) {
        Map<String, Object> load = (Map<String, Object>) report.get("load");
        Map<String, Object> kinds = load == null ? Map.of() : (Map<String, Object>) load.get("kinds");
        Map<String, Object> commands = load == null ? null : (Map<String, Object>) load.get("commands");
        Map<String, Object> lookup = (Map<String, Object>) kinds.get("lookup");
        Map<String, Object> lagView = (Map<String, Object>) kinds.get("lag.readModel");
        Map<String, Object> lagSearch = (Map<String, Object>) kinds.get("lag.search");
        Map<String, Object> rebuild = (Map<String, Object>) report.get("rebuild");
        Double replay = null;
        if (rebuild != null && rebuild.get("case-view") instanceof Map<?, ?> view
                && Boolean.TRUE.equals(view.get("done"))) {
            replay = ((Number) view.get("eventsPerSecond")).doubleValue();
        }
        Map<String, Object> timedOut = load == null ? Map.of() : (Map<String, Object>) load.get("lagTimedOut");
        List<Goal> goals = new ArrayList<>();
        goals.add(Goal.atLeast("durable commands/s over HTTP", 800, number(commands, "perSecond"), "/s"));
        goals.add(Goal.below("command latency p99", 50, measured(commands, "p99Ms"), " ms"));
        goals.add(Goal.atLeast("commands/s ÷ raw append rate", 0.5, number(report, "ratioToRawAppend"), ""));
        goals.add(Goal.below("public lookup p99 during the load", 50, measured(lookup, "p99Ms"), " ms"));
        Double lookupTarget = number(load, "lookupRateTarget");
        goals.add(Goal.atLeast("public lookups/s achieved (target " + fmt(lookupTarget) + ")", 200,
                lookupTarget == null || lookupTarget == 0 ? null : number(lookup, "perSecond"), "/s"));
        goals.add(Goal.atLeast("replay into the read models (case-view)", 10_000, replay, " events/s"));
        goals.add(lagGoal("projection lag p99, read model", 1000, lagView, number(timedOut, "lag.readModel")));
        goals.add(lagGoal("projection lag p99, search index", 2000, lagSearch, number(timedOut, "lag.search")));
        Map<String, Object> ledger = (Map<String, Object>) report.get("ledger");
        if (ledger != null) { // only runs with --ledger=true judge the goal of issue 7
            Double events = number(ledger, "events");
            goals.add(Goal.below("ledger: verify 1,000,000 events (issue 7)", 60,
                    events == null || events < 1_000_000 ? null : number(ledger, "verifySeconds"), " s"));
        }
        return goals;
    }

    /** A lag goal: missed when any sample was not seen within the probe's patience, not measured without samples. */
    private static Goal lagGoal(String goal, double target, Map<String, Object> lag, Double timedOut) {
        if (timedOut != null && timedOut > 0) {
            return new Goal(goal, "< " + fmt(target) + " ms", "> 30000 (" + timedOut.longValue()
                    + " samples not visible within 30 s)", "missed");
        }
        return Goal.below(goal, target, measured(lag, "p99Ms"), " ms");
    }

    /** {@code key} of a latency summary, or null when it has no samples. */
    private static Double measured(Map<String, Object> summary, String key) {
        Double count = number(summary, "count");
        return count == null || count == 0 ? null : number(summary, key);
    }

    private static Double number(Map<String, Object> map, String key) {
        return map != null && map.get(key) instanceof Number n ? n.doubleValue() : null;
    }

    private static String fmt(Double d) {
        return d == null ? "?" : fmt(d.doubleValue());
    }

    private static String fmt(double d) {
        return d == Math.rint(d) ? String.format("%,d", (long) d) : String.format("%,.2f", d);
    }

    /** Writes the JSON and Markdown files; returns the Markdown path. */
    @SuppressWarnings("unchecked")
    public static Path write(Path out, String stamp, Map<String, Object> report) throws IOException {
        Files.createDirectories(out);
        byte[] json = BenchHttp.JSON.copy().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsBytes(report);
        Files.write(out.resolve("bench-" + stamp + ".json"), json);
        Files.write(out.resolve("latest.json"), json);
        String md = markdown(report);
        Path mdFile = out.resolve("bench-" + stamp + ".md");
        Files.writeString(mdFile, md, StandardCharsets.UTF_8);
        Files.writeString(out.resolve("latest.md"), md, StandardCharsets.UTF_8);
        return mdFile;
    }

    @SuppressWarnings("unchecked")
    static String markdown(Map<String, Object> report) {
        StringBuilder md = new StringBuilder("# Weimin benchmark, ").append(report.get("startedAt")).append("\n\n");
        Map<String, Object> m = (Map<String, Object>) report.get("machine");
        md.append("Machine: ").append(m.get("cores")).append(" cores (").append(m.get("cpu")).append("), ")
                .append(m.get("memoryBytes") instanceof Number n ? String.format("%.1f GB", n.doubleValue() / (1L << 30))
                        : "?").append(" memory, ").append(m.get("os")).append(", ").append(m.get("jvm"))
                .append(". Load average at start ").append(m.get("loadAverage")).append(", at end ")
                .append(report.get("loadAverageAtEnd")).append(".\n");
        md.append("Service: ").append(report.get("url")).append("; the benchmark client ran on the same machine.\n");
        if (report.get("conditions") != null) {
            md.append("Conditions: ").append(report.get("conditions")).append("\n");
        }
        Map<String, Object> load = (Map<String, Object>) report.get("load");
        if (load != null) {
            md.append("\n## Load\n\n").append(String.format("%s measured after %s warm-up, concurrency %s, public"
                            + " lookups targeted at %s/s, %s supervisor searches per case; %s cases completed.%n%n",
                    load.get("duration"), load.get("warmup"), load.get("concurrency"), load.get("lookupRateTarget"),
                    load.get("searchesPerCase"), load.get("casesCompleted")));
            md.append("| kind | count | failed | per second | p50 ms | p99 ms | p99.9 ms | max ms |\n")
                    .append("|---|---:|---:|---:|---:|---:|---:|---:|\n");
            row(md, "**all commands**", (Map<String, Object>) load.get("commands"));
            ((Map<String, Object>) load.get("kinds")).forEach((k, v) -> row(md, k, (Map<String, Object>) v));
            md.append("\nLookup latency is measured from each lookup's intended start (fixed-rate schedule). Lag is"
                    + " from a command's reply to the first poll that shows it (staff view `sequence`; search by"
                    + " `trackingNumber`), sampled: skipped samples ").append(load.get("lagSkipped"))
                    .append(", not seen within 30 s ").append(load.get("lagTimedOut")).append(".\n");
        }
        Map<String, Object> baselines = (Map<String, Object>) report.get("baselines");
        if (baselines != null) {
            md.append("\n## Baselines (same run, same machine, separate temporary stores)\n\n")
                    .append("| baseline | threads | per second | p50 ms | p99 ms | size |\n|---|---:|---:|---:|---:|---|\n");
            for (Map<String, Object> a : (List<Map<String, Object>>) baselines.getOrDefault("append", List.of())) {
                md.append(String.format("| H2 append, one transaction per event, WRITE_DELAY=0 | %s | %s | %s | %s |"
                                + " payload %s B, metadata %s B |%n", a.get("threads"), a.get("perSecond"),
                        a.get("commitP50Ms"), a.get("commitP99Ms"), a.get("payloadBytes"), a.get("metadataBytes")));
            }
            for (Map<String, Object> r : (List<Map<String, Object>>) baselines.getOrDefault("readModel", List.of())) {
                md.append(String.format("| MongoDB driver insertOne, mongo-java-server + CommittingH2Backend | %s | %s |"
                                + " %s | %s | document %s B |%n", r.get("threads"), r.get("perSecond"),
                        r.get("insertP50Ms"), r.get("insertP99Ms"), r.get("documentBytes")));
            }
            md.append("\nOur commands/s ÷ best raw append rate: **").append(report.get("ratioToRawAppend"))
                    .append("**.\n");
        }
        Map<String, Object> rebuild = (Map<String, Object>) report.get("rebuild");
        if (rebuild != null) {
            md.append("\n## Rebuild\n\n").append("Fill: ").append(rebuild.get("fill")).append("\n\n")
                    .append("| group | events | done | events/s (service) | wall s | events/s (wall) |\n")
                    .append("|---|---:|---|---:|---:|---:|\n");
            for (String group : RebuildBench.GROUPS) {
                if (rebuild.get(group) instanceof Map<?, ?> g) {
                    md.append(String.format("| %s | %s | %s | %s | %s | %s |%n", group, g.get("events"),
                            g.get("done"), g.get("eventsPerSecond"), g.get("wallSeconds"),
                            g.get("wallEventsPerSecond")));
                }
            }
        }
        if (report.get("ledger") instanceof Map<?, ?> ledger) {
            md.append("\n## Ledger verification\n\n")
                    .append("| events | cases | store MB | fill s | checkpoint s | sequential read s (events/s) |"
                            + " verify s (events/s) | verify ÷ read | verified |\n")
                    .append("|---:|---:|---:|---:|---:|---|---|---:|---|\n")
                    .append(String.format("| %s | %s | %s | %s | %s | %s (%s) | %s (%s) | %s | %s |%n",
                            ledger.get("events"), ledger.get("cases"), ledger.get("storeMegabytes"),
                            ledger.get("fillSeconds"), ledger.get("checkpointSeconds"),
                            ledger.get("sequentialReadSeconds"), ledger.get("sequentialReadPerSecond"),
                            ledger.get("verifySeconds"), ledger.get("verifyPerSecond"),
                            ledger.get("verifyToReadRatio"), ledger.get("verified")));
        }
        md.append("\n## Goals (issue 6: 2 cores, embedded default, everything on one machine)\n\n")
                .append("| goal | target | measured | verdict |\n|---|---|---:|---|\n");
        for (Map<String, Object> g : (List<Map<String, Object>>) report.get("goals")) {
            md.append(String.format("| %s | %s | %s | %s |%n", g.get("goal"), g.get("target"),
                    g.get("measured") == null ? "–" : g.get("measured"), g.get("verdict")));
        }
        md.append("\nA missed goal needs a profile (JFR of the service during the load) before it is fixed or"
                + " accepted.\n");
        return md.toString();
    }

    private static void row(StringBuilder md, String kind, Map<String, Object> s) {
        md.append(String.format("| %s | %s | %s | %s | %s | %s | %s | %s |%n", kind, s.get("count"), s.get("failed"),
                s.get("perSecond"), s.get("p50Ms"), s.get("p99Ms"), s.get("p999Ms"), s.get("maxMs")));
    }
}
