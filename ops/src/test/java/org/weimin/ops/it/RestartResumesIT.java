package org.weimin.ops.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.weimin.events.privacy.Masking;

/**
 * After a normal stop and start on the same data directory the read model resumes from its tracking token: the
 * {@code case-view} processor handles no event again (no replay; {@code handledSinceStart} stays 0 and its position is
 * the one it had before the stop), the cases are still readable, and the next receipt is handled once.
 */
class RestartResumesIT {

    @Test
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    void aNormalRestartResumesFromTheTrackingTokenWithoutReplay() throws Exception {
        Path data = AppProcess.freshDir("restart-data");
        try (AppProcess app = AppProcess.start("restart", data)) {
            Api api = new Api(app::baseUrl);
            Api.Session staff = api.session("jjd-window", "demo-window");
            Api.Session admin = api.session("admin", "demo-admin");

            List<String> names = List.of("周恩重启", "欧阳续跑", "𡈼不重放");
            List<String> caseIds = new ArrayList<>();
            for (String name : names) {
                Api.Reply receipt = staff.post("/api/cases", TestData.receiveBody(name));
                assertThat(receipt.status()).as("receipt %s", receipt).isEqualTo(201);
                caseIds.add(receipt.text("/caseId"));
            }
            for (int i = 0; i < names.size(); i++) {
                awaitReadable(staff, caseIds.get(i), names.get(i));
            }
            JsonNode before = await("case-view has handled the 3 receipts").atMost(Duration.ofSeconds(30))
                    .until(() -> caseView(admin), p -> p.path("handledSinceStart").asLong() == names.size()
                            && !p.path("positions").isEmpty());
            Map<String, Long> positionsBefore = positions(before);

            assertThat(app.stop()).as("normal stop (SIGTERM) ends the process within %s", AppProcess.STOP_TIMEOUT)
                    .isTrue();
            app.start();

            // The processor claims its segment shortly after start; then it must be where it was, having handled nothing.
            JsonNode after = await("case-view running with a position after restart").atMost(Duration.ofSeconds(30))
                    .until(() -> caseView(admin), p -> p.path("running").asBoolean() && !p.path("positions").isEmpty());
            assertThat(positions(after)).as("case-view positions after restart").isEqualTo(positionsBefore);
            assertThat(after.path("handledSinceStart").asLong()).as("events handled since restart").isZero();
            assertThat(after.path("replaying").asBoolean()).isFalse();
            assertThat(after.path("error").asBoolean()).isFalse();

            for (int i = 0; i < names.size(); i++) {
                awaitReadable(staff, caseIds.get(i), names.get(i));
            }
            JsonNode stillIdle = caseView(admin);
            assertThat(stillIdle.path("handledSinceStart").asLong()).as("still nothing replayed").isZero();
            assertThat(positions(stillIdle)).isEqualTo(positionsBefore);

            Api.Reply next = staff.post("/api/cases", TestData.receiveBody("钱新来"));
            assertThat(next.status()).as("receipt %s", next).isEqualTo(201);
            await("case-view handled exactly the new receipt").atMost(Duration.ofSeconds(30))
                    .until(() -> caseView(admin).path("handledSinceStart").asLong() == 1);
            awaitReadable(staff, next.text("/caseId"), "钱新来");
            JsonNode end = caseView(admin);
            assertThat(end.path("handledSinceStart").asLong()).isEqualTo(1);
            long positionBefore = positionsBefore.values().stream().mapToLong(Long::longValue).max().orElseThrow();
            assertThat(positions(end).values().stream().mapToLong(Long::longValue).max().orElseThrow())
                    .as("position moved past the new event").isGreaterThan(positionBefore);
            assertThat(app.stop()).isTrue();
        }
    }

    private static void awaitReadable(Api.Session staff, String caseId, String name) {
        await("case " + caseId + " readable").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .untilAsserted(() -> {
                    Api.Reply view = staff.getUnchecked("/api/cases/" + caseId);
                    assertThat(view.status()).as("staff view %s", view).isEqualTo(200);
                    assertThat(view.text("/applicant/name")).isEqualTo(Masking.name(name));
                    assertThat(view.text("/status")).isEqualTo("IN_PROGRESS");
                });
    }

    private static JsonNode caseView(Api.Session admin) throws Exception {
        Api.Reply reply = admin.get("/api/admin/projections");
        assertThat(reply.status()).as("projection status %s", reply).isEqualTo(200);
        for (JsonNode processor : reply.json()) {
            if ("case-view".equals(processor.path("name").asText())) {
                return processor;
            }
        }
        throw new AssertionError("no case-view processor in " + reply);
    }

    private static Map<String, Long> positions(JsonNode processor) {
        Map<String, Long> positions = new java.util.TreeMap<>();
        processor.path("positions").fields().forEachRemaining(e -> positions.put(e.getKey(), e.getValue().asLong()));
        return positions;
    }
}
