package org.weimin.ops.bench;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * Latencies and outcomes per kind of request (receive, forward, lookup, ...) in HdrHistogram histograms of
 * microseconds (1 µs to 10 min, 3 significant digits), plus counts of successes and failures. Thread-safe; only what
 * is recorded while {@link #measuring} is true counts (warm-up is dropped).
 */
public final class Latencies {
    private static final long HIGHEST_MICROS = TimeUnit.MINUTES.toMicros(10);

    private final Map<String, ConcurrentHistogram> histograms = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> failures = new ConcurrentHashMap<>();
    private final Map<String, Map<String, LongAdder>> failureReasons = new ConcurrentHashMap<>();
    private volatile boolean measuring;

    /** Starts (true) or stops (false) counting. */
    public void measuring(boolean on) {
        measuring = on;
    }

    /** Whether recordings count now. */
    public boolean measuring() {
        return measuring;
    }

    /** A success of {@code kind} that took {@code nanos}. */
    public void success(String kind, long nanos) {
        if (measuring) {
            histogram(kind).recordValue(Math.min(HIGHEST_MICROS, Math.max(1, nanos / 1000)));
        }
    }

    /** A success of {@code kind} recorded whether or not measuring (a sample that was started while measuring). */
    public void sample(String kind, long nanos) {
        histogram(kind).recordValue(Math.min(HIGHEST_MICROS, Math.max(1, nanos / 1000)));
    }

    /** A failure of {@code kind}: an unexpected status, a time-out or a connection failure, with a short reason. */
    public void failure(String kind, String reason) {
        if (measuring) {
            failures.computeIfAbsent(kind, k -> new LongAdder()).increment();
            failureReasons.computeIfAbsent(kind, k -> new ConcurrentHashMap<>())
                    .computeIfAbsent(reason, r -> new LongAdder()).increment();
        }
    }

    private ConcurrentHistogram histogram(String kind) {
        return histograms.computeIfAbsent(kind, k -> new ConcurrentHistogram(HIGHEST_MICROS, 3));
    }

    /** Successful count of {@code kind}. */
    public long count(String kind) {
        ConcurrentHistogram h = histograms.get(kind);
        return h == null ? 0 : h.getTotalCount();
    }

    /** Failed count of {@code kind}. */
    public long failures(String kind) {
        LongAdder f = failures.get(kind);
        return f == null ? 0 : f.sum();
    }

    /** Failed requests of every kind. */
    public long failures() {
        return failures.values().stream().mapToLong(LongAdder::sum).sum();
    }

    /** The kinds recorded, each once. */
    public java.util.Set<String> kinds() {
        java.util.Set<String> kinds = new java.util.TreeSet<>(histograms.keySet());
        kinds.addAll(failures.keySet());
        return kinds;
    }

    /** The union of the histograms of {@code kinds} (a copy). */
    public Histogram merged(Iterable<String> kinds) {
        Histogram all = new Histogram(HIGHEST_MICROS, 3);
        for (String kind : kinds) {
            ConcurrentHistogram h = histograms.get(kind);
            if (h != null) {
                all.add(h);
            }
        }
        return all;
    }

    /** Summary of one kind: count, failures, rate over {@code seconds}, latency percentiles in ms. */
    public Map<String, Object> summary(String kind, double seconds) {
        Map<String, Object> s = summary(merged(java.util.List.of(kind)), failures(kind), seconds);
        Map<String, LongAdder> reasons = failureReasons.get(kind);
        if (reasons != null && !reasons.isEmpty()) {
            Map<String, Long> r = new java.util.TreeMap<>();
            reasons.forEach((k, v) -> r.put(k, v.sum()));
            s.put("failureReasons", r);
        }
        return s;
    }

    /** Summary of a histogram (µs): count, failures, rate over {@code seconds}, latency percentiles in ms. */
    public static Map<String, Object> summary(Histogram h, long failed, double seconds) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("count", h.getTotalCount());
        s.put("failed", failed);
        s.put("perSecond", round(seconds > 0 ? h.getTotalCount() / seconds : 0));
        s.put("p50Ms", ms(h, 50));
        s.put("p99Ms", ms(h, 99));
        s.put("p999Ms", ms(h, 99.9));
        s.put("maxMs", round(h.getTotalCount() == 0 ? 0 : h.getMaxValue() / 1000.0));
        s.put("meanMs", round(h.getTotalCount() == 0 ? 0 : h.getMean() / 1000.0));
        return s;
    }

    /** The percentile in milliseconds (0 for an empty histogram). */
    public static double ms(Histogram h, double percentile) {
        return h.getTotalCount() == 0 ? 0 : round(h.getValueAtPercentile(percentile) / 1000.0);
    }

    static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
