package org.weimin.ops.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The public web pages in a real browser (issue 10), against the packaged application with the build's Elasticsearch:
 * a resident looks up a case the test received through the API, reads the result with the verification code and
 * evaluates it; the pages for an unknown number, a wrong code and a rate-limited client; the open figures as charts;
 * the English switch kept across pages. Every page passes axe-core (no serious or critical violation) and is
 * photographed at phone and desktop widths ({@link Browser}). The public rate limits are set so that no token comes
 * back during the test (60 requests, 30 with a code, one more each per hour), which makes the 429 deterministic.
 */
class WebPagesIT {
    @Test
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    void aResidentLooksUpReadsTheResultAndEvaluatesAndEveryPageIsAccessibleInBothLanguages() throws Exception {
        Path data = AppProcess.freshDir("web-data");
        try (AppProcess app = AppProcess.start("web", data,
                "--weimin.public.rate-limit.requests.capacity=60",
                "--weimin.public.rate-limit.requests.refill-tokens=1",
                "--weimin.public.rate-limit.requests.refill-period=PT1H",
                "--weimin.public.rate-limit.code-attempts.capacity=30",
                "--weimin.public.rate-limit.code-attempts.refill-tokens=1",
                "--weimin.public.rate-limit.code-attempts.refill-period=PT1H");
             Browser browser = Browser.start()) {
            String base = app.baseUrl();
            Api api = new Api(app::baseUrl);
            Api.Session window = api.session("jjd-window", "demo-window");
            Api.Session auditor = api.session("auditor", "demo-auditor");
            Api.Reply receipt = window.post("/api/cases", Map.of("window", "JJD-ZX-W01", "serviceItem", "MZ-002",
                    "channel", "WINDOW", "applicant", Map.of("name", "张浏览", "phone", "13912345678"),
                    "subject", "浏览器测试"));
            assertThat(receipt.status()).as("%s", receipt).isEqualTo(201);
            String caseId = receipt.text("/caseId");
            String tn = receipt.text("/trackingNumber");
            String code = receipt.text("/verificationCode");
            await("the case in the read model").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                    .until(() -> window.get("/api/cases/" + caseId).status() == 200);

            // The lookup form, in Chinese by default; the case page.
            browser.open(base + "/");
            assertThat(browser.lang()).isEqualTo("zh-CN");
            browser.check("lookup");
            browser.type("#number", tn.toLowerCase()).find("#lookup button").click();
            assertThat(browser.await("#case-status").getText()).isEqualTo("正在办理");
            assertThat(browser.find("#case-unit").getText()).isEqualTo("甲街道政务服务中心");
            assertThat(browser.find("#case-days-left").getText()).contains("工作日");
            assertThat(browser.all("#timeline li")).hasSize(1);
            assertThat(browser.driver().getPageSource()).doesNotContain("张浏览", "张**", "13912345678", "浏览器测试");
            browser.check("case");

            // A wrong code: its own page, nothing of the case.
            browser.type("#details-code", code.startsWith("A") ? "BBBBBBBB" : "AAAAAAAA")
                    .find("#details button").click();
            assertThat(browser.await("[data-error-code]").getAttribute("data-error-code"))
                    .isEqualTo("WRONG_VERIFICATION_CODE");
            browser.check("wrong-code");

            // Staff complete the case; the resident reads the result with the code and evaluates.
            Api.Reply completed = window.post("/api/cases/" + caseId + "/completion", Map.of("result", "GRANTED",
                    "resultText", "已发放临时救助金"));
            assertThat(completed.status()).as("%s", completed).isEqualTo(200);
            long sequence = completed.json().path("sequence").asLong();
            await("the completion in the read model").atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> window.get("/api/cases/" + caseId).json().path("sequence").asLong() >= sequence);
            browser.open(base + "/track?number=" + tn);
            browser.type("#details-code", code).find("#details button").click();
            assertThat(browser.await("#result-text").getText()).isEqualTo("已发放临时救助金");
            assertThat(browser.find("#applicant").getText()).isEqualTo("张**");
            assertThat(browser.find("#case-status").getText()).isEqualTo("已办结");
            browser.check("details");
            browser.find("label[for=grade-SATISFIED]").click();
            browser.type("#comment", "办事很快");
            browser.find("#evaluation button").click();
            assertThat(browser.await("#evaluated").getAttribute("data-grade")).isEqualTo("SATISFIED");
            browser.check("evaluated");
            browser.find("main form button").click();
            assertThat(browser.await("#grade-given").getText()).isEqualTo("满意");
            assertThat(browser.all("#evaluation")).as("evaluated once: the form is gone").isEmpty();
            assertThat(window.get("/api/cases/" + caseId).json().at("/evaluation/grade").asText())
                    .isEqualTo("SATISFIED");

            // An unknown number.
            browser.open(base + "/track?number=WM-00000-00001-Y");
            assertThat(browser.await("[data-error-code]").getAttribute("data-error-code")).isEqualTo("CASE_NOT_FOUND");
            browser.check("unknown-number");

            // The English switch, kept by a cookie on the next pages, and back.
            browser.open(base + "/track?number=" + tn);
            browser.find("#lang-en").click();
            assertThat(browser.await("#case-status").getText()).isEqualTo("Completed and evaluated");
            assertThat(browser.lang()).isEqualTo("en");
            browser.check("case-en");
            browser.open(base + "/");
            assertThat(browser.lang()).isEqualTo("en");
            assertThat(browser.find("label[for=number]").getText()).isEqualTo("Tracking number");
            browser.check("lookup-en");

            // The open figures once the search index has the evaluated case: charts and the same numbers in tables.
            await("the case in the search index").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                    .until(() -> auditor.get("/api/supervision/cases/search?trackingNumber=" + tn).json()
                            .at("/items/0/status").asText().equals("EVALUATED"));
            browser.find("#lang-zh").click();
            browser.open(base + "/figures");
            assertThat(browser.lang()).isEqualTo("zh-CN");
            browser.await("#figures[data-loaded]");
            assertThat(browser.find("#figures").getAttribute("data-loaded")).isNotEqualTo("failed");
            assertThat(browser.find("#centres tr[data-code=JJD-ZX] td").getText()).isEqualTo("1");
            assertThat(browser.find("#windows tr[data-code=JJD-ZX-W01]").getText()).contains("样本不足");
            assertThat(browser.all("#centres .chart canvas")).as("the ECharts chart").isNotEmpty();
            browser.check("figures");

            // A client over the rate limit: drain its bucket, then the page says so.
            HttpClient http = HttpClient.newHttpClient();
            int status = 0;
            for (int i = 0; i < 80 && status != 429; i++) {
                status = http.send(HttpRequest.newBuilder(URI.create(base + "/track?number=" + tn)).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode();
            }
            assertThat(status).isEqualTo(429);
            browser.open(base + "/track?number=" + tn);
            assertThat(browser.await("[data-error-code]").getAttribute("data-error-code")).isEqualTo("RATE_LIMITED");
            assertThat(browser.find("#retry-after").getText()).contains("秒");
            browser.check("rate-limited");
        }
    }
}
