package org.weimin.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.weimin.ops.pages.StaffLogin;

/**
 * The staff workbench over HTTP, in process (issue 10; the browser test is {@code StaffWorkbenchIT}, which also
 * covers the queue: it needs the search index, which in-process tests run without): receiving with a material
 * unticked sends the one-time notice and shows the receipt with the verification code once; bad input comes back
 * with the API's messages beside the fields and appends nothing; a case of another unit and a role without a queue
 * get the refused page; a forwarded case is accepted, or returned to its sender, through the forms; without a login the pages redirect to {@code /login}. Each client signs in through the login
 * form ({@link StaffLogin}) and keeps its own session.
 */
class StaffWorkbenchHttpTest extends SharedContextHttpTest {
    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;

    /** A browser-like client: its own session (signed in through the form) or none, no redirects followed. */
    final class Client {
        private final HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
        private final String session;
        private String csrf;

        Client(String user, String password) {
            this.session = user == null ? null
                    : StaffLogin.sessionCookie("http://127.0.0.1:" + port, user, password);
        }

        Reply get(String path) {
            return send(HttpRequest.newBuilder(uri(path)).GET());
        }

        /** Posts a form with the CSRF token of the last page that carried one (none: none sent). */
        Reply post(String path, List<String[]> fields) {
            StringBuilder body = new StringBuilder();
            List<String[]> all = new ArrayList<>(fields);
            if (csrf != null) {
                all.add(new String[] {"_csrf", csrf});
            }
            for (String[] f : all) {
                body.append(body.isEmpty() ? "" : "&").append(URLEncoder.encode(f[0], StandardCharsets.UTF_8))
                        .append('=').append(URLEncoder.encode(f[1], StandardCharsets.UTF_8));
            }
            return send(HttpRequest.newBuilder(uri(path))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(body.toString())));
        }

