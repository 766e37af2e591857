package org.weimin.ops.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How the report judges the goals of issue 6 from the figures it collected. */
class BenchReportTest {

    private static Map<String, Object> latency(long count, double p99) {
        return Map.of("count", count, "p99Ms", p99, "perSecond", count / 60.0);
    }

    private static Map<String, Object> report(Map<String, Object> lagView, Map<String, Long> timedOut,
                                              double lookupTarget) {
        Map<String, Object> kinds = new LinkedHashMap<>();
        kinds.put("lookup", Map.of("count", 12_600L, "p99Ms", 12.0, "perSecond", 210.0));
        kinds.put("lag.readModel", lagView);
        kinds.put("lag.search", latency(40, 900));
        Map<String, Object> load = new LinkedHashMap<>();
        load.put("commands", Map.of("count", 60_000L, "perSecond", 1000.0, "p99Ms", 60.0));
        load.put("kinds", kinds);
        load.put("lagTimedOut", timedOut);
        load.put("lookupRateTarget", lookupTarget);
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("load", load);
        report.put("ratioToRawAppend", 0.6);
        return report;
    }

    private static Map<String, String> verdicts(List<BenchReport.Goal> goals) {
        Map<String, String> verdicts = new LinkedHashMap<>();
        goals.forEach(g -> verdicts.put(g.goal().replaceAll(" \\(target.*", ""), g.verdict()));
        return verdicts;
    }

    @Test
    void figuresAreJudgedAgainstTheIssuesTargets() {
        Map<String, String> v = verdicts(BenchReport.goals(report(latency(50, 400),
                Map.of("lag.readModel", 0L, "lag.search", 0L), 200)));

        assertThat(v).containsEntry("durable commands/s over HTTP", "met")
                .containsEntry("command latency p99", "missed")
                .containsEntry("commands/s ÷ raw append rate", "met")
                .containsEntry("public lookup p99 during the load", "met")
                .containsEntry("public lookups/s achieved", "met")
                .containsEntry("replay into the read models (case-view)", "not measured")
                .containsEntry("projection lag p99, read model", "met")
                .containsEntry("projection lag p99, search index", "met");
    }

    @Test
    void aLagSampleNeverSeenMissesTheGoalEvenWhenNoOtherSampleArrived() {
        Map<String, String> v = verdicts(BenchReport.goals(report(latency(0, 0),
                Map.of("lag.readModel", 3L, "lag.search", 0L), 200)));

        assertThat(v).containsEntry("projection lag p99, read model", "missed");
    }

    @Test
    void figuresWithoutSamplesAreNotMeasuredRatherThanMet() {
        Map<String, String> v = verdicts(BenchReport.goals(report(latency(0, 0),
                Map.of("lag.readModel", 0L, "lag.search", 0L), 0)));

        assertThat(v).containsEntry("projection lag p99, read model", "not measured")
                .containsEntry("public lookups/s achieved", "not measured");
    }
}
