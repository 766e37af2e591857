package org.weimin.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Time limits and supervision over HTTP, with the clock fixed at Tuesday 2025-03-04 10:00 Beijing and the shipped
 * holiday calendar in force: extension requests approved (the deadline moves by working days after the current one,
 * across the Qingming holiday) and refused; supervision orders issued and answered; urges and accountability findings;
 * a rectification after a bad grade, then one regrade and no more.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class TimeLimitsHttpTest extends HttpTestSupport {
    @TempDir
    static Path dataDir;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("weimin.data-dir", () -> dataDir.toString());
        registry.add("weimin.clock.fixed", () -> "2025-03-04T02:00:00Z"); // Tue 10:00 Beijing
    }

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
    void anApprovedExtensionAddsWorkingDaysAfterTheCurrentDeadlineAcrossQingmingAndARefusalChangesNothing() {
        JsonNode receipt = ok(post("/api/cases", window, receiveBody("MZ-001")));
        String id = receipt.get("caseId").asText();
        String tn = receipt.get("trackingNumber").asText();
        // Limit 20 from Tue 03-04: counted 03-05 ... 04-01.
        assertThat(receipt.get("deadline").asText()).isEqualTo("2025-04-01T16:00:00Z");

        assertProblem(post(path(id, "extension-requests"), window, Map.of("workingDays", 0, "reason", "x")), 400,
                "VALIDATION_FAILED");
        assertProblem(post(path(id, "extension-requests"), department, Map.of("workingDays", 3, "reason", "x")), 403,
                "NOT_CASE_HOLDER");
        assertThat(ok(post(path(id, "extension-requests"), window,
                Map.of("workingDays", 3, "reason", "需要入户调查"))).get("sequence").asLong()).isEqualTo(1);
        JsonNode requested = staffView(id, window, 1);
        assertThat(requested.at("/extensions/0/outcome").asText()).isEqualTo("PENDING");
        assertThat(requested.at("/extensions/0/workingDays").asInt()).isEqualTo(3);
        assertThat(requested.get("deadline").asText()).isEqualTo("2025-04-01T16:00:00Z");
        JsonNode entry = awaitQueueEntry(id, "EXTENSION_REQUESTED", true);
        assertThat(entry.path("unit").asText()).isEqualTo("JJD-ZX");

        assertProblem(post(path(id, "extension-requests/1/approval"), window, Map.of()), 403, "FORBIDDEN");
        assertProblem(post(path(id, "extension-requests/2/approval"), supervisor, Map.of()), 409,
                "NO_PENDING_EXTENSION");
        ok(post(path(id, "extension-requests/1/approval"), supervisor, Map.of()));
        // Three working days after Tue 04-01: 04-02, 04-03, then Fri 04-04 to Sun 04-06 are Qingming → 04-07.
        JsonNode approved = staffView(id, window, 2);
        assertThat(approved.get("deadline").asText()).isEqualTo("2025-04-07T16:00:00Z");
        assertThat(approved.get("deadlineProvisional").asBoolean()).isFalse();
        assertThat(approved.at("/extensions/0/outcome").asText()).isEqualTo("APPROVED");
        assertThat(approved.at("/extensions/0/decidedBy").asText()).isEqualTo("sfq-supervisor");
        assertThat(approved.at("/extensions/0/newDeadline").asText()).isEqualTo("2025-04-07T16:00:00Z");
        assertThat(kinds(approved.get("steps"))).containsExactly("RECEIVED", "EXTENDED");
        assertThat(approved.at("/steps/1/detail").asText()).isEqualTo("3");
        JsonNode publicView = ok(get("/api/public/cases/" + tn, null));
        assertThat(publicView.get("deadline").asText()).isEqualTo("2025-04-07T16:00:00Z");
        assertProblem(post(path(id, "extension-requests/1/approval"), supervisor, Map.of()), 409,
                "NO_PENDING_EXTENSION");
        awaitQueueEntry(id, "EXTENSION_REQUESTED", false);

        ok(post(path(id, "extension-requests"), window, Map.of("workingDays", 2, "reason", "再延两天")));
        assertProblem(post(path(id, "extension-requests/2/refusal"), supervisor, Map.of()), 400, "VALIDATION_FAILED");
        ok(post(path(id, "extension-requests/2/refusal"), supervisor, Map.of("reason", "理由不充分")));
        JsonNode refused = staffView(id, window, 4);
        assertThat(refused.at("/extensions/1/outcome").asText()).isEqualTo("REFUSED");
        assertThat(refused.at("/extensions/1/refusalReason").asText()).isEqualTo("理由不充分");
        assertThat(refused.get("deadline").asText()).as("a refusal leaves the deadline").isEqualTo("2025-04-07T16:00:00Z");
        assertProblem(post(path(id, "extension-requests/2/approval"), supervisor, Map.of()), 409,
                "NO_PENDING_EXTENSION");
    }

    @Test
    void supervisionOrdersAreIssuedAndAnsweredAndUrgesAndFindingsShowInTheStaffView() {
        String id = ok(post("/api/cases", window, receiveBody("MZ-001"))).get("caseId").asText();

        Map<String, Object> order = Map.of("text", "请于3月10日前报告办理进展", "dueDate", "2025-03-10");
        assertProblem(post(path(id, "supervision-orders"), window, order), 403, "FORBIDDEN");
        assertProblem(post(path(id, "supervision-orders"), supervisor,
                Map.of("text", "过期的督办", "dueDate", "2025-03-03")), 400, "DUE_DATE_IN_THE_PAST");
        assertProblem(post(path(id, "supervision-orders"), supervisor, Map.of("text", "缺日期")), 400,
                "VALIDATION_FAILED");
        assertThat(ok(post(path(id, "supervision-orders"), supervisor, order)).get("sequence").asLong()).isEqualTo(1);
        JsonNode issued = staffView(id, window, 1);
        assertThat(issued.at("/supervisionOrders/0/number").asInt()).isEqualTo(1);
        assertThat(issued.at("/supervisionOrders/0/state").asText()).isEqualTo("OPEN");
        assertThat(issued.at("/supervisionOrders/0/dueAt").asText()).as("end of 03-10 in Beijing")
                .isEqualTo("2025-03-10T16:00:00Z");
        assertThat(issued.at("/supervisionOrders/0/toUnit").asText()).isEqualTo("JJD-ZX");
        assertThat(issued.at("/supervisionOrders/0/issuedBy").asText()).isEqualTo("sfq-supervisor");

        assertProblem(post(path(id, "supervision-orders/1/answer"), department, Map.of("text", "x")), 403,
                "NOT_CASE_HOLDER");
        assertProblem(post(path(id, "supervision-orders/2/answer"), window, Map.of("text", "x")), 409,
                "NO_OPEN_SUPERVISION_ORDER");
        ok(post(path(id, "supervision-orders/1/answer"), window, Map.of("text", "已联系申请人，正在核实")));
        JsonNode answered = staffView(id, window, 2);
        assertThat(answered.at("/supervisionOrders/0/state").asText()).isEqualTo("ANSWERED");
        assertThat(answered.at("/supervisionOrders/0/answer").asText()).isEqualTo("已联系申请人，正在核实");
        assertThat(answered.at("/supervisionOrders/0/answeredBy").asText()).isEqualTo("jjd-window");
        assertProblem(post(path(id, "supervision-orders/1/answer"), window, Map.of("text", "再答")), 409,
                "NO_OPEN_SUPERVISION_ORDER");

        assertProblem(post(path(id, "urge"), window, Map.of("text", "x")), 403, "FORBIDDEN");
        ok(post(path(id, "urge"), supervisor, Map.of("text", "请加快办理")));
        assertProblem(post(path(id, "findings"), window, Map.of("againstUnit", "JJD-ZX", "reason", "x")), 403,
                "FORBIDDEN");
        assertProblem(post(path(id, "findings"), supervisor, Map.of("againstUnit", "SFS", "reason", "上级不归区管")),
                403, "FORBIDDEN");
        ok(post(path(id, "findings"), supervisor, Map.of("againstUnit", "JJD-ZX", "againstStaff", "jjd-window",
                "reason", "未在时限内答复督办")));
        JsonNode acts = staffView(id, window, 4);
        assertThat(kinds(acts.get("supervisionActs"))).containsExactly("URGED", "FINDING");
        assertThat(acts.at("/supervisionActs/0/text").asText()).isEqualTo("请加快办理");
        assertThat(acts.at("/supervisionActs/0/unit").asText()).isEqualTo("JJD-ZX");
        assertThat(acts.at("/supervisionActs/0/actorId").asText()).isEqualTo("sfq-supervisor");
        assertThat(acts.at("/supervisionActs/1/text").asText()).isEqualTo("未在时限内答复督办");
        assertThat(acts.at("/supervisionActs/1/unit").asText()).isEqualTo("JJD-ZX");
        assertThat(acts.at("/supervisionActs/1/staff").asText()).isEqualTo("jjd-window");
    }

    @Test
    void aBadGradeOpensARectificationAfterWhoseReplyTheApplicantRegradesOnceAndOnlyOnce() {
        JsonNode receipt = ok(post("/api/cases", window, receiveBody("MZ-002")));
        String id = receipt.get("caseId").asText();
        String tn = receipt.get("trackingNumber").asText();
        String code = receipt.get("verificationCode").asText();
        String evaluation = "/api/public/cases/" + tn + "/evaluation";
        ok(post(path(id, "completion"), window, Map.of("result", "GRANTED", "resultText", "已办结")));
        assertThat(ok(post(evaluation, null, Map.of("verificationCode", code, "grade", "DISSATISFIED",
                "comment", "等了太久"))).get("sequence").asLong()).as("evaluation + rectification opened").isEqualTo(3);
        JsonNode opened = staffView(id, window, 3);
        assertThat(opened.at("/evaluation/grade").asText()).isEqualTo("DISSATISFIED");
        assertThat(opened.at("/rectifications/0/grade").asText()).isEqualTo("DISSATISFIED");
        assertThat(opened.at("/rectifications/0/unit").asText()).isEqualTo("JJD-ZX");
        // Rectification limit 5 working days from Tue 03-04: 03-05, 03-06, 03-07, 03-10, 03-11.
        assertThat(opened.at("/rectifications/0/dueAt").asText()).isEqualTo("2025-03-11T16:00:00Z");
        assertThat(opened.at("/rectifications/0/steps").size()).isZero();
        assertThat(opened.at("/rectifications/0/regrade").isNull()).isTrue();

        assertProblem(post(evaluation, null, Map.of("verificationCode", code, "grade", "SATISFIED")), 409,
                "ALREADY_EVALUATED");
        assertProblem(post(path(id, "rectification/reply"), window, Map.of("text", "x")), 409,
                "RECTIFICATION_STEP_OUT_OF_ORDER");
        assertProblem(post(path(id, "rectification/bogus"), window, Map.of("text", "x")), 400, "VALIDATION_FAILED");
        assertProblem(post(path(id, "rectification/verification"), department, Map.of("text", "x")), 403,
                "NOT_CASE_HOLDER");
        ok(post(path(id, "rectification/verification"), window, Map.of("text", "核实情况属实")));
        assertProblem(post(evaluation, null, Map.of("verificationCode", code, "grade", "SATISFIED")), 409,
                "ALREADY_EVALUATED");
        ok(post(path(id, "rectification/rectification"), window, Map.of("text", "已改进流程")));
        ok(post(path(id, "rectification/reply"), window, Map.of("text", "已电话回复申请人")));
        JsonNode replied = staffView(id, window, 6);
        assertThat(replied.at("/rectifications/0/steps").toString())
                .contains("VERIFIED: 核实情况属实", "RECTIFIED: 已改进流程", "REPLIED: 已电话回复申请人");
        assertThat(details(tn, code).get("canEvaluate").asBoolean()).as("regrade open after the reply").isTrue();

        assertProblem(post(evaluation, null, Map.of("verificationCode", otherCode(code), "grade", "SATISFIED")), 403,
                "WRONG_VERIFICATION_CODE");
        assertThat(ok(post(evaluation, null, Map.of("verificationCode", code, "grade", "SATISFIED",
                "comment", "整改后满意"))).get("sequence").asLong()).isEqualTo(7);
        JsonNode regraded = staffView(id, window, 7);
        assertThat(regraded.at("/evaluation/grade").asText()).isEqualTo("SATISFIED");
        assertThat(regraded.at("/evaluation/comment").asText()).isEqualTo("整改后满意");
        assertThat(regraded.at("/rectifications/0/regrade").asText()).isEqualTo("SATISFIED");
        assertThat(regraded.at("/rectifications/0/grade").asText()).as("the first grade stays recorded")
                .isEqualTo("DISSATISFIED");
        assertThat(kinds(regraded.get("steps"))).containsExactly("RECEIVED", "COMPLETED", "EVALUATED",
                "RECTIFICATION_VERIFIED", "RECTIFICATION_RECTIFIED", "RECTIFICATION_REPLIED", "REGRADED");
        assertThat(regraded.get("status").asText()).isEqualTo("EVALUATED");

        assertProblem(post(evaluation, null, Map.of("verificationCode", code, "grade", "VERY_SATISFIED")), 409,
                "ALREADY_EVALUATED");
        assertThat(details(tn, code).get("canEvaluate").asBoolean()).isFalse();
        assertProblem(post(path(id, "rectification/verification"), window, Map.of("text", "x")), 409,
                "RECTIFICATION_STEP_OUT_OF_ORDER");
    }

    /** A well-formed code that differs from {@code code} in its first symbol. */
    private static String otherCode(String code) {
        return (code.charAt(0) == '7' ? "8" : "7") + code.substring(1);
    }

    private JsonNode details(String tn, String code) {
        HttpHeaders headers = new HttpHeaders();
        headers.set("X-Verification-Code", code);
        return ok(http.exchange("/api/public/cases/" + tn + "/details", HttpMethod.GET, new HttpEntity<>(headers),
                JsonNode.class));
    }

    /** Waits until sfq-supervisor's queue has (or no longer has) an entry of this kind for the case. */
    private JsonNode awaitQueueEntry(String caseId, String kind, boolean present) {
        JsonNode[] found = new JsonNode[1];
        await("queue entry " + kind + " for " + caseId + (present ? "" : " gone")).atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(50)).until(() -> {
                    JsonNode queue = ok(get("/api/supervision/queue", supervisor));
                    List<JsonNode> matching = new ArrayList<>();
                    queue.forEach(e -> {
                        if (caseId.equals(e.path("caseId").asText()) && kind.equals(e.path("kind").asText())) {
                            matching.add(e);
                        }
                    });
                    found[0] = matching.isEmpty() ? null : matching.get(0);
                    return present ? matching.size() == 1 : matching.isEmpty();
                });
        return found[0];
    }
}