        private Reply send(HttpRequest.Builder request) {
            request.header("Accept", "text/html");
            if (session != null) {
                request.header("Cookie", session);
            }
            try {
                HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
                Matcher m = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(response.body());
                if (m.find()) {
                    csrf = m.group(1);
                }
                return new Reply(response.statusCode(), response.headers().firstValue("Location").orElse(null),
                        response.body());
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        private URI uri(String path) {
            return URI.create("http://127.0.0.1:" + port + path);
        }
    }

    record Reply(int status, String location, String html) {
        String errorCode() {
            Matcher m = Pattern.compile("data-error-code=\"([A-Z_]+)\"").matcher(html);
            return m.find() ? m.group(1) : null;
        }
    }

    private static List<String[]> receiveForm(String name, String subject, String... provided) {
        List<String[]> form = new ArrayList<>(List.of(new String[] {"serviceItem", "MZ-002"},
                new String[] {"window", "JJD-ZX-W01"}, new String[] {"channel", "WINDOW"},
                new String[] {"applicant.name", name}, new String[] {"applicant.phone", "13800138000"},
                new String[] {"subject", subject}));
        for (String code : provided) {
            form.add(new String[] {"provided", code});
        }
        return form;
    }

    private long events() {
        return jdbc.queryForObject("SELECT COUNT(*) FROM DomainEventEntry", Long.class);
    }

    /** Receives a case through the form with M05 unticked: [caseId, trackingNumber]. */
    private String[] receiveThroughTheForm(Client clerk) {
        assertThat(clerk.get("/work/receive?serviceItem=MZ-002").status()).isEqualTo(200);
        Reply received = clerk.post("/work/receive", receiveForm("王工作台", "工作台受理", "M01"));
        assertThat(received.status()).as("%s", received.html()).isEqualTo(302);
        Matcher id = Pattern.compile("/work/cases/([^/]+)/receipt$").matcher(received.location());
        assertThat(id.find()).as(received.location()).isTrue();
        Reply receipt = clerk.get("/work/cases/" + id.group(1) + "/receipt");
        Matcher number = Pattern.compile("id=\"receipt-number\">([^<]+)<").matcher(receipt.html());
        assertThat(number.find()).as(receipt.html()).isTrue();
        return new String[] {id.group(1), number.group(1), receipt.html()};
    }

    @Test
    void receivingWithAMaterialUntickedSendsTheOneTimeNoticeAndShowsTheCodeOnceOnThePrintableReceipt() {
        Client clerk = new Client("jjd-window", "demo-window");
        Reply form = clerk.get("/work/receive?serviceItem=MZ-002");
        assertThat(form.html()).contains("id=\"provided-M01\"", "id=\"provided-M05\"", "困难情况说明",
                "value=\"JJD-ZX-W01\"");
        String[] c = receiveThroughTheForm(clerk);
        String html = c[2];
        assertThat(html).contains("id=\"receipt-code\"", "id=\"receipt-notice\"", "困难情况说明",
                "/assets/work.css", "id=\"print\"").doesNotContain("13800138000");
        assertThat(html).doesNotContain("<li>居民身份证</li>");
        Matcher code = Pattern.compile("id=\"receipt-code\">([A-Z0-9]+)<").matcher(html);
        assertThat(code.find()).isTrue();

        Reply again = clerk.get("/work/cases/" + c[0] + "/receipt");
        assertThat(again.status()).as("the code is shown once").isEqualTo(302);
        assertThat(again.location()).endsWith("/work/cases/" + c[0]);

        String token = token("jjd-window", "demo-window");
        JsonNode view = staffView(c[0], token, 1);
        assertThat(view.path("paused").asBoolean()).isTrue();
        assertThat(view.at("/notices/0/items/0/materialCode").asText()).isEqualTo("M05");
        assertThat(view.at("/notices/0/items")).hasSize(1);
        assertThat(clerk.get("/work/cases/" + c[0]).html()).contains("id=\"supplement\"", "id=\"completion\"",
                "data-material=\"M05\"").doesNotContain(code.group(1));
    }

    @Test
    void badInputComesBackWithTheApisMessagesBesideTheFieldsAndAppendsNothing() {
        Client clerk = new Client("jjd-window", "demo-window");
        clerk.get("/work/receive?serviceItem=MZ-002");
        long before = events();
        Reply bad = clerk.post("/work/receive", receiveForm("", "", "M01", "M05"));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.errorCode()).isEqualTo("VALIDATION_FAILED");
        assertThat(bad.html()).contains("id=\"applicant.name-error\"", "id=\"subject-error\"",
                "value=\"13800138000\"");
        assertThat(bad.html().replaceAll("\\s+", " ")).as("the ticks kept")
                .contains("id=\"provided-M05\" value=\"M05\" aria-describedby=\"materials-hint\" checked");
        assertThat(events()).as("nothing received").isEqualTo(before);

        String[] c = receiveThroughTheForm(clerk);
        staffView(c[0], token("jjd-window", "demo-window"), 1);
        clerk.get("/work/cases/" + c[0]);
        long beforeCompletion = events();
        Reply refused = clerk.post("/work/cases/" + c[0] + "/completion",
                List.of(new String[] {"result", "GRANTED"}, new String[] {"resultText", " "}));
        assertThat(refused.status()).isEqualTo(302);
        assertThat(refused.location()).endsWith("/work/cases/" + c[0] + "#completion");
        Reply page = clerk.get("/work/cases/" + c[0]);
        assertThat(page.html()).contains("id=\"completion-text-error\"", "data-failed=\"completion\"",
                "data-error-code=\"VALIDATION_FAILED\"");
        assertThat(events()).as("nothing appended").isEqualTo(beforeCompletion);

        Reply told = clerk.post("/work/cases/" + c[0] + "/progress-notices",
                List.of(new String[] {"channel", "PHONE"}, new String[] {"text", "材料已转区民政局"}));
        assertThat(told.status()).isEqualTo(302);
        assertThat(events()).isEqualTo(beforeCompletion + 1);
        assertThat(clerk.get("/work/cases/" + c[0]).html()).contains("data-done=\"progress\"");
    }

