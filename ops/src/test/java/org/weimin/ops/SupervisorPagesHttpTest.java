package org.weimin.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.http.HttpHeaders;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.weimin.ops.pages.StaffLogin;

/**
 * The supervisor dashboard's pages over HTTP, in process, with a clock the test moves (Elasticsearch is not running
 * here: the search pages with results are {@code SupervisorDashboardIT}'s): the case page shows the trail and the
 * record as it stood at a picked Beijing time; a window-staff user is refused every dashboard page with the API's
 * 403 {@code FORBIDDEN} and not signed in is the login form; a supervisor of a unit outside the case's subtree sees nothing of it (case page, export and
 * a unit filter outside the subtree: 403); a malformed time is a 400; the search with the index down is a 503 page.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "weimin.public.rate-limit.code-attempts.capacity=500",
        "weimin.public.rate-limit.code-attempts.refill-tokens=500"})
class SupervisorPagesHttpTest extends HttpTestSupport {
    @TempDir
    static Path dataDir;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("weimin.data-dir", () -> dataDir.toString());
        registry.add("weimin.security.token-lifetime", () -> "P30D"); // the test moves the clock by days
    }

    @TestConfiguration
    static class Clocks {
        @Bean
        @Primary
        PointInTimeHttpTest.SteppingClock steppingClock() {
            return new PointInTimeHttpTest.SteppingClock();
        }
    }

    @Autowired
    PointInTimeHttpTest.SteppingClock clock;

    /** Session cookies by user and clock reading: a session ends with its token and when idle. */
    private final Map<String, String> sessions = new HashMap<>();

    private String session(String user, String password) {
        return sessions.computeIfAbsent(user + "@" + clock.instant(),
                key -> StaffLogin.sessionCookie(http.getRootUri(), user, password));
    }

    /** A page as {@code user} sees it, signed in through the login form (redirects not followed). */
    private Page page(String path, String user, String password) {
        StaffLogin.Response response = StaffLogin.send(http.getRootUri() + path, "GET", session(user, password),
                null, null);
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.LOCATION, response.location());
        return new Page(response.status(), headers, response.body());
    }

    @Test
    void theCasePageShowsTheTrailAndTheRecordAsItStoodAtThePickedTime() {
        clock.set(Instant.parse("2025-03-03T02:00:00Z")); // Mon 10:00 Beijing
        String window = token("jjd-window", "demo-window");
        Map<String, Object> body = new HashMap<>(receiveBody("MZ-001"));
        body.put("applicant", Map.of("name", "赵督查"));
        JsonNode receipt = ok(post("/api/cases", window, body));
        String id = receipt.get("caseId").asText();
        clock.set(Instant.parse("2025-03-04T02:00:00Z")); // Tue 10:00 Beijing
        ok(post("/api/cases/" + id + "/forward", window, Map.of("targetUnit", "SFQ-MZJ", "reason", "转民政局")));
        staffView(id, window, 1);

        Page now = page("/supervise/cases/" + id, "sfq-supervisor", "demo-supervisor");
        assertThat(now.status()).as(now.html()).isEqualTo(200);
        assertThat(now.html()).contains(receipt.get("trackingNumber").asText())
                .contains("data-status=\"AWAITING_ACCEPTANCE\"")
                .contains("data-kind=\"RECEIVED\"").contains("data-kind=\"FORWARDED\"")
                .contains("示范区民政局")
                .doesNotContain("赵督查");

        Page atReceipt = page("/supervise/cases/" + id + "?at=2025-03-03T12:00", "sfq-supervisor",
                "demo-supervisor");
        assertThat(atReceipt.status()).isEqualTo(200);
        assertThat(atReceipt.html()).contains("data-status=\"IN_PROGRESS\"").contains("value=\"2025-03-03T12:00\"");

        Page malformed = page("/supervise/cases/" + id + "?at=yesterday", "sfq-supervisor", "demo-supervisor");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.errorCode()).isEqualTo("VALIDATION_FAILED");
        Page beforeIt = page("/supervise/cases/" + id + "?at=2025-03-01", "sfq-supervisor", "demo-supervisor");
        assertThat(beforeIt.status()).isEqualTo(404);

        // A supervisor of the city's civil-affairs bureau: outside 示范区, so nothing of this case.
        String admin = token("admin", "demo-admin");
        ok(post("/api/admin/users", admin, Map.of("username", "sfs-mzj-supervisor", "displayName", "市局督查",
                "unit", "SFS-MZJ", "roles", List.of("supervisor"), "password", "demo-outside-supervisor")));
        Page outside = page("/supervise/cases/" + id, "sfs-mzj-supervisor", "demo-outside-supervisor");
        assertThat(outside.status()).isIn(403, 404);
        assertThat(outside.html()).doesNotContain(receipt.get("trackingNumber").asText());
        Page outsideFilter = page("/supervise?unit=JJD", "sfs-mzj-supervisor", "demo-outside-supervisor");
        assertThat(outsideFilter.status()).isEqualTo(403);
        assertThat(outsideFilter.errorCode()).isEqualTo("FORBIDDEN");
        Page outsideExport = page("/supervise/export.csv?unit=JJD", "sfs-mzj-supervisor", "demo-outside-supervisor");
        assertThat(outsideExport.status()).isEqualTo(403);
    }

    /**
     * A form posted as {@code user} with the session's CSRF token (from the sign-in form, which every session
     * may read), redirects followed once as a browser does.
     */
    private Page postPage(String path, String user, String password, Map<String, String> fields) {
        String cookie = session(user, password);
        Map<String, String> form = new HashMap<>(fields);
        form.put("_csrf", StaffLogin.csrf(StaffLogin.send(http.getRootUri() + "/login", "GET", cookie,
                null, null).body()));
        StaffLogin.Response response = StaffLogin.send(http.getRootUri() + path, "POST", cookie, form, null);
        if (response.status() == 302) {
            response = StaffLogin.send(response.location().startsWith("/") ? http.getRootUri() + response.location()
                    : response.location(), "GET", cookie, null, null);
        }
        return new Page(response.status(), new HttpHeaders(), response.body());
    }

    @Test
    void theSupervisorIssuesAnOrderAndRecordsAFindingFromTheCasePage() {
        clock.set(Instant.parse("2025-03-10T02:00:00Z")); // Mon 10:00 Beijing
        String window = token("jjd-window", "demo-window");
        String id = ok(post("/api/cases", window, receiveBody("MZ-001"))).get("caseId").asText();
        staffView(id, window, 0);
        String orders = "/supervise/cases/" + id + "/supervision-orders";

        Page blank = postPage(orders, "sfq-supervisor", "demo-supervisor", Map.of("sequence", "0", "text", " ",
                "dueDate", "2025-03-14"));
        assertThat(blank.status()).isEqualTo(400);
        assertThat(blank.errorCode()).isEqualTo("VALIDATION_FAILED");
        Page byWindow = postPage(orders, "jjd-window", "demo-window", Map.of("sequence", "0", "text", "督办",
                "dueDate", "2025-03-14"));
        assertThat(byWindow.status()).isEqualTo(403);
        assertThat(byWindow.errorCode()).isEqualTo("FORBIDDEN");
        Page stale = postPage(orders, "sfq-supervisor", "demo-supervisor", Map.of("sequence", "7", "text", "督办",
                "dueDate", "2025-03-14"));
        assertThat(stale.status()).isEqualTo(409);

        Page issued = postPage(orders, "sfq-supervisor", "demo-supervisor", Map.of("sequence", "0",
                "text", "请三日内答复办理进度", "dueDate", "2025-03-14"));
        // Redirected (followed by the client) to the case page.
        assertThat(issued.status()).as(issued.html()).isEqualTo(200);
        assertThat(issued.html()).contains("id=\"order-form\"");
        Page finding = postPage("/supervise/cases/" + id + "/findings", "sfq-supervisor", "demo-supervisor",
                Map.of("againstUnit", "JJD-ZX", "reason", "未按时答复督办"));
        assertThat(finding.status()).as(finding.html()).isEqualTo(200);
        staffView(id, window, 2);
        Page shown = page("/supervise/cases/" + id, "sfq-supervisor", "demo-supervisor");
        assertThat(shown.html()).contains("请三日内答复办理进度").contains("未按时答复督办")
                .contains("id=\"order-form\"");
        Page past = page("/supervise/cases/" + id + "?at=2025-03-10T10:00", "sfq-supervisor", "demo-supervisor");
        assertThat(past.html()).as("no forms on a past state").doesNotContain("id=\"order-form\"");
    }

    @Test
    void notSignedInIsTheLoginFormAndWindowStaffAreRefusedEveryDashboardPage() {
        StaffLogin.Response anonymous = StaffLogin.send(http.getRootUri() + "/supervise?status=IN_PROGRESS", "GET",
                null, null, null);
        assertThat(anonymous.status()).isEqualTo(302);
        assertThat(anonymous.location()).endsWith("/login");
        for (String path : List.of("/supervise", "/supervise/figures", "/supervise/export.csv",
                "/supervise/export.xlsx", "/supervise/cases/00000000-0000-0000-0000-000000000000")) {
            Page refused = page(path, "jjd-window", "demo-window");
            assertThat(refused.status()).as(path).isEqualTo(403);
            assertThat(refused.errorCode()).as(path).isEqualTo("FORBIDDEN");
        }
    }

    @Test
    void theSearchPageWithTheIndexDownIsTheUnavailablePage() {
        Page down = page("/supervise?status=IN_PROGRESS&lang=en&q=", "sfq-supervisor", "demo-supervisor");
        assertThat(down.status()).isEqualTo(503);
        assertThat(down.errorCode()).isEqualTo("SEARCH_UNAVAILABLE");
        Page bad = page("/supervise?receivedFrom=someday", "sfq-supervisor", "demo-supervisor");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.errorCode()).isEqualTo("VALIDATION_FAILED");
    }
}
