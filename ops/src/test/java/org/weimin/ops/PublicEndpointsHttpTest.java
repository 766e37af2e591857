package org.weimin.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.weimin.ops.publicapi.PublicRateLimitFilter;

/**
 * Issue 7 "Public endpoints" over HTTP: every public route is known to this test (and every other route refuses an
 * anonymous caller); rules.md "What the public sees" holds on each public route after every step of a case's life;
 * repeated wrong codes lock a case; an address that sends too much gets 429. Client addresses come through
 * {@code X-Forwarded-For} from the loopback proxy ({@code server.forward-headers-strategy=native}), as behind a reverse
 * proxy, so that each test is its own client.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "server.forward-headers-strategy=native",
        "weimin.public.rate-limit.requests.capacity=300",
        "weimin.public.rate-limit.requests.refill-tokens=300",
        "weimin.public.rate-limit.requests.refill-period=PT1M",
        "weimin.public.rate-limit.code-attempts.capacity=60",
        "weimin.public.rate-limit.code-attempts.refill-tokens=60",
        "weimin.public.rate-limit.code-attempts.refill-period=PT1M",
        "weimin.public.verification-lockout.max-wrong-codes=5",
        "weimin.public.verification-lockout.window=PT15M",
        "weimin.public.verification-lockout.lock=PT15M"})
class PublicEndpointsHttpTest extends HttpTestSupport {
    @TempDir
    static Path dataDir;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("weimin.data-dir", () -> dataDir.toString());
        registry.add("weimin.clock.fixed", () -> "2025-03-04T02:00:00Z"); // Tue 10:00 Beijing
    }

    /** Every public route, and whether it takes the verification code. A new public route must be added here. */
    private static final Map<String, Boolean> PUBLIC_ROUTES = Map.of(
            "GET /api/public/cases/{trackingNumber}", false,
            "GET /api/public/cases/{trackingNumber}/details", true,
            "POST /api/public/cases/{trackingNumber}/evaluation", true,
            "GET /api/public/figures", false);
    /**
     * The public web pages (issue 10) and whether they take the verification code: they show the public views above
     * and meet the same rate limits; checked with the API routes in checkPublic below. A new page must be added here.
     */
    private static final Map<String, Boolean> PAGE_ROUTES = Map.of(
            "GET /", false,
            "GET /figures", false,
            "GET /track", false,
            "POST /track/details", true,
            "POST /track/evaluation", true);
    /** Routes outside /api/public that answer without a token, and why. */
    private static final List<String> OTHER_ANONYMOUS_PREFIXES = List.of(
            "POST /api/auth/token", // the login itself
            "GET /login", // the staff pages' sign-in form (its post is Spring Security's, not a mapped route)
            "GET /v3/api-docs", "GET /swagger-ui", // the API description
            "* /error", // Boot's error page, reached only by forwarding
            // Open311 (issue 9): public reads like the lookup page, checked in checkPublic below; the list and the
            // creation answer 403 in the spec's own format without an API key, any other path 404 (Open311HttpTest).
            "GET /open311/v2/", "POST /open311/v2/", "* /open311/v2/");

    // The applicant's personal data and own text, and what staff write for staff (all unique markers).
    private static final String NAME = "王秘密";
    private static final String PHONE = "13987654321";
    private static final String ID_NUMBER = "11010519491231002X";
    private static final String ADDRESS = "示范区甲街道幸福路88号";
    private static final String SUBJECT = "申请临时救助甲乙";
    private static final String DESCRIPTION = "家中突发变故丙丁";
    private static final String COMMENT = "评价内容辰";
    private static final String REGRADE_COMMENT = "再评内容申";
    private static final List<String> STAFF_TEXTS = List.of("转办理由戊", "退回理由己", "再转理由庚", "延期理由辛",
            "督办内容壬", "督办答复癸", "催办内容子", "问责理由丑", "违规说明寅", "核实内容卯", "整改内容巳", "答复内容午",
            "重办理由未");
    // What the applicant may read with the code.
    private static final String OTHER_ITEM = "户口本复印件酉";
    private static final String RESULT_TEXT = "已发放临时救助金戌";

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    private static String window;
    private static String department;
    private static String supervisor;

    /** Once for the class (the tokens outlive it; each login costs a bcrypt check). */
    @BeforeEach
    void login() {
        if (window == null) {
            window = token("jjd-window", "demo-window");
            department = token("mzj-handler", "demo-handler");
            supervisor = token("sfq-supervisor", "demo-supervisor");
        }
    }

    /** "METHOD /pattern" of every handler method; "*" when it takes any method. */
    private Set<String> routes() {
        Set<String> routes = new TreeSet<>();
        for (RequestMappingInfo info : mappings.getHandlerMethods().keySet()) {
            Set<String> methods = new TreeSet<>();
            info.getMethodsCondition().getMethods().forEach(m -> methods.add(m.name()));
            if (methods.isEmpty()) {
                methods.add("*");
            }
            for (String pattern : info.getPatternValues()) {
                methods.forEach(m -> routes.add(m + " " + pattern));
            }
        }
        return routes;
    }

    @Test
    void everyPublicRouteIsCoveredHereAndEveryOtherRouteRefusesAnAnonymousCaller() {
        Set<String> routes = routes();
        Set<String> publicRoutes = new TreeSet<>();
        routes.stream().filter(r -> r.substring(r.indexOf(' ') + 1).startsWith("/api/public")).forEach(publicRoutes::add);
        assertThat(publicRoutes).as("public routes: a new one needs its place in PUBLIC_ROUTES and in the checks of "
                + "what the public sees below").isEqualTo(PUBLIC_ROUTES.keySet());
        PUBLIC_ROUTES.forEach((route, takesCode) -> assertThat(PublicRateLimitFilter.carriesCode(
                route.substring(route.indexOf(' ') + 1).replace("{trackingNumber}", "WM-00000-00001-Y")))
                .as("the stricter rate limit applies to %s", route).isEqualTo(takesCode));
        assertThat(routes).as("the web pages").containsAll(PAGE_ROUTES.keySet());
        PAGE_ROUTES.forEach((route, takesCode) -> assertThat(PublicRateLimitFilter.carriesCode(
                route.substring(route.indexOf(' ') + 1))).as("the stricter rate limit applies to %s", route)
                .isEqualTo(takesCode));

        int checked = 0;
        for (String route : routes) {
            if (publicRoutes.contains(route) || PAGE_ROUTES.containsKey(route)
                    || OTHER_ANONYMOUS_PREFIXES.stream().anyMatch(p -> route.startsWith(p)
                    || (p.startsWith("* ") && route.endsWith(p.substring(1))))) {
                continue;
            }
            String method = route.substring(0, route.indexOf(' '));
            String path = route.substring(route.indexOf(' ') + 1).replaceAll("\\{[^}]+}", "x1").replace("/**", "/x1");
            if (path.equals("/work") || path.startsWith("/work/") || path.equals("/supervise")
                    || path.startsWith("/supervise/")) {
                // The staff pages (issue 10) send a browser to the sign-in form instead of a problem detail.
                var page = org.weimin.ops.pages.StaffLogin.send(http.getRootUri() + path,
                        method.equals("*") ? "GET" : method, null, method.equals("GET") || method.equals("*")
                                ? null : Map.of(), null);
                assertThat(page.status()).as("%s", route).isIn(302, 403);
                if (page.status() == 302) {
                    assertThat(page.location()).as("%s", route).endsWith("/login");
                }
                checked++;
                continue;
            }
            ResponseEntity<JsonNode> response = http.exchange(path,
                    HttpMethod.valueOf(method.equals("*") ? "GET" : method), new HttpEntity<>(headers(null)),
                    JsonNode.class);
            assertProblem(response, 401, "AUTHENTICATION_REQUIRED");
            checked++;
        }
        assertThat(checked).as("routes that need a token").isGreaterThan(30);
    }

    @Test
    void thePublicSeesNoPersonalDataNoStaffAndNoStaffTextOnAnyRouteAtAnyStepAndTheApplicantSeesTheirsWithTheCode()
            throws Exception {
        String client = "203.0.113.10";
        Map<String, Object> receive = new HashMap<>();
        receive.put("window", "JJD-ZX-W01");
        receive.put("serviceItem", "MZ-002");
        receive.put("channel", "WINDOW");
        receive.put("applicant", Map.of("name", NAME, "idType", "RESIDENT_ID", "idNumber", ID_NUMBER, "phone", PHONE,
                "address", ADDRESS));
        receive.put("subject", SUBJECT);
        receive.put("description", DESCRIPTION);
        JsonNode receipt = ok(post("/api/cases", window, receive));
        String id = receipt.get("caseId").asText();
        String tn = receipt.get("trackingNumber").asText();
        String code = receipt.get("verificationCode").asText();

        JsonNode staffView = staffView(id, supervisor, 0);
        List<String> secret = new ArrayList<>(List.of(NAME, PHONE, ID_NUMBER, ADDRESS, SUBJECT, DESCRIPTION, COMMENT,
                REGRADE_COMMENT, code));
        secret.addAll(STAFF_TEXTS);
        secret.addAll(staffNames());
        List<String> masked = List.of(staffView.at("/applicant/phone").asText(),
                staffView.at("/applicant/idNumber").asText(), staffView.at("/applicant/address").asText());
        assertThat(masked).allSatisfy(m -> assertThat(m).contains("*"));
        secret.addAll(masked);
        String maskedName = staffView.at("/applicant/name").asText();
        assertThat(maskedName).isEqualTo("王**");
        // Without the code the public sees no personal data at all, not even masked, nor what the applicant is told.
        List<String> secretWithoutCode = new ArrayList<>(secret);
        secretWithoutCode.addAll(List.of(maskedName, OTHER_ITEM, RESULT_TEXT, "居民身份证", "进度告知", "结果告知"));

        long[] sequence = {0};
        Set<String> kindsSeen = new LinkedHashSet<>();
        Runnable check = () -> {
            staffView(id, supervisor, sequence[0]);
            kindsSeen.addAll(checkPublic(client, tn, code, secretWithoutCode, secret, maskedName));
        };
        check.run();

        sequence[0] = step(window, path(id, "forward"), Map.of("targetUnit", "SFQ-MZJ", "reason", STAFF_TEXTS.get(0)));
        check.run();
        sequence[0] = step(department, path(id, "return"), Map.of("reason", STAFF_TEXTS.get(1)));
        check.run();
        sequence[0] = step(window, path(id, "forward"), Map.of("targetUnit", "SFQ-MZJ", "reason", STAFF_TEXTS.get(2)));
        sequence[0] = step(department, path(id, "acceptance"), Map.of());
        check.run();
        sequence[0] = step(department, path(id, "missing-materials-notices"),
                Map.of("materials", List.of("M01"), "otherItems", List.of(OTHER_ITEM), "channel", "SMS"));
        check.run();
        sequence[0] = step(department, path(id, "supplement"), Map.of("materials", List.of("M01"),
                "otherItems", List.of(OTHER_ITEM)));
        sequence[0] = step(department, path(id, "missing-materials-notices"),
                Map.of("materials", List.of("M05"), "channel", "PHONE")); // an unlisted item: a breach
        sequence[0] = step(supervisor, path(id, "breaches/2/justification"), Map.of("reason", STAFF_TEXTS.get(8)));
        check.run();
        sequence[0] = step(department, path(id, "supplement"), Map.of("materials", List.of("M05")));
        sequence[0] = step(department, path(id, "progress-notices"), Map.of("channel", "PHONE", "text", "进度告知"));
        check.run();
        sequence[0] = step(department, path(id, "extension-requests"), Map.of("workingDays", 3,
                "reason", STAFF_TEXTS.get(3)));
        sequence[0] = step(supervisor, path(id, "extension-requests/1/approval"), Map.of());
        check.run();
        sequence[0] = step(supervisor, path(id, "supervision-orders"), Map.of("text", STAFF_TEXTS.get(4),
                "dueDate", "2025-03-20"));
        sequence[0] = step(department, path(id, "supervision-orders/1/answer"), Map.of("text", STAFF_TEXTS.get(5)));
        sequence[0] = step(supervisor, path(id, "urge"), Map.of("text", STAFF_TEXTS.get(6)));
        sequence[0] = step(supervisor, path(id, "findings"), Map.of("againstUnit", "SFQ-MZJ",
                "againstStaff", "mzj-handler", "reason", STAFF_TEXTS.get(7)));
        check.run();

        // The evaluation form opens with the completion; the applicant reads the result text with the code.
        sequence[0] = step(department, path(id, "completion"), Map.of("result", "GRANTED", "resultText", RESULT_TEXT));
        sequence[0] = step(department, path(id, "result-notices"), Map.of("channel", "SMS", "text", "结果告知"));
        check.run();
        JsonNode details = ok(publicGet("/api/public/cases/" + tn + "/details", client, code));
        assertThat(details.path("canEvaluate").asBoolean()).isTrue();
        assertThat(details.path("resultText").asText()).isEqualTo(RESULT_TEXT);
        assertThat(details.at("/notices/0/items").toString()).contains("居民身份证", OTHER_ITEM);
        assertThat(details.path("told").toString()).contains("进度告知", "结果告知");

        sequence[0] = evaluate(tn, client, code, "DISSATISFIED", COMMENT, secret);
        check.run();
        sequence[0] = step(department, path(id, "rectification/verification"), Map.of("text", STAFF_TEXTS.get(9)));
        sequence[0] = step(department, path(id, "rectification/rectification"), Map.of("text", STAFF_TEXTS.get(10)));
        sequence[0] = step(department, path(id, "rectification/reply"), Map.of("text", STAFF_TEXTS.get(11)));
        check.run();
        assertThat(ok(publicGet("/api/public/cases/" + tn + "/details", client, code)).path("canEvaluate")
                .asBoolean()).as("regrade after the reply").isTrue();
        sequence[0] = evaluate(tn, client, code, "SATISFIED", REGRADE_COMMENT, secret);
        check.run();
        sequence[0] = step(supervisor, path(id, "reopen"), Map.of("reason", STAFF_TEXTS.get(12)));
        check.run();

        assertThat(kindsSeen).as("public step kinds (rules.md lists received, forwarded, accepted, notice sent, "
                + "supplemented, completed, evaluated)").contains("RECEIVED", "FORWARDED", "RETURNED", "ACCEPTED",
                "NOTICE_SENT", "SUPPLEMENTED", "COMPLETED", "EVALUATED", "REOPENED");
        assertThat(kindsSeen).as("no supervision, urge, finding, breach or alert reaches the public")
                .allMatch(kind -> kind.matches("RECEIVED|FORWARDED|RETURNED|ACCEPTED|DEEMED_ACCEPTED|NOTICE_SENT"
                        + "|SUPPLEMENTED|(PROGRESS|RESULT)_NOTIFIED|EXTENDED|DEADLINE_REVISED|COMPLETED|EVALUATED"
                        + "|RECTIFICATION_[A-Z]+|REGRADED|REOPENED"));
    }

    /**
     * The three public routes for a case, by one client: without a code (public view; details without and with a wrong
     * code) nothing in {@code secretWithoutCode}; with the code nothing in {@code secret}, the masked name, and the
     * public view inside it. Returns the step kinds the public view shows.
     */
    private Set<String> checkPublic(String client, String tn, String code, List<String> secretWithoutCode,
                                    List<String> secret, String maskedName) {
        ResponseEntity<JsonNode> publicView = publicGet("/api/public/cases/" + tn, client, null);
        JsonNode view = ok(publicView);
        assertNothingSecret(publicView, secretWithoutCode);
        assertThat(view.path("trackingNumber").asText()).isEqualTo(tn);
        assertThat(view.path("status").asText()).isNotBlank();
        assertThat(view.at("/serviceItem/code").asText()).isEqualTo("MZ-002");
        assertThat(view.at("/currentUnit/code").asText()).isIn("JJD-ZX", "SFQ-MZJ");
        assertThat(view.path("receivedAt").asText()).isNotBlank();
        if (view.path("paused").asBoolean()) {
            assertThat(view.path("remainingWorkingDays").isInt()).as("paused: N working days remaining").isTrue();
        } else {
            assertThat(view.path("deadline").asText()).as("the deadline").isNotBlank();
        }
        Set<String> kinds = new LinkedHashSet<>();
        for (JsonNode step : view.path("steps")) {
            kinds.add(step.path("kind").asText());
            assertThat(step.path("at").asText()).as("the date of each step").isNotBlank();
            String detail = step.path("detail").asText(null);
            if (detail != null) {
                assertThat(step.path("kind").asText()).as("only notices, completions and extensions carry a detail: %s",
                        step).isIn("NOTICE_SENT", "COMPLETED", "EXTENDED");
            }
        }
        assertNothingSecret(publicGet("/api/public/cases/" + tn + "/details", client, null), secretWithoutCode);
        ResponseEntity<JsonNode> wrong = publicGet("/api/public/cases/" + tn + "/details", client,
                code.startsWith("A") ? "BBBBBBBB" : "AAAAAAAA");
        assertProblem(wrong, 403, "WRONG_VERIFICATION_CODE");
        assertNothingSecret(wrong, secretWithoutCode);

        ResponseEntity<JsonNode> details = publicGet("/api/public/cases/" + tn + "/details", client, code);
        assertNothingSecret(details, secret);
        assertThat(ok(details).path("applicantNameMasked").asText()).isEqualTo(maskedName);
        assertThat(details.getBody().path("summary")).isEqualTo(view);
        // Open311 (issue 9) shows one request from the same public view: nothing without the code, in either format,
        // with the extensions too.
        ResponseEntity<JsonNode> open311 = publicGet("/open311/v2/requests/" + tn + ".json?extensions=true", client,
                null);
        assertThat(ok(open311).get(0).path("service_request_id").asText()).isEqualTo(tn);
        assertNothingSecret(open311, secretWithoutCode);
        HttpHeaders headers = new HttpHeaders();
        headers.set("X-Forwarded-For", client);
        ResponseEntity<String> open311Xml = http.exchange("/open311/v2/requests/" + tn + ".xml?extensions=true",
                HttpMethod.GET, new HttpEntity<>(headers), String.class);
        assertThat(open311Xml.getStatusCode().value()).isEqualTo(200);
        assertThat(secretWithoutCode).allSatisfy(s -> assertThat(open311Xml.getBody()).doesNotContain(s));
        // The open figures hold counts and rates only (here without a search index: a 503 that tells nothing).
        assertNothingSecret(publicGet("/api/public/figures?period=2025-03", client, null), secretWithoutCode);
        // The web pages (issue 10) show the same views: nothing secret without the code; with it, nothing but the
        // masked name and what the applicant may read (the code itself comes back only in the evaluation form's
        // hidden field, to the one who typed it, on a page that is never cached).
        String pageClient = "198.51.100.10"; // its own buckets: the code-attempts one never refills on the fixed clock
        Page page = getPage("/track?number=" + tn, pageClient, null);
        assertThat(page.status()).as("%s", page.html()).isEqualTo(200);
        assertThat(page.html()).contains(tn);
        assertThat(secretWithoutCode).allSatisfy(s -> assertThat(page.html()).doesNotContain(s));
        Page wrongPage = postForm("/track/details", pageClient, Map.of("number", tn,
                "code", code.startsWith("A") ? "BBBBBBBB" : "AAAAAAAA"), true);
        assertThat(wrongPage.status()).isEqualTo(403);
        assertThat(wrongPage.errorCode()).isEqualTo("WRONG_VERIFICATION_CODE");
        assertThat(secretWithoutCode).allSatisfy(s -> assertThat(wrongPage.html()).doesNotContain(s));
        Page detailsPage = postForm("/track/details", pageClient, Map.of("number", tn, "code", code), true);
        assertThat(detailsPage.status()).as("%s", detailsPage.html()).isEqualTo(200);
        assertThat(detailsPage.html()).contains(maskedName);
        assertThat(detailsPage.headers().getCacheControl()).contains("no-store");
        String withoutForm = detailsPage.html().replace("name=\"code\" value=\"" + code + "\"", "");
        assertThat(secret).allSatisfy(s -> assertThat(withoutForm).doesNotContain(s));
        // A right code clears the wrong ones: the checks above never lock the case.
        return kinds;
    }

    /** The applicant's evaluation; its reply shows nothing secret. Returns the sequence. */
    private long evaluate(String tn, String client, String code, String grade, String comment, List<String> secret) {
        ResponseEntity<JsonNode> reply = publicPost("/api/public/cases/" + tn + "/evaluation", client,
                Map.of("verificationCode", code, "grade", grade, "comment", comment));
        assertNothingSecret(reply, secret);
        return ok(reply).get("sequence").asLong();
    }

    private static void assertNothingSecret(ResponseEntity<JsonNode> response, List<String> secret) {
        String body = String.valueOf(response.getBody());
        assertThat(secret).allSatisfy(s -> assertThat(body).as("response %s", body).doesNotContain(s));
    }

    private List<String> staffNames() throws Exception {
        List<String> names = new ArrayList<>();
        try (InputStream in = getClass().getResourceAsStream("/reference/users.json")) {
            for (JsonNode user : json.readTree(in)) {
                names.add(user.path("username").asText());
                names.add(user.path("displayName").asText());
            }
        }
        assertThat(names).contains("mzj-handler", "jjd-window");
        return names;
    }

    private long step(String token, String path, Object body) {
        return ok(post(path, token, body)).get("sequence").asLong();
    }

    private ResponseEntity<JsonNode> publicGet(String path, String client, String code) {
        return publicCall(HttpMethod.GET, path, client, code, null);
    }

    private ResponseEntity<JsonNode> publicPost(String path, String client, Object body) {
        return publicCall(HttpMethod.POST, path, client, null, body);
    }

    /** A public request from {@code client} (through the loopback proxy), with a code header and a JSON body if given. */
    private ResponseEntity<JsonNode> publicCall(HttpMethod method, String path, String client, String code,
                                                Object body) {
        HttpHeaders headers = headers(null);
        headers.set("X-Forwarded-For", client);
        if (code != null) {
            headers.set("X-Verification-Code", code);
        }
        try {
            return http.exchange(path, method,
                    new HttpEntity<>(body == null ? null : json.writeValueAsString(body), headers), JsonNode.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void fiveWrongCodesLockTheCasesDetailsAndEvaluationFor15MinutesEvenForTheRightCode() {
        String client = "203.0.113.20";
        JsonNode receipt = ok(post("/api/cases", window, receiveBody("MZ-002")));
        String tn = receipt.get("trackingNumber").asText();
        String code = receipt.get("verificationCode").asText();
        long sequence = step(window, path(receipt.get("caseId").asText(), "completion"),
                Map.of("result", "GRANTED", "resultText", "已办结"));
        staffView(receipt.get("caseId").asText(), window, sequence);
        JsonNode other = ok(post("/api/cases", window, receiveBody("MZ-002")));
        staffView(other.get("caseId").asText(), window, 0);
        String wrongCode = code.startsWith("A") ? "BBBBBBBB" : "AAAAAAAA";

        for (int i = 0; i < 3; i++) {
            assertProblem(publicGet("/api/public/cases/" + tn + "/details", client, wrongCode), 403,
                    "WRONG_VERIFICATION_CODE");
        }
        for (int i = 0; i < 2; i++) {
            assertProblem(publicPost("/api/public/cases/" + tn + "/evaluation", client,
                    Map.of("verificationCode", wrongCode, "grade", "SATISFIED")), 403, "WRONG_VERIFICATION_CODE");
        }
        ResponseEntity<JsonNode> details = publicGet("/api/public/cases/" + tn + "/details", client, code);
        assertProblem(details, 429, "VERIFICATION_LOCKED");
        assertThat(details.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("900");
        assertThat(details.getHeaders().getContentType().toString()).startsWith("application/problem+json");
        assertThat(details.getBody().path("retryable").asBoolean()).isTrue();
        assertThat(details.getBody().toString()).doesNotContain(code);
        ResponseEntity<JsonNode> evaluation = publicPost("/api/public/cases/" + tn + "/evaluation", client,
                Map.of("verificationCode", code, "grade", "SATISFIED"));
        assertProblem(evaluation, 429, "VERIFICATION_LOCKED");
        assertThat(evaluation.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("900");
        assertProblem(publicGet("/api/public/cases/" + tn + "/details", "203.0.113.21", code), 429,
                "VERIFICATION_LOCKED"); // per case, whatever the address

        assertThat(ok(publicGet("/api/public/cases/" + tn, client, null)).path("status").asText())
                .as("the lookup without a code is not locked, and the evaluation was not recorded").isEqualTo("COMPLETED");
        assertThat(ok(publicGet("/api/public/cases/" + other.get("trackingNumber").asText() + "/details", client,
                other.get("verificationCode").asText())).path("canEvaluate").asBoolean()).as("another case").isFalse();
    }

    @Test
    void anAddressThatSendsTooManyRequestsWithACodeGets429RateLimitedWithRetryAfterAndOthersDoNot() {
        String client = "203.0.113.30";
        String unknown = "/api/public/cases/WM-00000-00001-Y/details";
        for (int i = 0; i < 60; i++) {
            assertProblem(publicGet(unknown, client, "AAAAAAAA"), 404, "CASE_NOT_FOUND");
        }
        ResponseEntity<JsonNode> limited = publicGet(unknown, client, "AAAAAAAA");
        assertProblem(limited, 429, "RATE_LIMITED");
        assertThat(limited.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("1"); // 60 a minute
        assertThat(limited.getHeaders().getContentType().toString()).startsWith("application/problem+json");
        assertProblem(publicPost("/api/public/cases/WM-00000-00001-Y/evaluation", client,
                Map.of("verificationCode", "AAAAAAAA", "grade", "SATISFIED")), 429, "RATE_LIMITED");
        assertProblem(publicGet("/api/public/cases/WM-00000-00001-Y", client, null), 404, "CASE_NOT_FOUND");
        assertProblem(publicGet(unknown, "203.0.113.31", "AAAAAAAA"), 404, "CASE_NOT_FOUND");
    }
}