    @Test
    void anotherUnitsCaseAndARoleWithoutAQueueGetTheRefusedPageAndNothingIsAppended() {
        Client clerk = new Client("jjd-window", "demo-window");
        String[] c = receiveThroughTheForm(clerk);
        staffView(c[0], token("jjd-window", "demo-window"), 1);

        Client handler = new Client("mzj-handler", "demo-handler");
        Reply read = handler.get("/work/cases/" + c[0]);
        assertThat(read.status()).isEqualTo(403);
        assertThat(read.errorCode()).isEqualTo("FORBIDDEN");
        assertThat(read.html()).doesNotContain(c[1]);
        handler.get("/login"); // a page with a form: the session's CSRF token (the 403 page has none)
        long before = events();
        Reply act = handler.post("/work/cases/" + c[0] + "/completion",
                List.of(new String[] {"result", "GRANTED"}, new String[] {"resultText", "越权办结"}));
        assertThat(act.status()).isEqualTo(403);
        assertThat(act.errorCode()).as("the API's code for another unit's case").isEqualTo("NOT_CASE_HOLDER");
        assertThat(events()).isEqualTo(before);

        Client supervisor = new Client("sfq-supervisor", "demo-supervisor");
        Reply queue = supervisor.get("/work");
        assertThat(queue.status()).isEqualTo(403);
        assertThat(queue.errorCode()).isEqualTo("FORBIDDEN");
    }

    @Test
    void theSupplementResumesTheClockAndAnExtensionRequestIsValidatedThenRecorded() {
        Client clerk = new Client("jjd-window", "demo-window");
        String[] c = receiveThroughTheForm(clerk);
        String token = token("jjd-window", "demo-window");
        staffView(c[0], token, 1);
        assertThat(clerk.get("/work/cases/" + c[0]).html()).contains("id=\"supplied-M05\"");
        Reply supplied = clerk.post("/work/cases/" + c[0] + "/supplement", List.<String[]>of(new String[] {"materials", "M05"}));
        assertThat(supplied.status()).as("%s", supplied.html()).isEqualTo(302);
        assertThat(supplied.location()).endsWith("/work/cases/" + c[0]);
        assertThat(staffView(c[0], token, 2).path("paused").asBoolean()).as("the clock resumes").isFalse();

        assertThat(clerk.get("/work/cases/" + c[0]).html()).contains("id=\"extension-days\"");
        long before = events();
        Reply refused = clerk.post("/work/cases/" + c[0] + "/extension-requests",
                List.of(new String[] {"workingDays", "five"}, new String[] {"reason", "需要实地核查"}));
        assertThat(refused.status()).as("back to the form (post/redirect/get)").isEqualTo(302);
        assertThat(refused.location()).endsWith("/work/cases/" + c[0] + "#extension");
        assertThat(clerk.get("/work/cases/" + c[0]).html()).contains("a whole number from 1 to 60", "需要实地核查");
        assertThat(events()).as("nothing appended").isEqualTo(before);
        Reply requested = clerk.post("/work/cases/" + c[0] + "/extension-requests",
                List.of(new String[] {"workingDays", "5"}, new String[] {"reason", "需要实地核查"}));
        assertThat(requested.status()).as("%s", requested.html()).isEqualTo(302);
        JsonNode view = staffView(c[0], token, 3);
        assertThat(view.at("/extensions/0/workingDays").asInt()).as("%s", view.path("extensions")).isEqualTo(5);
    }

    /**
     * Receives a case through the form and forwards it to SFQ-MZJ through the case page's form; returns what
     * receiveThroughTheForm does.
     */
    private String[] receiveAndForwardToMzj(Client clerk) {
        String[] c = receiveThroughTheForm(clerk);
        staffView(c[0], token("jjd-window", "demo-window"), 1);
        assertThat(clerk.get("/work/cases/" + c[0]).html()).contains("id=\"forward\"", "value=\"SFQ-MZJ\"");
        Reply forwarded = clerk.post("/work/cases/" + c[0] + "/forward",
                List.of(new String[] {"targetUnit", "SFQ-MZJ"}, new String[] {"reason", "需区民政局审批"}));
        assertThat(forwarded.status()).isEqualTo(302);
        staffView(c[0], token("mzj-handler", "demo-handler"), 2);
        return c;
    }

