package org.weimin.ops.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openqa.selenium.PrintsPage;
import org.openqa.selenium.print.PrintOptions;
import org.openqa.selenium.support.ui.Select;
import org.weimin.ops.pages.StaffLogin;

/**
 * The staff workbench in a real browser (issue 10), against the packaged application with the build's
 * Elasticsearch (the queue comes from the search index): a clerk of 甲街道 logs in and lands on the unit's queue,
 * receives a case with one material unticked (the one-time notice is on the receipt, the case is paused in the
 * queue, marked in words), prints the receipt (Chromium's print to PDF, with the print stylesheet), meets the
 * completion form's message for an empty result text, tells the applicant about progress and completes the case.
 * Every page passes axe-core and is photographed at phone and desktop widths ({@link Browser}); the PDF goes to
 * {@code target/screenshots/work-receipt.pdf}. Refusals over HTTP: {@code StaffWorkbenchHttpTest}.
 */
class StaffWorkbenchIT {
    private static final Duration INDEX_WAIT = Duration.ofSeconds(120);

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES) // about 50 s alone; a loaded machine needs far more
    void aClerkReceivesWithAMissingMaterialPrintsTheReceiptNotifiesAndCompletes() throws Exception {
        Path data = AppProcess.freshDir("workbench-data");
        try (AppProcess app = AppProcess.start("workbench", data); Browser browser = Browser.start()) {
            String base = app.baseUrl();
            StaffLogin.login(browser.driver(), base, "jjd-window", "demo-window");
            browser.open(base + "/work");
            assertThat(browser.await("#queue-total").getText()).isNotBlank();
            browser.check("work-queue-empty");

            // Receive: choose the item, fill in the applicant, leave 困难情况说明 (M05) unticked.
            browser.find("#nav-receive").click();
            new Select(browser.await("#choose-serviceItem")).selectByValue("MZ-002");
            browser.find("#choose-item button").click();
            assertThat(browser.await("#receive-item").getText()).isEqualTo("临时救助申请");
            browser.type("[id='applicant.name']", "赵工作台").type("[id='applicant.phone']", "13912340000")
                    .type("#subject", "临时救助（工作台测试）");
            browser.find("label[for=provided-M05]").click();
            assertThat(browser.find("#provided-M05").isSelected()).isFalse();
            assertThat(browser.find("#provided-M01").isSelected()).isTrue();
            browser.check("work-receive");
            browser.find("#receive button[type=submit]").click();

            // The receipt: tracking number, code, the one-time notice; printed.
            String number = browser.await("#receipt-number").getText();
            assertThat(number).startsWith("WM-");
            assertThat(browser.find("#receipt-code").getText()).isNotBlank();
            assertThat(browser.find("#receipt-notice").getText()).contains("困难情况说明")
                    .doesNotContain("居民身份证");
            browser.check("work-receipt");
            String pdf = ((PrintsPage) browser.driver()).print(new PrintOptions()).getContent();
            byte[] bytes = Base64.getDecoder().decode(pdf);
            assertThat(new String(bytes, 0, 5, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
            Files.createDirectories(Browser.SCREENSHOTS);
            Files.write(Browser.SCREENSHOTS.resolve("work-receipt.pdf"), bytes);
            browser.find("#to-case").click();
            String caseUrl = browser.driver().getCurrentUrl();
            assertThat(caseUrl).contains("/work/cases/");

            // The queue shows it, paused, in words.
            await("the case in the unit's queue").atMost(INDEX_WAIT).pollInterval(Duration.ofMillis(500)).until(() -> {
                browser.open(base + "/work");
                return !browser.all("#queue tr [data-mark=paused]").isEmpty();
            });
            assertThat(browser.find("#queue tbody tr").getText()).contains(number, "暂停计时", "赵**")
                    .doesNotContain("赵工作台");
            browser.check("work-queue");
            browser.find("#queue tbody tr a").click();

            // The case page: the notice on record; an empty result text is refused beside the field.
            await("the notice on the case page").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300))
                    .until(() -> {
                        browser.open(caseUrl);
                        return !browser.all("#timeline li[data-kind=NOTICE_SENT]").isEmpty();
                    });
            assertThat(browser.find("#case-deadline").getText()).contains("暂停计时");
            browser.check("work-case");
            browser.find("#completion button").click();
            assertThat(browser.await("#completion-text-error").getText()).isNotBlank();
            assertThat(browser.find("#refusal").getAttribute("data-error-code")).isEqualTo("VALIDATION_FAILED");
            browser.check("work-case-refused");

            // Progress notice, then completion.
            browser.type("#progress-text", "材料齐全后三个工作日内办结");
            browser.find("#progress button").click();
            assertThat(browser.await("#done").getAttribute("data-done")).isEqualTo("progress");
            awaitStep(browser, caseUrl, "PROGRESS_NOTIFIED");
            browser.type("#completion-text", "已发放临时救助金");
            browser.find("#completion button").click();
            assertThat(browser.await("#done").getAttribute("data-done")).isEqualTo("completion");
            awaitStep(browser, caseUrl, "COMPLETED");
            assertThat(browser.find("#case-status").getAttribute("data-status")).isEqualTo("COMPLETED");
            assertThat(browser.find("#result-text").getText()).isEqualTo("已发放临时救助金");
            assertThat(browser.all("#completion")).as("no completion form on a completed case").isEmpty();
            assertThat(browser.all("#result")).as("the result notice form").hasSize(1);
            browser.check("work-case-completed");
        }
    }

    private static void awaitStep(Browser browser, String caseUrl, String kind) {
        await(kind + " on the case page").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300))
                .until(() -> {
                    browser.open(caseUrl);
                    return !browser.all("#timeline li[data-kind=" + kind + "]").isEmpty();
                });
    }
}
