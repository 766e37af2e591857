package org.weimin.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole lifecycle over HTTP, checking the public timeline after every step: receive → forward → return →
 * forward → accept → notify missing → supplement → notify progress → complete → evaluate; then a breach of the
 * one-time-notice rule, its justification, a reopen and a second evaluation; and many concurrent writers on one case.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class CaseJourneyHttpTest {
    @TempDir
    static Path dataDir;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("weimin.data-dir", () -> dataDir.toString());
        registry.add("weimin.clock.fixed", () -> "2025-03-04T02:00:00Z"); // Tue 10:00 Beijing
    }

    @Autowired
    TestRestTemplate http;
    @Autowired
    ObjectMapper json;
    @Autowired
    JdbcTemplate jdbc;

    private String window;
    private String department;
    private String supervisor;

    @BeforeEach
    void login() {
        window = token("jjd-window", "demo-window");
        department = token("mzj-handler", "demo-handler");
        supervisor = token("sfq-supervisor", "demo-supervisor");
    }

    @Test
    void aCaseWalksThroughItsWholeLifeAndThePublicSeesEveryStep() {
        JsonNode receipt = ok(post("/api/cases", window, receiveBody()));
        String id = receipt.get("caseId").asText();
        String tn = receipt.get("trackingNumber").asText();
        String code = receipt.get("verificationCode").asText();
        assertTimeline(tn, 0, "IN_PROGRESS", "JJD-ZX", "RECEIVED");

        ok(post(path(id, "forward"), window, Map.of("targetUnit", "SFQ-MZJ", "reason", "低保审批属民政局")));
        JsonNode afterForward = assertTimeline(tn, 1, "AWAITING_ACCEPTANCE", "SFQ-MZJ", "RECEIVED", "FORWARDED");
        assertThat(afterForward.toString()).doesNotContain("低保审批属民政局");

        ok(post(path(id, "return"), department, Map.of("reason", "请先由街道核实材料")));
        assertTimeline(tn, 2, "IN_PROGRESS", "JJD-ZX", "RECEIVED", "FORWARDED", "RETURNED");

        ok(post(path(id, "forward"), window, Map.of("targetUnit", "SFQ-MZJ", "reason", "已核实，请审批")));
        ok(post(path(id, "acceptance"), department, Map.of()));
        assertTimeline(tn, 4, "IN_PROGRESS", "SFQ-MZJ", "RECEIVED", "FORWARDED", "RETURNED", "FORWARDED",
                "ACCEPTED");
        assertProblem(post(path(id, "return"), department, Map.of("reason", "晚了")), 409, "RETURN_WINDOW_CLOSED");

        ok(post(path(id, "missing-materials-notices"), department, Map.of("materials", List.of("M03"),
                "otherItems", List.of("村（居）委会出具的家庭情况说明"), "channel", "SMS")));
        JsonNode paused = assertTimeline(tn, 5, "PAUSED", "SFQ-MZJ", "RECEIVED", "FORWARDED", "RETURNED",
                "FORWARDED", "ACCEPTED", "NOTICE_SENT");
        assertThat(paused.get("paused").asBoolean()).isTrue();
        assertThat(paused.get("deadline").isNull()).isTrue();
        // Received Tue 03-04, limit 20; the notice on the day of receipt uses no working day.
        assertThat(paused.get("remainingWorkingDays").asInt()).isEqualTo(20);
        assertThat(paused.at("/steps/5/detail").asText()).isEqualTo("2");
        assertThat(paused.toString()).doesNotContain("家庭收入证明", "村（居）委会");
        JsonNode details = details(tn, code);
        assertThat(details.at("/notices/0/items").toString()).contains("家庭收入证明", "村（居）委会出具的家庭情况说明");

        ok(post(path(id, "supplement"), department, Map.of("materials", List.of("M03"),
                "otherItems", List.of("村（居）委会出具的家庭情况说明"))));
        JsonNode resumed = assertTimeline(tn, 6, "IN_PROGRESS", "SFQ-MZJ", "RECEIVED", "FORWARDED", "RETURNED",
                "FORWARDED", "ACCEPTED", "NOTICE_SENT", "SUPPLEMENTED");
        // Supplemented Tue 03-04 with 20 working days left: counted 03-05 … 04-01, due at the end of 04-01.
        assertThat(resumed.get("deadline").asText()).isEqualTo("2025-04-01T16:00:00Z");

        ok(post(path(id, "progress-notices"), department, Map.of("channel", "PHONE", "text", "材料已齐，正在审核")));
        ok(post(path(id, "completion"), department, Map.of("result", "GRANTED", "resultText", "准予享受最低生活保障")));
        JsonNode completed = assertTimeline(tn, 8, "COMPLETED", "SFQ-MZJ", "RECEIVED", "FORWARDED", "RETURNED",
                "FORWARDED", "ACCEPTED", "NOTICE_SENT", "SUPPLEMENTED", "PROGRESS_NOTIFIED", "COMPLETED");
        assertThat(completed.at("/steps/8/detail").asText()).isEqualTo("GRANTED");
        assertThat(completed.toString()).doesNotContain("材料已齐", "准予享受");

        ok(post("/api/public/cases/" + tn + "/evaluation", null, Map.of("verificationCode", code,
                "grade", "VERY_SATISFIED", "comment", "跑一次就办好了")));
        JsonNode evaluated = assertTimeline(tn, 9, "EVALUATED", "SFQ-MZJ", "RECEIVED", "FORWARDED", "RETURNED",
                "FORWARDED", "ACCEPTED", "NOTICE_SENT", "SUPPLEMENTED", "PROGRESS_NOTIFIED", "COMPLETED", "EVALUATED");
        assertThat(evaluated.toString()).doesNotContain("VERY_SATISFIED", "跑一次");

        JsonNode told = details(tn, code);
        assertThat(told.get("resultText").asText()).isEqualTo("准予享受最低生活保障");
        assertThat(told.at("/told/0/text").asText()).isEqualTo("材料已齐，正在审核");

        JsonNode staff = staffView(id, window, 9);
        assertThat(staff.at("/custody").size()).isEqualTo(4);
        assertThat(staff.at("/custody/1/reason").asText()).isEqualTo("请先由街道核实材料");
        assertThat(staff.at("/completion/onTime").asBoolean()).isTrue();
        assertThat(staff.at("/evaluation/comment").asText()).isEqualTo("跑一次就办好了");
    }

    @Test
    void anUnlistedItemIsABreachThatASupervisorMayJustifyAndAReopenedCaseIsEvaluatedAgain() {
        JsonNode receipt = ok(post("/api/cases", window, receiveBody()));
        String id = receipt.get("caseId").asText();
        String tn = receipt.get("trackingNumber").asText();
        String code = receipt.get("verificationCode").asText();
        ok(post(path(id, "missing-materials-notices"), window, Map.of("materials", List.of("M03"), "channel", "IN_PERSON")));
        ok(post(path(id, "supplement"), window, Map.of("materials", List.of("M03"))));
        // The supplement was defective: asking again for M03 is no breach; asking for M04 now is one.
        JsonNode again = ok(post(path(id, "missing-materials-notices"), window,
                Map.of("materials", List.of("M03", "M04"), "channel", "PHONE")));
        assertThat(again.get("sequence").asLong()).as("notice + breach").isEqualTo(4);
        JsonNode breach = staffView(id, window, 4);
        assertThat(breach.at("/notices/1/unlistedItems/0/materialCode").asText()).isEqualTo("M04");
        assertThat(breach.at("/notices/1/responsibleStaff").asText()).isEqualTo("jjd-window");
        assertThat(breach.at("/notices/1/breach").asBoolean()).isTrue();

        assertProblem(post(path(id, "breaches/2/justification"), window, Map.of("reason", "x")), 403, "FORBIDDEN");
        assertProblem(post(path(id, "breaches/1/justification"), supervisor, Map.of("reason", "x")), 404,
                "BREACH_NOT_FOUND");
        ok(post(path(id, "breaches/2/justification"), supervisor, Map.of("reason", "申请人当场补充说明了新情况")));
        assertProblem(post(path(id, "breaches/2/justification"), supervisor, Map.of("reason", "x")), 409,
                "BREACH_ALREADY_JUSTIFIED");
        assertThat(staffView(id, window, 5).at("/notices/1/justification").asText()).isEqualTo("申请人当场补充说明了新情况");

        ok(post(path(id, "completion"), window, Map.of("result", "REFUSED", "resultText", "材料逾期未补正，不予受理")));
        ok(post("/api/public/cases/" + tn + "/evaluation", null, Map.of("verificationCode", code, "grade", "DISSATISFIED")));
        ok(post(path(id, "result-notices"), window, Map.of("channel", "SMS", "text", "您的申请未通过，原因见告知书")));
        assertProblem(post(path(id, "reopen"), window, Map.of("reason", "x")), 403, "FORBIDDEN");
        long reopenedAt = ok(post(path(id, "reopen"), supervisor, Map.of("reason", "群众反映情况有变，重新办理")))
                .get("sequence").asLong();
        JsonNode reopened = assertTimeline(tn, reopenedAt, "IN_PROGRESS", "JJD-ZX", "RECEIVED", "NOTICE_SENT", "SUPPLEMENTED",
                "NOTICE_SENT", "COMPLETED", "EVALUATED", "RESULT_NOTIFIED", "REOPENED");
        assertThat(reopened.get("deadline").asText()).as("a fresh 20 working days from Tue 03-04")
                .isEqualTo("2025-04-01T16:00:00Z");
        ok(post(path(id, "completion"), window, Map.of("result", "GRANTED", "resultText", "复核后准予")));
        long evaluatedAt = ok(post("/api/public/cases/" + tn + "/evaluation", null,
                Map.of("verificationCode", code, "grade", "SATISFIED"))).get("sequence").asLong();
        JsonNode staff = staffView(id, window, evaluatedAt);
        assertThat(staff.get("round").asInt()).isEqualTo(2);
        assertThat(staff.get("completionHistory").size()).isEqualTo(2);
        assertThat(staff.at("/evaluation/grade").asText()).isEqualTo("SATISFIED");
    }

    @Test
    void concurrentWritersWithTheSameExpectedSequenceLeaveExactlyOneWinner() throws Exception {
        String id = ok(post("/api/cases", window, receiveBody())).get("caseId").asText();
        int writers = 16;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<ResponseEntity<JsonNode>>> replies = new ArrayList<>();
            for (int i = 0; i < writers; i++) {
                int n = i;
                Callable<ResponseEntity<JsonNode>> call = () -> {
                    start.await();
                    HttpHeaders headers = headers(window);
                    headers.set("If-Match", "\"0\"");
                    return http.exchange(path(id, "progress-notices"), HttpMethod.POST, new HttpEntity<>(
                            json.writeValueAsString(Map.of("channel", "PHONE", "text", "进度 " + n)), headers),
                            JsonNode.class);
                };
                replies.add(pool.submit(call));
            }
            start.countDown();
            int won = 0;
            for (Future<ResponseEntity<JsonNode>> reply : replies) {
                ResponseEntity<JsonNode> response = reply.get();
                if (response.getStatusCode().value() == 200) {
                    won++;
                } else {
                    assertProblem(response, 409, "CONCURRENT_MODIFICATION");
                    assertThat(response.getBody().get("retryable").asBoolean()).isTrue();
                }
            }
            assertThat(won).isEqualTo(1);

            // Without If-Match every writer gets its turn, each with its own sequence number.
            CountDownLatch go = new CountDownLatch(1);
            List<Future<ResponseEntity<JsonNode>>> all = new ArrayList<>();
            for (int i = 0; i < writers; i++) {
                int n = i;
                all.add(pool.submit(() -> {
                    go.await();
                    return post(path(id, "progress-notices"), window, Map.of("channel", "SMS", "text", "第" + n + "次"));
                }));
            }
            go.countDown();
            List<Long> sequences = new ArrayList<>();
            for (Future<ResponseEntity<JsonNode>> reply : all) {
                sequences.add(ok(reply.get()).get("sequence").asLong());
            }
            assertThat(sequences).doesNotHaveDuplicates().hasSize(writers);
        } finally {
            pool.shutdownNow();
        }
        List<Long> stored = jdbc.queryForList(
                "SELECT sequenceNumber FROM DomainEventEntry WHERE aggregateIdentifier = ? ORDER BY sequenceNumber",
                Long.class, id);
        assertThat(stored).doesNotHaveDuplicates().hasSize(1 + 1 + writers);
        assertThat(stored.get(stored.size() - 1)).isEqualTo(stored.size() - 1);
    }

    @Test
    void custodyAndNoticeRulesAnswerWithStableCodes() {
        String id = ok(post("/api/cases", window, receiveBody())).get("caseId").asText();
        assertProblem(post(path(id, "forward"), window, Map.of("targetUnit", "JJD-ZX", "reason", "x")), 400,
                "FORWARD_TO_HOLDER");
        assertProblem(post(path(id, "forward"), window, Map.of("targetUnit", "SFQ-ZX-W01", "reason", "x")), 400,
                "NOT_A_CASE_HOLDING_UNIT");
        assertProblem(post(path(id, "forward"), window, Map.of("targetUnit", "NOPE", "reason", "x")), 400,
                "UNKNOWN_ORG_UNIT");
        assertProblem(post(path(id, "forward"), window, Map.of("targetUnit", "SFQ-MZJ")), 400, "VALIDATION_FAILED");
        assertProblem(post(path(id, "acceptance"), window, Map.of()), 409, "NOT_AWAITING_ACCEPTANCE");
        assertProblem(post(path(id, "supplement"), window, Map.of()), 409, "NOT_PAUSED");
        assertProblem(post(path(id, "missing-materials-notices"), window, Map.of("materials", List.of("M99"),
                "channel", "SMS")), 400, "UNKNOWN_MATERIAL");
        assertProblem(post(path(id, "missing-materials-notices"), window, Map.of("channel", "SMS")), 400,
                "VALIDATION_FAILED");
        assertProblem(post(path(id, "result-notices"), window, Map.of("channel", "SMS", "text", "x")), 409,
                "CASE_NOT_COMPLETED");
        HttpHeaders badIfMatch = headers(window);
        badIfMatch.set("If-Match", "abc");
        assertProblem(http.exchange(path(id, "acceptance"), HttpMethod.POST, new HttpEntity<>("{}", badIfMatch),
                JsonNode.class), 400, "VALIDATION_FAILED");
        ok(post(path(id, "forward"), window, Map.of("targetUnit", "SFQ-MZJ", "reason", "转民政局")));
        // The forwarding unit no longer holds it; the target must accept before handling it.
        assertProblem(post(path(id, "progress-notices"), window, Map.of("channel", "SMS", "text", "x")), 403,
                "NOT_CASE_HOLDER");
        assertProblem(post(path(id, "completion"), department, Map.of("result", "GRANTED", "resultText", "x")), 409,
                "NOT_ACCEPTED_YET");
        assertProblem(post(path(id, "forward"), department, Map.of("targetUnit", "SFQ-RSJ", "reason", "x")), 409,
                "NOT_ACCEPTED_YET");
        // The first-contact officer still reads the case while another unit holds it.
        assertThat(get("/api/cases/" + id, window).getStatusCode().value()).isEqualTo(200);
        assertThat(get("/api/cases/" + id, department).getStatusCode().value()).isEqualTo(200);
        long events = jdbc.queryForObject("SELECT COUNT(*) FROM DomainEventEntry WHERE aggregateIdentifier = ?",
                Long.class, id);
        assertThat(events).as("rejected commands appended nothing").isEqualTo(2);
    }

    private JsonNode assertTimeline(String tn, long sequence, String status, String unit, String... kinds) {
        JsonNode[] view = new JsonNode[1];
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50)).until(() -> {
            view[0] = get("/api/public/cases/" + tn, null).getBody();
            return view[0].get("sequence").asLong() >= sequence;
        });
        assertThat(view[0].get("status").asText()).isEqualTo(status);
        assertThat(view[0].at("/currentUnit/code").asText()).isEqualTo(unit);
        assertThat(StreamSupport.stream(view[0].get("steps").spliterator(), false).map(s -> s.get("kind").asText()))
                .containsExactly(kinds);
        assertThat(view[0].toString()).doesNotContain("王小明", "jjd-window", "mzj-handler", "生活困难");
        return view[0];
    }

    private JsonNode details(String tn, String code) {
        HttpHeaders headers = new HttpHeaders();
        headers.set("X-Verification-Code", code);
        return ok(http.exchange("/api/public/cases/" + tn + "/details", HttpMethod.GET, new HttpEntity<>(headers),
                JsonNode.class));
    }

    private JsonNode staffView(String id, String token, long sequence) {
        JsonNode[] view = new JsonNode[1];
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50)).until(() -> {
            view[0] = get("/api/cases/" + id, token).getBody();
            return view[0].has("sequence") && view[0].get("sequence").asLong() >= sequence;
        });
        return view[0];
    }

    private static String path(String id, String command) {
        return "/api/cases/" + id + "/" + command;
    }

    private Map<String, Object> receiveBody() {
        Map<String, Object> body = new HashMap<>();
        body.put("window", "JJD-ZX-W01");
        body.put("serviceItem", "MZ-001");
        body.put("channel", "WINDOW");
        body.put("applicant", Map.of("name", "王小明", "phone", "13800138000"));
        body.put("subject", "申请低保");
        body.put("description", "生活困难");
        return body;
    }

    private String token(String user, String password) {
        return ok(post("/api/auth/token", null, Map.of("username", user, "password", password)))
                .get("access_token").asText();
    }

    private HttpHeaders headers(String token) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        if (token != null) {
            headers.setBearerAuth(token);
        }
        return headers;
    }

    private ResponseEntity<JsonNode> post(String path, String token, Object body) {
        try {
            return http.exchange(path, HttpMethod.POST, new HttpEntity<>(json.writeValueAsString(body), headers(token)),
                    JsonNode.class);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private ResponseEntity<JsonNode> get(String path, String token) {
        return http.exchange(path, HttpMethod.GET, new HttpEntity<>(headers(token)), JsonNode.class);
    }

    private static JsonNode ok(ResponseEntity<JsonNode> response) {
        assertThat(response.getStatusCode().is2xxSuccessful()).as("%s", response.getBody()).isTrue();
        return response.getBody();
    }

    private static void assertProblem(ResponseEntity<JsonNode> response, int status, String code) {
        assertThat(response.getStatusCode().value()).as("status of %s", response.getBody()).isEqualTo(status);
        assertThat(response.getBody().get("code").asText()).isEqualTo(code);
    }
}
