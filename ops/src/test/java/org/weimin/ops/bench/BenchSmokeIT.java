package org.weimin.ops.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.weimin.ops.it.AppProcess;

/**
 * CI smoke of the benchmark: the packaged service (with the build's Elasticsearch) driven by {@link BenchCli} for 25 s
 * at concurrency 2 with lookups, searches and lag probes, and the baselines for a few seconds each. It checks that
 * the tool works end to end — a report in JSON and Markdown, no failed request, every figure positive — and never
 * how fast anything is: speed goals are judged in the report of an on-demand run, not in a timed test on a shared
 * CI machine. Full runs: {@code java -jar weimin.jar bench} (README, "Benchmark").
 */
class BenchSmokeIT {

    @Test
    @Timeout(value = 6, unit = TimeUnit.MINUTES)
    void aShortRunWritesAReportWithoutFailedRequestsAndPositiveFigures() throws Exception {
        Path out = AppProcess.freshDir("bench-out");
        // The load tool's public lookups and evaluations all come from one address: the loadtest profile's limits.
        try (AppProcess app = AppProcess.start("bench", AppProcess.freshDir("bench-data"),
                "--spring.profiles.active=loadtest")) {
            int exit = BenchCli.run(new String[]{"--url=" + app.baseUrl(), "--duration=PT25S", "--warmup=PT5S",
                    "--concurrency=2", "--lookup-rate=20", "--searches-per-case=0.5", "--lag-sample-every=2",
                    "--baseline-duration=PT3S", "--out=" + out, "--conditions=CI smoke (BenchSmokeIT)"});

            assertThat(out.resolve("latest.md")).exists();
            assertThat(Files.readString(out.resolve("latest.md"))).contains("## Load", "## Baselines", "## Goals");
            JsonNode report = new ObjectMapper().readTree(out.resolve("latest.json").toFile());
            assertThat(report.path("failedRequests").asLong()).as("failed requests: %s", report.path("load")
                    .path("kinds")).isZero();
            assertThat(exit).as("exit code").isZero();

            JsonNode load = report.path("load");
            assertThat(load.path("commands").path("perSecond").asDouble()).isPositive();
            assertThat(load.path("casesCompleted").asLong()).isPositive();
            for (String kind : new String[]{"receive", "forward", "accept", "notice", "supplement", "complete",
                    "evaluate", "lookup", "search", "lag.readModel", "lag.search"}) {
                JsonNode k = load.path("kinds").path(kind);
                assertThat(k.path("count").asLong()).as("%s count", kind).isPositive();
                assertThat(k.path("p50Ms").asDouble()).as("%s p50", kind).isPositive();
                assertThat(k.path("p99Ms").asDouble()).as("%s p99", kind)
                        .isGreaterThanOrEqualTo(k.path("p50Ms").asDouble());
                assertThat(k.path("p999Ms").asDouble()).as("%s p99.9", kind)
                        .isGreaterThanOrEqualTo(k.path("p99Ms").asDouble());
            }
            for (JsonNode append : report.path("baselines").path("append")) {
                assertThat(append.path("perSecond").asDouble()).as("append baseline %s", append).isPositive();
            }
            for (JsonNode readModel : report.path("baselines").path("readModel")) {
                assertThat(readModel.path("perSecond").asDouble()).as("read-model baseline %s", readModel)
                        .isPositive();
            }
            assertThat(report.path("baselines").path("append").size()).isEqualTo(2);
            assertThat(report.path("ratioToRawAppend").asDouble()).isPositive();
            assertThat(report.path("machine").path("cores").asInt()).isPositive();
            assertThat(report.path("goals").size()).isEqualTo(8);
        }
    }
}
