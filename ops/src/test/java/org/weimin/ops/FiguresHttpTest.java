package org.weimin.ops;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The figures endpoints over HTTP without Elasticsearch (Surefire runs none; the figures themselves are checked in
 * {@code FiguresIT}): bad parameters are 400 problems, callers outside the roles or the subtree 403, and an unreachable
 * index a retryable 503 — all as problem details with stable codes.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class FiguresHttpTest extends HttpTestSupport {
    @TempDir
    static Path dataDir;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("weimin.data-dir", () -> dataDir.toString());
    }

    @Test
    void badParametersAreValidationProblems() {
        String supervisor = token("sfq-supervisor", "demo-supervisor");
        assertProblem(get("/api/supervision/figures?dimension=unit&period=2026-03&colour=red", supervisor), 400,
                "VALIDATION_FAILED");
        assertProblem(get("/api/supervision/figures?dimension=unit&granularity=week&period=2026-03", supervisor), 400,
                "VALIDATION_FAILED");
        assertProblem(get("/api/supervision/figures?dimension=unit&granularity=month&period=2026-13", supervisor),
                400, "VALIDATION_FAILED");
        assertProblem(get("/api/supervision/figures?dimension=street&period=2026-03", supervisor), 400,
                "VALIDATION_FAILED");
        assertProblem(get("/api/supervision/figures/explain?figure=speed&dimension=unit&unit=SFQ&period=2026-03",
                supervisor), 400, "VALIDATION_FAILED");
        assertProblem(get("/api/supervision/figures?dimension=unit&unit=NOPE&period=2026-03", supervisor), 400,
                "UNKNOWN_ORG_UNIT");
    }

    @Test
    void onlySupervisorsWithinTheirSubtreeAndAuditorsGetFigures() {
        assertProblem(get("/api/supervision/figures?dimension=unit&period=2026-03",
                token("jjd-window", "demo-window")), 403, "FORBIDDEN");
        assertProblem(get("/api/supervision/figures?dimension=unit&unit=SFS&period=2026-03",
                token("sfq-supervisor", "demo-supervisor")), 403, "FORBIDDEN");
        assertProblem(get("/api/supervision/figures?dimension=unit&period=2026-03", null), 401,
                "AUTHENTICATION_REQUIRED");
    }

    @Test
    void withoutElasticsearchFiguresAreARetryable503() {
        assertProblem(get("/api/supervision/figures?dimension=centre&unit=JJD&period=2026-03",
                token("sfq-supervisor", "demo-supervisor")), 503, "SEARCH_UNAVAILABLE");
        assertProblem(get("/api/supervision/figures/explain?figure=received&dimension=unit&unit=JJD&period=2026-03",
                token("sfq-supervisor", "demo-supervisor")), 503, "SEARCH_UNAVAILABLE");
    }
}
