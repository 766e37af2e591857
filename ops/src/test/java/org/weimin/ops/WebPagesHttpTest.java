package org.weimin.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.HttpHeaders;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The public web pages over HTTP, in process (issue 10; the browser tests are {@code WebPagesIT}): the language switch
 * and its cookie; the pages for an unknown and a malformed tracking number, a wrong code, the lockout and a
 * rate-limited client carry the API's stable codes, statuses and {@code Retry-After}; the evaluation form needs its
 * CSRF token and validates like the API. Each test is its own client (X-Forwarded-For from the loopback proxy).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "server.forward-headers-strategy=native",
        "weimin.public.rate-limit.requests.capacity=30",
        "weimin.public.rate-limit.requests.refill-tokens=30",
        "weimin.public.rate-limit.requests.refill-period=PT1M",
        "weimin.public.rate-limit.code-attempts.capacity=20",
        "weimin.public.rate-limit.code-attempts.refill-tokens=20",
        "weimin.public.rate-limit.code-attempts.refill-period=PT1M"})
class WebPagesHttpTest extends HttpTestSupport {
    @TempDir
    static Path dataDir;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("weimin.data-dir", () -> dataDir.toString());
        registry.add("weimin.clock.fixed", () -> "2025-03-04T02:00:00Z"); // Tue 10:00 Beijing
    }

    private static String window;

    @BeforeEach
    void login() {
        if (window == null) {
            window = token("jjd-window", "demo-window");
        }
    }

    /** A case received at JJD-ZX-W01 and visible in the read model: [caseId, trackingNumber, code]. */
    private String[] receivedCase() {
        JsonNode receipt = ok(post("/api/cases", window, receiveBody("MZ-002")));
        String id = receipt.get("caseId").asText();
        staffView(id, window, 0);
        return new String[] {id, receipt.get("trackingNumber").asText(), receipt.get("verificationCode").asText()};
    }

    private static String wrong(String code) {
        return code.startsWith("A") ? "BBBBBBBB" : "AAAAAAAA";
    }

    @Test
    void pagesAreChineseByDefaultEnglishWithLangEnKeptInACookieAndNeverTheBrowsersLanguage() {
        Page chinese = getPage("/", "198.51.100.1", null);
        assertThat(chinese.status()).isEqualTo(200);
        assertThat(chinese.html()).contains("<html lang=\"zh-CN\"", "办件编号", "<label for=\"number\"");
        Page english = getPage("/?lang=en", "198.51.100.1", null);
        assertThat(english.html()).contains("<html lang=\"en\"", "Tracking number");
        String cookie = english.headers().getOrEmpty(HttpHeaders.SET_COOKIE).stream()
                .filter(c -> c.startsWith("weimin-lang=")).findFirst().orElseThrow();
        assertThat(cookie).startsWith("weimin-lang=en;").contains("SameSite=Lax");
        assertThat(getPage("/figures", "198.51.100.1", cookie.substring(0, cookie.indexOf(';'))).html())
                .contains("<html lang=\"en\"", "Open figures");
        assertThat(getPage("/?lang=fr", "198.51.100.1", null).html()).as("no texts in French: Chinese")
                .contains("<html lang=\"zh-CN\"");
        assertThat(getPage("/?lang=zh-CN", "198.51.100.1", "weimin-lang=en").html()).contains("<html lang=\"zh-CN\"");
    }

    @Test
    void anUnknownNumberAndAMalformedOneGetTheirOwnPagesWithTheApisCodes() {
        Page unknown = getPage("/track?number=WM-00000-00001-Y", "198.51.100.2", null);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.errorCode()).isEqualTo("CASE_NOT_FOUND");
        assertThat(unknown.html()).contains("没有找到这个编号的办件", "value=\"WM-00000-00001-Y\"");
        Page malformed = getPage("/track?number=WM-12345&lang=en", "198.51.100.2", null);
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.errorCode()).isEqualTo("INVALID_TRACKING_NUMBER");
        assertThat(malformed.html()).contains("This is not a valid tracking number");
    }

    @Test
    void theCasePageShowsStatusServiceUnitDeadlineAndStepsInWordsAndNoPersonalData() {
        String[] c = receivedCase();
        Page page = getPage("/track?number=" + c[1].toLowerCase(), "198.51.100.3", null);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.html()).contains(c[1], "正在办理", "甲街道政务服务中心", "id=\"case-days-left\"", "data-kind=\"RECEIVED\"")
                .doesNotContain("李时限", "李**", "13800138000", "时限测试", c[2]);
    }

    @Test
    void fiveWrongCodesOnThePageLockTheCaseWith429AndRetryAfterWhileTheLookupStaysOpen() {
        String[] c = receivedCase();
        for (int i = 0; i < 5; i++) {
            Page wrong = postForm("/track/details", "198.51.100.4", Map.of("number", c[1], "code", wrong(c[2])), true);
            assertThat(wrong.status()).isEqualTo(403);
            assertThat(wrong.errorCode()).isEqualTo("WRONG_VERIFICATION_CODE");
        }
        Page locked = postForm("/track/details", "198.51.100.4", Map.of("number", c[1], "code", c[2]), true);
        assertThat(locked.status()).isEqualTo(429);
        assertThat(locked.errorCode()).isEqualTo("VERIFICATION_LOCKED");
        assertThat(locked.headers().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("900");
        assertThat(locked.html()).contains("请在 900 秒后重试").doesNotContain("data-grade");
        assertThat(getPage("/track?number=" + c[1], "198.51.100.4", null).status()).isEqualTo(200);
    }

    @Test
    void theEvaluationFormNeedsItsCsrfTokenValidatesLikeTheApiAndEvaluatesOnce() {
        String[] c = receivedCase();
        long sequence = ok(post(path(c[0], "completion"), window, Map.of("result", "GRANTED", "resultText",
                "已办结甲"))).get("sequence").asLong();
        staffView(c[0], window, sequence);
        String client = "198.51.100.5";
        Page details = postForm("/track/details", client, Map.of("number", c[1], "code", c[2]), true);
        assertThat(details.html()).contains("id=\"evaluation\"", "已办结甲", "李**", "name=\"grade\"");

        Map<String, String> form = Map.of("number", c[1], "code", c[2], "grade", "SATISFIED", "comment", "很好");
        assertThat(postForm("/track/evaluation", client, form, false).status()).as("no CSRF token").isEqualTo(403);
        assertThat(staffView(c[0], window, sequence).path("evaluation").isNull()).isTrue();
        Page invalid = postForm("/track/evaluation", client, Map.of("number", c[1], "code", c[2], "grade", "GOOD"),
                true);
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.errorCode()).isEqualTo("VALIDATION_FAILED");
        Page noGrade = postForm("/track/evaluation", client, Map.of("number", c[1], "code", c[2]), true);
        assertThat(noGrade.errorCode()).isEqualTo("VALIDATION_FAILED");
        assertThat(noGrade.html()).contains("grade");

        Page done = postForm("/track/evaluation", client, form, true);
        assertThat(done.status()).as("%s", done.html()).isEqualTo(200);
        assertThat(done.html()).contains("感谢您的评价", "data-grade=\"SATISFIED\"");
        assertThat(staffView(c[0], window, sequence + 1).at("/evaluation/grade").asText()).isEqualTo("SATISFIED");
        Page again = postForm("/track/evaluation", client, form, true);
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.errorCode()).isEqualTo("ALREADY_EVALUATED");
    }

    @Test
    void aClientOverTheRateLimitGetsThe429PageWithRetryAfterBeforeAnyLookup() {
        String client = "198.51.100.6";
        for (int i = 0; i < 30; i++) {
            assertThat(getPage("/track?number=WM-00000-00001-Y", client, null).status()).isEqualTo(404);
        }
        Page limited = getPage("/track?number=WM-00000-00001-Y&lang=en", client, "weimin-lang=en");
        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.errorCode()).isEqualTo("RATE_LIMITED");
        assertThat(limited.headers().getContentType().toString()).startsWith("text/html");
        assertThat(limited.headers().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("2"); // 30 a minute
        assertThat(limited.html()).contains("<html lang=\"en\"", "Too many requests from your connection",
                "try again in 2 seconds");
        assertThat(getPage("/track?number=WM-00000-00001-Y", "198.51.100.7", null).status()).as("another client")
                .isEqualTo(404);
    }
}
