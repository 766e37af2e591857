package org.weimin.ops.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ledger benchmark at a smoke size (the 1,000,000-event run is on demand, README "Benchmark"): it fills, signs,
 * reads and verifies, reports positive figures, finds the store it wrote intact, and removes its scratch store.
 * Never a speed.
 */
class LedgerBenchTest {

    @Test
    void aSmallRunVerifiesItsStoreAndReportsEveryFigure(@TempDir Path work) throws Exception {
        Map<String, Object> r = LedgerBench.run(work, 2_000);
        assertThat(r.get("verified")).isEqualTo(true);
        assertThat(r.get("events")).isEqualTo(2_000L);
        assertThat(r.get("cases")).isEqualTo(400L);
        assertThat(r.get("checkpointEvents")).isEqualTo(2_000L);
        for (String figure : new String[] {"fillSeconds", "sequentialReadPerSecond", "verifySeconds",
                "verifyPerSecond", "verifyToReadRatio"}) {
            assertThat(((Number) r.get(figure)).doubleValue()).as(figure).isPositive();
        }
        try (var left = Files.list(work)) {
            assertThat(left).as("scratch store removed").isEmpty();
        }
    }
}