    @Test
    void aForwardedCaseOffersTheTargetUnitAcceptAndReturnAndAcceptingGivesItTheCaseForms() {
        Client clerk = new Client("jjd-window", "demo-window");
        String[] c = receiveAndForwardToMzj(clerk);
        String handlerToken = token("mzj-handler", "demo-handler");

        Client handler = new Client("mzj-handler", "demo-handler");
        String page = handler.get("/work/cases/" + c[0]).html();
        assertThat(page).contains("id=\"acceptance\"", "id=\"return\"").doesNotContain("id=\"completion\"");
        assertThat(handler.post("/work/cases/" + c[0] + "/acceptance", List.of()).status()).isEqualTo(302);
        staffView(c[0], handlerToken, 3);
        assertThat(handler.get("/work/cases/" + c[0]).html()).contains("id=\"completion\"", "id=\"progress\"")
                .doesNotContain("id=\"acceptance\"");
        assertThat(clerk.get("/work/cases/" + c[0]).html()).as("the clerk's unit no longer holds it")
                .contains("id=\"no-actions\"");
    }

    @Test
    void theReceivingUnitReturnsAForwardedCaseThroughTheFormAndTheSenderHoldsItAgain() {
        Client clerk = new Client("jjd-window", "demo-window");
        String[] c = receiveAndForwardToMzj(clerk);
        String token = token("jjd-window", "demo-window");
        String handlerToken = token("mzj-handler", "demo-handler");

        Client handler = new Client("mzj-handler", "demo-handler");
        assertThat(handler.get("/work/cases/" + c[0]).html()).contains("id=\"return\"");
        long before = events();
        Reply refused = handler.post("/work/cases/" + c[0] + "/return", List.<String[]>of(new String[] {"reason", " "}));
        assertThat(refused.status()).as("back to the form (post/redirect/get)").isEqualTo(302);
        assertThat(refused.location()).endsWith("/work/cases/" + c[0] + "#return");
        assertThat(handler.get("/work/cases/" + c[0]).html()).as("the API's message beside the field")
                .containsPattern("(?s)id=\"return\".*class=\"field-error\"");
        assertThat(events()).as("nothing appended").isEqualTo(before);

        Reply returned = handler.post("/work/cases/" + c[0] + "/return",
                List.<String[]>of(new String[] {"reason", "不属本局职责，请街道核实"}));
        assertThat(returned.status()).as("%s", returned.html()).isEqualTo(302);
        assertThat(returned.location()).endsWith("/work/cases/" + c[0]);
        JsonNode view = staffView(c[0], token, 3);
        assertThat(view.at("/holder/code").asText()).as("back with the sender").isEqualTo("JJD-ZX");
        assertThat(kinds(view.path("steps"))).contains("RETURNED");
        assertThat(handler.get("/work/cases/" + c[0]).html()).as("the returning unit no longer holds it")
                .contains("id=\"no-actions\"");
        assertThat(clerk.get("/work/cases/" + c[0]).html()).as("the sender has its forms again")
                .contains("id=\"forward\"", "id=\"completion\"");
    }

    @Test
    void withoutALoginTheWorkbenchIsNotServed() {
        Client nobody = new Client(null, null);
        for (String path : List.of("/work", "/work/receive", "/work/cases/x")) {
            Reply reply = nobody.get(path);
            assertThat(reply.status()).as(path).isEqualTo(302);
            assertThat(reply.location()).as(path).endsWith("/login");
            assertThat(reply.html()).doesNotContain("id=\"receive\"", "id=\"queue\"");
        }
        long before = events();
        assertThat(nobody.post("/work/receive", receiveForm("王", "无登录")).status()).as("no session, no CSRF token")
                .isIn(302, 403);
        assertThat(events()).isEqualTo(before);
    }
}
