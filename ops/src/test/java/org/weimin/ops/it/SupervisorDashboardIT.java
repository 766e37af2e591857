package org.weimin.ops.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.weimin.events.calendar.WorkingCalendar;
import org.weimin.ops.pages.StaffLogin;

/**
 * The supervisor dashboard in a real browser (issue 10), against the packaged application with the build's
 * Elasticsearch: two cases received through the API (one forwarded), then the supervisor signs in, searches by text,
 * narrows by a status facet, exports what is shown (CSV and XLSX, fetched with the browser's session: status, type, a
 * row for the case), opens the case's trail, moves the point-in-time picker back to before the forward and sees the
 * earlier state, and opens the assessment figures (charts and tables: the month, its grade distribution, the rates
 * month by month). Every page passes axe-core and is photographed at
 * phone and desktop widths ({@link Browser}). Over plain HTTP: not signed in is a redirect to {@code /login}; a
 * window-staff user is refused with 403 {@code FORBIDDEN}. (A supervisor outside the subtree:
 * {@code SupervisorPagesHttpTest}.)
 */
class SupervisorDashboardIT {
    /** The text both cases' subjects share, percent-encoded for the API. */
    private static final String TEXT = java.net.URLEncoder.encode("督查浏览", StandardCharsets.UTF_8);

