package org.weimin.ops.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 7 end to end on the packaged application with the demo accounts: a sample of denied combinations (another
 * unit's staff, the auditor, the administrator and the importer acting on a case of 甲街道) each answer 403 with a
 * stable code, the staff view's sequence does not move, and after the stop the event store holds exactly the case's
 * one receipt. The full matrix runs in-process ({@code AccessMatrixHttpTest}).
 */
class AccessDeniedIT {

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void deniedCombinationsChangeNothingInTheStore() throws Exception {
        Path data = AppProcess.freshDir("access-data");
        String caseId;
        try (AppProcess app = AppProcess.start("access", data)) {
            Api api = new Api(app::baseUrl);
            Api.Session holder = api.session("jjd-window", "demo-window");
            Api.Session otherCentre = api.session("sfq-window", "demo-window");
            Api.Session handler = api.session("mzj-handler", "demo-handler");
            Api.Session auditor = api.session("auditor", "demo-auditor");
            Api.Session admin = api.session("admin", "demo-admin");
            Api.Session importer = api.session("importer", "demo-importer");

            Api.Reply receipt = holder.post("/api/cases", TestData.receiveBody("权限测试"));
            assertThat(receipt.status()).as("receipt %s", receipt).isEqualTo(201);
            caseId = receipt.text("/caseId");
            String id = caseId;
            await("staff view of the receipt").atMost(Duration.ofSeconds(30))
                    .until(() -> holder.get("/api/cases/" + id).status() == 200);
            long sequence = holder.get("/api/cases/" + id).json().path("sequence").asLong();

            Map<String, String> reason = Map.of("reason", "越权");
            Map<String, Object> completion = Map.of("result", "GRANTED", "resultText", "越权办结");
            List<String> wrong = new ArrayList<>();
            expect(wrong, "another centre completes", otherCentre.post(path(id, "completion"), completion),
                    "NOT_CASE_HOLDER");
            expect(wrong, "a line department forwards", handler.post(path(id, "forward"),
                    Map.of("targetUnit", "SFQ-RSJ", "reason", "越权")), "NOT_CASE_HOLDER");
            expect(wrong, "the auditor completes", auditor.post(path(id, "completion"), completion), "FORBIDDEN");
            expect(wrong, "the administrator reopens", admin.post(path(id, "reopen"), reason), "FORBIDDEN");
            expect(wrong, "the importer urges", importer.post(path(id, "urge"), Map.of("text", "越权")), "FORBIDDEN");
            expect(wrong, "the administrator reads", admin.get("/api/cases/" + id), "FORBIDDEN");
            expect(wrong, "another centre reads", otherCentre.get("/api/cases/" + id), "FORBIDDEN");
            expect(wrong, "the auditor imports", auditor.post("/api/import/cases", Map.of()), "FORBIDDEN");
            assertThat(wrong).as("denied combinations answered otherwise").isEmpty();

            assertThat(auditor.get("/api/cases/" + id).status()).as("the auditor reads everything").isEqualTo(200);
            assertThat(holder.get("/api/cases/" + id).json().path("sequence").asLong())
                    .as("the case's sequence after the denials").isEqualTo(sequence);
            assertThat(app.stop()).isTrue();
        }
        try (EventStoreFile store = EventStoreFile.open(data)) {
            assertThat(store.jdbc().queryForList("SELECT payloadType FROM DomainEventEntry WHERE aggregateIdentifier = ?",
                    String.class, caseId)).as("events of the case in the store").containsExactly(
                    EventStoreFile.CASE_RECEIVED);
        }
    }

    private static String path(String caseId, String command) {
        return "/api/cases/" + caseId + "/" + command;
    }

    private static void expect(List<String> wrong, String what, Api.Reply reply, String code) {
        if (reply.status() != 403 || !code.equals(reply.text("/code"))) {
            wrong.add(what + ": expected 403 " + code + ", got " + reply);
        }
    }
}
