package org.weimin.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.weimin.command.cases.CaseIdentities;
import org.weimin.events.cases.TrackingNumber;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The first vertical slice over real HTTP on a free port, on the embedded stores in a temporary data directory, with
 * the clock fixed at Monday 2025-03-03 10:00 Beijing time: receive → staff view → public lookup → complete → public
 * lookup → evaluate → details; and the API's answers to bad input, each a problem detail with a stable code.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class CaseLifecycleHttpTest {
    @TempDir
    static Path dataDir;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("weimin.data-dir", () -> dataDir.toString());
        registry.add("weimin.clock.fixed", () -> "2025-03-03T02:00:00Z");
    }

    /** Draws ids like production, except that a test can force the next tracking number (to provoke a collision). */
    static class RiggedIdentities extends CaseIdentities {
        final java.util.concurrent.atomic.AtomicReference<TrackingNumber> forced =
                new java.util.concurrent.atomic.AtomicReference<>();

        RiggedIdentities() {
            super(new java.security.SecureRandom());
        }

        @Override
        public TrackingNumber newTrackingNumber() {
            TrackingNumber next = forced.getAndSet(null);
            return next != null ? next : super.newTrackingNumber();
        }
    }

    @TestConfiguration
    static class Rigging {
        @Bean
        @org.springframework.context.annotation.Primary
        RiggedIdentities riggedIdentities() {
            return new RiggedIdentities();
        }
    }

    @Autowired
    RiggedIdentities identities;

    @Autowired
    TestRestTemplate http;
    @Autowired
    ObjectMapper json;

    private String windowToken;

    @BeforeEach
    void login() {
        windowToken = token("jjd-window", "demo-window");
    }

    @Test
    void aCaseIsReceivedCompletedLookedUpAndEvaluated() {
        ResponseEntity<JsonNode> receipt = post("/api/cases", windowToken, receiveBody("JJD-ZX-W01", "MZ-002"));
        assertThat(receipt.getStatusCode().value()).isEqualTo(201);
        JsonNode r = receipt.getBody();
        String caseId = r.get("caseId").asText();
        String trackingNumber = r.get("trackingNumber").asText();
        String code = r.get("verificationCode").asText();
        assertThat(trackingNumber).matches("WM-[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]");
        // Limit 5 working days from Monday 2025-03-03: counted 03-04 … 03-10, due at the end of 03-10 Beijing time.
        assertThat(r.get("deadline").asText()).isEqualTo("2025-03-10T16:00:00Z");
        assertThat(r.get("deadlineProvisional").asBoolean()).as("2025 is a published year").isFalse();
        assertThat(r.get("sequence").asLong()).isZero();

        JsonNode staffView = awaitStaffView(caseId, 0);
        assertThat(staffView.get("status").asText()).isEqualTo("IN_PROGRESS");
        assertThat(staffView.at("/holder/code").asText()).isEqualTo("JJD-ZX");
        assertThat(staffView.get("firstContactOfficer").asText()).isEqualTo("jjd-window");
        assertThat(staffView.at("/applicant/name").asText()).isEqualTo("李**");
        assertThat(staffView.at("/applicant/phone").asText()).isEqualTo("139****5678");
        assertThat(staffView.at("/applicant/idNumber").asText()).isEqualTo("110105********002X");
        assertThat(staffView.toString()).doesNotContain("李小龙", "13912345678", "11010519491231002X");

        // Lower case, full-width and missing hyphens are normalised.
        String typed = "ｗｍ" + trackingNumber.substring(3).replace("-", "").toLowerCase();
        JsonNode publicView = get("/api/public/cases/" + typed, null).getBody();
        assertThat(publicView.get("trackingNumber").asText()).isEqualTo(trackingNumber);
        assertThat(publicView.get("status").asText()).isEqualTo("IN_PROGRESS");
        assertThat(publicView.at("/serviceItem/name").asText()).isEqualTo("临时救助申请");
        assertThat(publicView.at("/currentUnit/name").asText()).isEqualTo("甲街道政务服务中心");
        assertThat(publicView.at("/steps/0/kind").asText()).isEqualTo("RECEIVED");
        assertThat(publicView.toString()).doesNotContain("李", "jjd-window", "申请临时救助", "家中突发变故",
                "verificationCode", "caseId");

        ResponseEntity<JsonNode> tooEarly = post("/api/public/cases/" + trackingNumber + "/evaluation", null,
                Map.of("verificationCode", code, "grade", "SATISFIED"));
        assertProblem(tooEarly, 409, "CASE_NOT_COMPLETED");

        ResponseEntity<JsonNode> completed = post("/api/cases/" + caseId + "/completion", windowToken,
                Map.of("result", "GRANTED", "resultText", "已发放临时救助金"));
        assertThat(completed.getStatusCode().value()).isEqualTo(200);
        assertThat(completed.getBody().get("sequence").asLong()).isEqualTo(1);
        assertProblem(post("/api/cases/" + caseId + "/completion", windowToken,
                Map.of("result", "GRANTED", "resultText", "again")), 409, "CASE_ALREADY_COMPLETED");

        awaitStaffView(caseId, 1);
        publicView = get("/api/public/cases/" + trackingNumber, null).getBody();
        assertThat(publicView.get("status").asText()).isEqualTo("COMPLETED");
        assertThat(publicView.get("resultType").asText()).isEqualTo("GRANTED");
        assertThat(publicView.toString()).doesNotContain("已发放临时救助金");

        assertProblem(post("/api/public/cases/" + trackingNumber + "/evaluation", null,
                Map.of("verificationCode", "00000000", "grade", "SATISFIED")), 403, "WRONG_VERIFICATION_CODE");
        ResponseEntity<JsonNode> evaluated = post("/api/public/cases/" + trackingNumber + "/evaluation", null,
                Map.of("verificationCode", code.toLowerCase(), "grade", "SATISFIED", "comment", "办事很快"));
        assertThat(evaluated.getStatusCode().value()).isEqualTo(200);
        assertThat(evaluated.getBody().get("sequence").asLong()).isEqualTo(2);
        assertProblem(post("/api/public/cases/" + trackingNumber + "/evaluation", null,
                Map.of("verificationCode", code, "grade", "DISSATISFIED")), 409, "ALREADY_EVALUATED");

        JsonNode finalView = awaitStaffView(caseId, 2);
        assertThat(finalView.get("status").asText()).isEqualTo("EVALUATED");
        assertThat(finalView.at("/evaluation/grade").asText()).isEqualTo("SATISFIED");
        assertThat(finalView.at("/completion/onTime").asBoolean()).isTrue();

        HttpHeaders withCode = new HttpHeaders();
        withCode.set("X-Verification-Code", code);
        JsonNode details = http.exchange("/api/public/cases/" + trackingNumber + "/details", HttpMethod.GET,
                new HttpEntity<>(withCode), JsonNode.class).getBody();
        assertThat(details.get("resultText").asText()).isEqualTo("已发放临时救助金");
        assertThat(details.get("applicantNameMasked").asText()).isEqualTo("李**");
        assertThat(details.get("canEvaluate").asBoolean()).isFalse();
        withCode.set("X-Verification-Code", "ZZZZZZZZ");
        assertProblem(http.exchange("/api/public/cases/" + trackingNumber + "/details", HttpMethod.GET,
                new HttpEntity<>(withCode), JsonNode.class), 403, "WRONG_VERIFICATION_CODE");
    }

    @Test
    void aTrackingNumberThatIsAlreadyTakenIsDrawnAgain() {
        String first = post("/api/cases", windowToken, receiveBody("JJD-ZX-W01", "MZ-002")).getBody()
                .get("trackingNumber").asText();
        identities.forced.set(TrackingNumber.of(first));
        ResponseEntity<JsonNode> second = post("/api/cases", windowToken, receiveBody("JJD-ZX-W01", "MZ-002"));
        assertThat(second.getStatusCode().value()).isEqualTo(201);
        assertThat(identities.forced.get()).as("the forced number was drawn").isNull();
        assertThat(second.getBody().get("trackingNumber").asText()).isNotEqualTo(first);
        String secondCase = second.getBody().get("caseId").asText();
        assertThat(awaitStaffView(secondCase, 0).get("trackingNumber").asText()).isNotEqualTo(first);
    }

    @Test
    void theServiceReportsItselfHealthyWithoutLogin() {
        ResponseEntity<JsonNode> health = get("/actuator/health", null);
        assertThat(health.getStatusCode().value()).isEqualTo(200);
        assertThat(health.getBody().get("status").asText()).isEqualTo("UP");
    }

    @Test
    void theOpenApiDescriptionIsPublished() {
        ResponseEntity<JsonNode> docs = get("/v3/api-docs", null);
        assertThat(docs.getStatusCode().value()).isEqualTo(200);
        assertThat(docs.getBody().at("/paths").has("/api/cases")).isTrue();
        assertThat(docs.getBody().at("/paths").has("/api/public/cases/{trackingNumber}/evaluation")).isTrue();
        assertThat(docs.getBody().at("/components/securitySchemes/bearer/scheme").asText()).isEqualTo("bearer");
        assertThat(docs.getBody().at("/paths").has("/track")).as("the web pages are not the API").isFalse();
        assertThat(docs.getBody().at("/paths").has("/track/evaluation")).isFalse();
        assertThat(docs.getBody().at("/paths/~1api~1cases~1{caseId}~1completion/post/parameters").toString())
                .as("the staff member comes from the token, not from a parameter").doesNotContain("\"staff\"");
    }

    @Test
    void aWrongCheckCharacterIsRejectedBeforeAnyLookupAndAnUnknownNumberIsAPlainMiss() {
        assertProblem(get("/api/public/cases/WM-00000-00000-1", null), 400, "INVALID_TRACKING_NUMBER");
        ResponseEntity<JsonNode> unknown = get("/api/public/cases/WM-00000-00000-0", null);
        assertProblem(unknown, 404, "CASE_NOT_FOUND");
        assertThat(unknown.getHeaders().getContentType().toString()).startsWith("application/problem+json");
        assertProblem(get("/api/public/cases/WM-00000-00001-Y", null), 404, "CASE_NOT_FOUND");
        assertThat(get("/api/public/cases/WM-00000-00001-Y", null).getBody().get("detail"))
                .isEqualTo(unknown.getBody().get("detail"));
    }

    @Test
    void invalidRequestsAreProblemDetailsAndChangeNothing() {
        assertProblem(post("/api/cases", windowToken, Map.of("window", "JJD-ZX-W01")), 400, "VALIDATION_FAILED");
        ResponseEntity<JsonNode> missing = post("/api/cases", windowToken, Map.of("window", "JJD-ZX-W01"));
        assertThat(missing.getBody().get("fields").has("serviceItem")).isTrue();
        assertProblem(post("/api/cases", windowToken, "{not json"), 400, "VALIDATION_FAILED");
        Map<String, Object> badChannel = receiveBody("JJD-ZX-W01", "MZ-002");
        badChannel.put("channel", "PIGEON");
        ResponseEntity<JsonNode> badEnum = post("/api/cases", windowToken, badChannel);
        assertProblem(badEnum, 400, "VALIDATION_FAILED");
        assertThat(badEnum.getBody().at("/fields/channel").asText()).contains("WINDOW", "HOTLINE");
        assertProblem(post("/api/cases", windowToken, receiveBody("NO-SUCH-UNIT", "MZ-002")), 400, "UNKNOWN_ORG_UNIT");
        assertProblem(post("/api/cases", windowToken, receiveBody("JJD-ZX-W01", "XX-999")), 400,
                "UNKNOWN_SERVICE_ITEM");
        assertProblem(post("/api/cases", windowToken, receiveBody("JJD-ZX-W09", "MZ-002")), 400,
                "INACTIVE_REFERENCE");
        assertProblem(post("/api/cases", windowToken, receiveBody("JJD-ZX-W01", "MZ-099")), 400,
                "INACTIVE_REFERENCE");
        assertProblem(post("/api/cases", windowToken, receiveBody("SFQ-ZX-W01", "MZ-002")), 403, "FORBIDDEN");
        assertProblem(post("/api/cases", windowToken, receiveBody("JJD-ZX", "MZ-002")), 400,
                "NOT_A_WINDOW_OF_STAFF_UNIT");
        Map<String, Object> badId = receiveBody("JJD-ZX-W01", "MZ-002");
        badId.put("applicant", Map.of("name", "王五", "idType", "RESIDENT_ID", "idNumber", "110105194912310021"));
        assertProblem(post("/api/cases", windowToken, badId), 400, "INVALID_PERSONAL_IDENTIFIER");
        assertProblem(post("/api/cases", null, receiveBody("JJD-ZX-W01", "MZ-002")), 401, "AUTHENTICATION_REQUIRED");
        assertProblem(post("/api/cases", "not-a-token", receiveBody("JJD-ZX-W01", "MZ-002")), 401,
                "AUTHENTICATION_REQUIRED");
        assertProblem(post("/api/auth/token", null, Map.of("username", "jjd-window", "password", "wrong")), 401,
                "AUTHENTICATION_REQUIRED");
        assertProblem(post("/api/cases/no-such-case/completion", windowToken,
                Map.of("result", "GRANTED", "resultText", "x")), 404, "CASE_NOT_FOUND");
    }

    @Test
    void hostileRequestShapesAreProblemDetailsNotServerErrors() {
        HttpHeaders wildcard = new HttpHeaders();
        wildcard.set("Content-Type", "application/*");
        wildcard.setBearerAuth(windowToken);
        assertProblem(http.exchange("/api/cases", HttpMethod.POST, new HttpEntity<>("{}", wildcard), JsonNode.class),
                415, "UNSUPPORTED_MEDIA_TYPE");
        String caseId = post("/api/cases", windowToken, receiveBody("JJD-ZX-W01", "MZ-002")).getBody()
                .get("caseId").asText();
        assertProblem(post("/api/cases/" + caseId + "/progress-notices", windowToken,
                "{\"channel\":\"SMS\",\"text\":\"a\",\"text\":\"b\"}"), 400, "VALIDATION_FAILED");
        assertProblem(post("/api/cases/" + caseId + "/return", windowToken, "{\"reason\":\"a\",\"reason\":\"b\"}"),
                400, "VALIDATION_FAILED");
        assertProblem(post("/api/cases/" + caseId + "/extension-requests", windowToken,
                "{\"workingDays\":1.5,\"reason\":\"x\"}"), 400, "VALIDATION_FAILED");
        String supervisor = token("sfq-supervisor", "demo-supervisor");
        assertProblem(post("/api/cases/" + caseId + "/supervision-orders", supervisor,
                Map.of("text", "t", "dueDate", "+999999999-12-31")), 400, "VALIDATION_FAILED");
        assertProblem(post("/api/cases/" + caseId + "/supervision-orders", supervisor,
                Map.of("text", "t", "dueDate", "2027-03-03")), 400, "VALIDATION_FAILED");
        HttpHeaders json = new HttpHeaders();
        json.setContentType(MediaType.APPLICATION_JSON);
        json.setBearerAuth(windowToken);
        assertProblem(http.exchange(java.net.URI.create(http.getRootUri() + "/api/cases/..;/x/forward"),
                HttpMethod.POST, new HttpEntity<>("{}", json), JsonNode.class), 400, "MALFORMED_REQUEST");
        assertThat(awaitStaffView(caseId, 0).get("sequence").asLong()).as("nothing was recorded").isZero();
    }

    @Test
    void requestsTomcatRejectsBeforeSpringAreProblemDetailsWithoutInternals() throws Exception {
        for (String path : java.util.List.of("/api/public/cases/%zz", "/api/public/cases/%00",
                "/api/public/cases/" + "A".repeat(12_000))) {
            String response = rawGet(path);
            assertThat(response).as(path.substring(0, Math.min(40, path.length())))
                    .startsWith("HTTP/1.1 400").contains("application/problem+json").contains("MALFORMED_REQUEST")
                    .doesNotContain("Tomcat", "at org.", "<html");
        }
    }

    private String rawGet(String path) throws java.io.IOException {
        int port = Integer.parseInt(http.getRootUri().replaceAll(".*:", ""));
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            return new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    @Test
    void onlyTheHoldingUnitCompletesAndStaffOutsideTheScopeCannotRead() {
        String caseId = post("/api/cases", windowToken, receiveBody("JJD-ZX-W01", "RS-001")).getBody()
                .get("caseId").asText();
        String otherUnit = token("sfq-window", "demo-window");
        assertProblem(post("/api/cases/" + caseId + "/completion", otherUnit,
                Map.of("result", "GRANTED", "resultText", "x")), 403, "NOT_CASE_HOLDER");
        awaitStaffView(caseId, 0);
        assertProblem(get("/api/cases/" + caseId, otherUnit), 403, "FORBIDDEN");
        // A supervisor of the district reads cases of the whole subtree.
        assertThat(get("/api/cases/" + caseId, token("sfq-supervisor", "demo-supervisor")).getStatusCode().value())
                .isEqualTo(200);
        assertProblem(post("/api/cases/" + caseId + "/completion", windowToken,
                Map.of("result", "REFUSED", "resultText", " ")), 400, "VALIDATION_FAILED");
    }

    private Map<String, Object> receiveBody(String window, String serviceItem) {
        Map<String, Object> body = new java.util.HashMap<>();
        body.put("window", window);
        body.put("serviceItem", serviceItem);
        body.put("channel", "WINDOW");
        body.put("applicant", Map.of("name", "李小龙", "idType", "RESIDENT_ID", "idNumber", "11010519491231002X",
                "phone", "139-1234-5678", "address", "示范区甲街道幸福路1号"));
        body.put("subject", "申请临时救助");
        body.put("description", "家中突发变故");
        return body;
    }

    private JsonNode awaitStaffView(String caseId, long sequence) {
        JsonNode[] view = new JsonNode[1];
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50)).until(() -> {
            ResponseEntity<JsonNode> response = get("/api/cases/" + caseId, windowToken);
            view[0] = response.getBody();
            return response.getStatusCode().value() == 200 && view[0].get("sequence").asLong() >= sequence;
        });
        return view[0];
    }

    private String token(String user, String password) {
        return post("/api/auth/token", null, Map.of("username", user, "password", password)).getBody()
                .get("access_token").asText();
    }

    private ResponseEntity<JsonNode> post(String path, String token, Object body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        if (token != null) {
            headers.setBearerAuth(token);
        }
        String text;
        try {
            text = body instanceof String s ? s : json.writeValueAsString(body);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return http.exchange(path, HttpMethod.POST, new HttpEntity<>(text, headers), JsonNode.class);
    }

    private ResponseEntity<JsonNode> get(String path, String token) {
        HttpHeaders headers = new HttpHeaders();
        if (token != null) {
            headers.setBearerAuth(token);
        }
        return http.exchange(path, HttpMethod.GET, new HttpEntity<>(headers), JsonNode.class);
    }

    private static void assertProblem(ResponseEntity<JsonNode> response, int status, String code) {
        assertThat(response.getStatusCode().value()).as("status of %s", response.getBody()).isEqualTo(status);
        assertThat(response.getBody().get("code").asText()).isEqualTo(code);
        assertThat(response.getBody().has("title")).isTrue();
        assertThat(response.getBody().toString()).doesNotContain("Exception", "at org.");
    }
}