    @Test
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    void aSupervisorSearchesNarrowsExportsReadsTheTrailInThePastAndTheFigures() throws Exception {
        Path data = AppProcess.freshDir("super-data");
        try (AppProcess app = AppProcess.start("super", data);
             Browser browser = Browser.start()) {
            String base = app.baseUrl();
            Api api = new Api(app::baseUrl);
            Api.Session window = api.session("jjd-window", "demo-window");
            Api.Session supervisor = api.session("sfq-supervisor", "demo-supervisor");
            String forwarded = receive(window, "督查浏览甲");
            String staying = receive(window, "督查浏览乙");
            Api.Reply forward = window.post("/api/cases/" + forwarded + "/forward",
                    Map.of("targetUnit", "SFQ-MZJ", "reason", "转民政局"));
            assertThat(forward.status()).as("%s", forward).isEqualTo(200);
            await("both cases in the search index, the forward too").atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> supervisor.get("/api/supervision/cases/search?q=" + TEXT + "&status=AWAITING_ACCEPTANCE")
                            .json().path("total").asLong() == 1
                            && supervisor.get("/api/supervision/cases/search?q=" + TEXT).json().path("total")
                            .asLong() == 2);
            JsonNode trail = supervisor.get("/api/supervision/cases/" + forwarded + "/trail").json();
            String forwardedTn = trail.path("trackingNumber").asText();
            Instant forwardRecorded = null;
            for (JsonNode step : trail.path("steps")) {
                if (step.path("kind").asText().equals("FORWARDED")) {
                    forwardRecorded = Instant.parse(step.path("recordedAt").asText());
                }
            }
            assertThat(forwardRecorded).as("the forward in the trail %s", trail).isNotNull();

            // Not signed in: the login page; window staff: refused.
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<Void> anonymous = http.send(HttpRequest.newBuilder(URI.create(base + "/supervise")).build(),
                    HttpResponse.BodyHandlers.discarding());
            assertThat(anonymous.statusCode()).isEqualTo(302);
            assertThat(anonymous.headers().firstValue("Location").orElse("")).endsWith("/login");
            String windowCookie = StaffLogin.sessionCookie(base, "jjd-window", "demo-window");
            HttpResponse<String> refused = http.send(HttpRequest.newBuilder(URI.create(base + "/supervise"))
                    .header("Cookie", windowCookie).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(refused.statusCode()).isEqualTo(403);
            assertThat(refused.body()).contains("data-error-code=\"FORBIDDEN\"");

            // Search by text, then narrow with a facet.
            StaffLogin.login(browser.driver(), base, "sfq-supervisor", "demo-supervisor");
            browser.open(base + "/supervise");
            browser.await("#search-form");
            browser.type("#q", "督查浏览").find("#search-submit").click();
            await("two results").atMost(Duration.ofSeconds(10))
                    .until(() -> browser.all("#results tbody tr").size() == 2);
            assertThat(browser.find("#results-heading").getText()).contains("2");
            browser.check("supervise-search");
            browser.find("ul[data-facet=status] a[data-value=AWAITING_ACCEPTANCE]").click();
            await("the facet applied").atMost(Duration.ofSeconds(10))
                    .until(() -> browser.all("#results tbody tr").size() == 1);
            assertThat(browser.find("#results tbody tr").getAttribute("data-case")).isEqualTo(forwarded);
            assertThat(browser.find("ul[data-facet=status] a[aria-current=true]").getAttribute("data-value"))
                    .isEqualTo("AWAITING_ACCEPTANCE");
            browser.check("supervise-facet");

            // Export what is shown, with the browser's session.
            String session = "JSESSIONID=" + browser.driver().manage().getCookieNamed("JSESSIONID").getValue();
            HttpResponse<String> csv = http.send(HttpRequest.newBuilder(
                            URI.create(browser.find("#export-csv").getAttribute("href")))
                    .header("Cookie", session).build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            assertThat(csv.statusCode()).isEqualTo(200);
            assertThat(csv.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
            assertThat(csv.body()).contains(forwardedTn);
            assertThat(csv.body().lines().count()).as("header and the one case shown").isEqualTo(2);
            HttpResponse<byte[]> xlsx = http.send(HttpRequest.newBuilder(
                            URI.create(browser.find("#export-xlsx").getAttribute("href")))
                    .header("Cookie", session).build(), HttpResponse.BodyHandlers.ofByteArray());
            assertThat(xlsx.statusCode()).isEqualTo(200);
            assertThat(xlsx.headers().firstValue("Content-Type").orElse(""))
                    .isEqualTo("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
            assertThat(xlsx.headers().firstValue("X-Total-Count")).hasValue("1");
            assertThat(xlsx.body()).startsWith((byte) 'P', (byte) 'K'); // a zip: the workbook

            // The case: the trail now, then as recorded just before the forward.
            browser.find("#results a.case-link").click();
            assertThat(browser.await("#view-status").getAttribute("data-status")).isEqualTo("AWAITING_ACCEPTANCE");
            assertThat(browser.all("#trail li")).hasSize(2);
            browser.check("supervise-case");
            WebElement picker = browser.find("#at");
            // Just before the forward was recorded (the receipt was read back well before it); a date-time field
            // holds milliseconds at most.
            Instant at = forwardRecorded.minusMillis(1).truncatedTo(ChronoUnit.MILLIS);
            ((JavascriptExecutor) browser.driver()).executeScript("arguments[0].value = arguments[1];", picker,
                    DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS").format(at.atZone(WorkingCalendar.ZONE)));
            assertThat(picker.getAttribute("value")).as("the picker took the time").isNotEmpty();
            browser.find("#asof-submit").click();
            await("the picked time in the address").atMost(Duration.ofSeconds(10))
                    .until(() -> browser.driver().getCurrentUrl().contains("at="));
            browser.await("main h1");
            assertThat(browser.all("#view-status")).as("%s: %s", browser.driver().getCurrentUrl(),
                    browser.find("main").getText()).hasSize(1);
            assertThat(browser.find("#view-status").getAttribute("data-status")).isEqualTo("IN_PROGRESS");
            assertThat(browser.find("#view-holder").getText()).isEqualTo("甲街道政务服务中心");
            browser.check("supervise-case-earlier");

            // The figures: a chart and the table beside it.
            browser.find("#nav-figures").click();
            browser.await("#figures-table");
            assertThat(browser.all("#figures-table tbody tr")).isNotEmpty();
            await("the chart").atMost(Duration.ofSeconds(10))
                    .until(() -> !browser.all("#sup-charts canvas").isEmpty());
            // The grade distribution, and the rates month by month over the six months up to this one.
            assertThat(browser.all("#trend-table th.trend-period")).hasSize(6);
            assertThat(browser.all("#trend-table tbody tr.trend-row")).hasSizeGreaterThanOrEqualTo(3);
            await("the grade and trend charts").atMost(Duration.ofSeconds(10))
                    .until(() -> !browser.all("#chart-grades canvas").isEmpty()
                            && !browser.all("#chart-trend-onTimeRate canvas").isEmpty());
            browser.check("supervise-figures");
            assertThat(staying).isNotEqualTo(forwarded);
        }
    }

    private static String receive(Api.Session window, String subject) throws Exception {
        Api.Reply receipt = window.post("/api/cases", Map.of("window", "JJD-ZX-W01", "serviceItem", "MZ-002",
                "channel", "WINDOW", "applicant", Map.of("name", "王督查", "phone", "13912345678"),
                "subject", subject));
        assertThat(receipt.status()).as("%s", receipt).isEqualTo(201);
        String id = receipt.text("/caseId");
        await("the case in the read model").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> window.get("/api/cases/" + id).status() == 200);
        return id;
    }
}
