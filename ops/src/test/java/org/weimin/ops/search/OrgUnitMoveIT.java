package org.weimin.ops.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.weimin.ops.it.Api;
import org.weimin.ops.it.AppProcess;
import org.weimin.ops.it.TestData;

/**
 * Supervisor search and figures follow a move of an org unit (README "Reference data"), through the packaged
 * application against the build's Elasticsearch (an index prefix of its own). Cases are received at a window of
 * 甲街道政务服务中心 ({@code JJD-ZX}, A) under 甲街道为民服务中心 ({@code JJD-WM}, P1); an administrator moves A under
 * 乙街道为民服务中心 ({@code YJD-WM}, P2): then P2's supervisor finds them with a subtree filter and P2's figures count them,
 * while P1's supervisor no longer finds them; a rebuild of {@code case-search} afterwards gives the same answers.
 */
class OrgUnitMoveIT {
    private static final String A = "JJD-ZX";
    private static final String P1 = "JJD-WM";
    private static final String P2 = "YJD-WM";
    /** Tuesday 2026-03-03 10:00 in Beijing: the clock stands still there, so the figures' month is fixed. */
    private static final String NOW = "2026-03-03T02:00:00Z";
    private static final String PASSWORD = "move-test-password-1";

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void searchAndFiguresFollowAMovedUnitAndARebuildAgrees() throws Exception {
        Path data = AppProcess.freshDir("org-unit-move-data");
        try (AppProcess app = AppProcess.start("org-unit-move", data, "--weimin.clock.fixed=" + NOW)) {
            Api api = new Api(app::baseUrl);
            Api.Session admin = api.session("admin", "demo-admin");
            Api.Session window = api.session("jjd-window", "demo-window");
            for (String unit : List.of(P1, P2)) {
                Api.Reply created = admin.post("/api/admin/users", Map.of("username", supervisorOf(unit),
                        "displayName", unit + " 督查", "unit", unit, "roles", List.of("supervisor"),
                        "password", PASSWORD));
                assertThat(created.status()).as("supervisor of %s: %s", unit, created).isEqualTo(201);
            }
            Api.Session p1 = api.session(supervisorOf(P1), PASSWORD);
            Api.Session p2 = api.session(supervisorOf(P2), PASSWORD);

            for (int i = 0; i < 3; i++) {
                receive(window, i);
            }
            await("three cases under P1").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300))
                    .until(() -> total(p1, "unit=" + P1) == 3);
            assertThat(total(p2, "unit=" + P2)).isZero();
            assertThat(received(p2, P2)).isZero();

            Api.Reply moved = admin.post("/api/admin/reference/org-units/" + A, Map.of("parent", P2));
            assertThat(moved.status()).as("move %s under %s: %s", A, P2, moved).isEqualTo(200);
            receive(window, 3); // one more, received after the move

            await("the cases follow the move").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300))
                    .until(() -> total(p2, "unit=" + P2) == 4);
            assertFiledUnderP2(p1, p2);

            Api.Reply started = admin.post("/api/admin/projections/case-search/rebuild", Map.of());
            assertThat(started.status()).as("rebuild %s", started).isEqualTo(202);
            JsonNode done = await("rebuild finished").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300))
                    .until(() -> admin.get("/api/admin/projections/case-search/rebuild").json(),
                            p -> !p.path("state").asText().equals("RUNNING"));
            assertThat(done.path("state").asText()).as("rebuild %s", done).isEqualTo("DONE");
            assertFiledUnderP2(p1, p2);
        }
    }

    private static void assertFiledUnderP2(Api.Session p1, Api.Session p2) throws Exception {
        assertThat(total(p2, "unit=" + P2)).as("P2's subtree").isEqualTo(4);
        assertThat(total(p2, "holder=" + P2)).as("held in P2's subtree").isEqualTo(4);
        assertThat(total(p2, "unit=" + A)).isEqualTo(4);
        assertThat(total(p1, "unit=" + P1)).as("P1's subtree no longer").isZero();
        assertThat(total(p1, "holder=" + P1)).isZero();
        assertThat(received(p2, P2)).as("P2's figures").isEqualTo(4);
        assertThat(received(p1, P1)).as("P1's figures").isZero();
    }

    private static String supervisorOf(String unit) {
        return unit.toLowerCase() + "-supervisor";
    }

    private static void receive(Api.Session window, int n) throws Exception {
        Api.Reply receipt = window.post("/api/cases", TestData.receiveBody(TestData.name(new Random(n), n)));
        assertThat(receipt.status()).as("receipt %s", receipt).isEqualTo(201);
    }

    private static long total(Api.Session supervisor, String query) throws Exception {
        Api.Reply reply = supervisor.get("/api/supervision/cases/search?" + query + "&size=50");
        assertThat(reply.status()).as("search %s: %s", query, reply).isEqualTo(200);
        return reply.json().path("total").asLong();
    }

    /** {@code received} for the unit's subtree rolled up, March 2026. */
    private static long received(Api.Session supervisor, String unit) throws Exception {
        Api.Reply reply = supervisor.get("/api/supervision/figures?dimension=unit&unit=" + unit
                + "&granularity=month&period=2026-03");
        assertThat(reply.status()).as("figures of %s: %s", unit, reply).isEqualTo(200);
        JsonNode received = reply.json().path("rows").path(0).path("periods").path(0).path("figures").path("received");
        assertThat(received.path("count").isNumber()).as("received in %s", reply).isTrue();
        return received.path("count").asLong();
    }
}
