package org.weimin.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The privileged import API (issue 6): only the importer may call it; a record becomes a case with its historical
 * times through the normal events; the same row twice, or the same content under another id, creates nothing new;
 * times out of order are refused and change nothing.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ImportHttpTest extends HttpTestSupport {
    @TempDir
    static Path dataDir;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("weimin.data-dir", () -> dataDir.toString());
        registry.add("weimin.clock.fixed", () -> "2026-11-30T02:00:00Z");
    }

    static Map<String, Object> record(String rowId, String subject) {
        Map<String, Object> body = new HashMap<>();
        body.put("source", "test-board");
        body.put("rowId", rowId);
        body.put("receivedAt", "2019-04-25T01:32:09Z"); // 2019-04-25 09:32:09 Beijing
        body.put("window", "SFQ-ZX-W90");
        body.put("serviceItem", "XF-001");
        body.put("channel", "ONLINE");
        body.put("subject", subject);
        body.put("description", "小区物业管理有问题，停车费收取不合理");
        body.put("forwardTo", "SFQ-ZJJ");
        body.put("completedAt", "2019-05-10T07:00:00Z");
        body.put("resultText", "经核查，已责成物业公司整改。示范区住房和城乡建设局");
        return body;
    }

    @Test
    void aRecordBecomesACaseWithItsHistoricalTimesOnce() {
        String importer = token("importer", "demo-importer");
        ResponseEntity<JsonNode> created = post("/api/import/cases", importer, record("2549", "物业管理有问题"));
        assertThat(created.getStatusCode().value()).as("%s", created.getBody()).isEqualTo(201);
        assertThat(created.getBody().path("outcome").asText()).isEqualTo("CREATED");
        String caseId = created.getBody().path("caseId").asText();
        String trackingNumber = created.getBody().path("trackingNumber").asText();

        ResponseEntity<JsonNode> again = post("/api/import/cases", importer, record("2549", "物业管理有问题"));
        assertThat(again.getStatusCode().value()).isEqualTo(200);
        assertThat(again.getBody().path("outcome").asText()).isEqualTo("EXISTS");
        assertThat(again.getBody().path("caseId").asText()).isEqualTo(caseId);

        ResponseEntity<JsonNode> sameContent = post("/api/import/cases", importer, record("9999", "物业管理有问题"));
        assertThat(sameContent.getBody().path("outcome").asText()).isEqualTo("DUPLICATE_CONTENT");
        assertThat(sameContent.getBody().path("duplicateOf").asText()).isEqualTo("2549");
        assertThat(sameContent.getBody().path("caseId").asText()).isEqualTo(caseId);

        String supervisor = token("sfq-supervisor", "demo-supervisor");
        JsonNode view = staffView(caseId, supervisor, 3);
        assertThat(view.path("status").asText()).isEqualTo("COMPLETED");
        assertThat(view.path("receivedAt").asText()).isEqualTo("2019-04-25T01:32:09Z");
        assertThat(view.at("/holder/code").asText()).isEqualTo("SFQ-ZJJ");
        JsonNode lookup = ok(get("/api/public/cases/" + trackingNumber, null));
        assertThat(lookup.path("status").asText()).isEqualTo("COMPLETED");
        assertThat(lookup.toString()).doesNotContain("物业管理有问题");
    }

    @Test
    void onlyTheImporterMayImportAndBadTimesChangeNothing() {
        assertProblem(post("/api/import/cases", token("sfq-window", "demo-window"), record("1", "窗口人员不能导入")), 403,
                "FORBIDDEN");
        String importer = token("importer", "demo-importer");
        Map<String, Object> backwards = record("2", "答复早于留言");
        backwards.put("completedAt", "2019-04-24T00:00:00Z");
        assertProblem(post("/api/import/cases", importer, backwards), 400, "VALIDATION_FAILED");
        Map<String, Object> future = record("3", "来自未来的留言");
        future.put("receivedAt", "2027-01-01T00:00:00Z");
        future.remove("completedAt");
        assertProblem(post("/api/import/cases", importer, future), 400, "VALIDATION_FAILED");
        Map<String, Object> notAWindow = record("4", "不是窗口");
        notAWindow.put("window", "SFQ-ZX");
        assertProblem(post("/api/import/cases", importer, notAWindow), 400, "VALIDATION_FAILED");
        Map<String, Object> badSource = record("5", "来源名非法");
        badSource.put("source", "../etc");
        assertProblem(post("/api/import/cases", importer, badSource), 400, "VALIDATION_FAILED");
        // None of the refused rows exists afterwards: importing the corrected row 2 creates it.
        Map<String, Object> corrected = record("2", "答复早于留言");
        assertThat(post("/api/import/cases", importer, corrected).getBody().path("outcome").asText())
                .isEqualTo("CREATED");
    }
}
