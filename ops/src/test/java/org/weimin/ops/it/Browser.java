package org.weimin.ops.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Debian Chromium driven through Selenium for the browser tests (issue 10). The browser is
 * {@code /usr/bin/chromium} with {@code /usr/bin/chromedriver} (never Selenium Manager, which would try to download
 * one), flags from stack-notes "Other pieces" and a fresh profile directory. Without them the test is skipped with a
 * message, except under {@code CI=true}, where a missing browser fails ({@code .ci/run} installs
 * {@code chromium chromium-driver fonts-noto-cjk}).
 *
 * <p>{@link #check(String)} runs axe-core 4.10 (the {@code axe.min.js} of Deque's {@code com.deque.html.axe-core:
 * selenium} artifact, injected into the page) and fails on any serious or critical violation, then saves screenshots
 * at a phone (390×844) and a desktop (1280×900) width to {@code target/screenshots/<name>-phone.png} and
 * {@code -desktop.png}.
 */
public final class Browser implements AutoCloseable {
    public static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    public static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    public static final Path SCREENSHOTS = Path.of("target", "screenshots").toAbsolutePath();
    private static final Dimension PHONE = new Dimension(390, 844);
    private static final Dimension DESKTOP = new Dimension(1280, 900);

    private final ChromeDriver driver;
    private final Path profile;
    private final String axe;

    private Browser(ChromeDriver driver, Path profile, String axe) {
        this.driver = driver;
        this.profile = profile;
        this.axe = axe;
    }

    /** Starts the browser, or skips the test (fails it under CI=true) when Chromium or its driver is missing. */
    public static Browser start() {
        boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (!present) {
            String message = "No headless browser: " + CHROMIUM + " and " + CHROMEDRIVER + " are needed (apt-get "
                    + "install -y chromium chromium-driver fonts-noto-cjk; .ci/run does this)";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new AssertionError(message);
            }
            Assumptions.abort(message + "; skipped outside CI");
        }
        try {
            Path profile = Files.createTempDirectory("weimin-chromium-");
            ChromeOptions options = new ChromeOptions();
            options.setBinary(CHROMIUM.toFile());
            options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
                    "--user-data-dir=" + profile, "--window-size=1280,900");
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
            ChromeDriver driver = new ChromeDriver(service, options);
            driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30)).scriptTimeout(Duration.ofSeconds(30));
            String axe;
            try (InputStream in = Browser.class.getResourceAsStream("/axe.min.js")) {
                assertThat(in).as("axe.min.js on the test class path (com.deque.html.axe-core:selenium)").isNotNull();
                axe = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            return new Browser(driver, profile, axe);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public WebDriver driver() {
        return driver;
    }

    /** Opens a URL. */
    public Browser open(String url) {
        driver.get(url);
        return this;
    }

    public WebElement find(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    public List<WebElement> all(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    /** Waits (bounded, 20 s) until an element matching {@code css} is on the page. */
    public WebElement await(String css) {
        return new WebDriverWait(driver, Duration.ofSeconds(20))
                .until(d -> d.findElements(By.cssSelector(css)).stream().findFirst().orElse(null));
    }

    /** Clears a field and types into it. */
    public Browser type(String css, String text) {
        WebElement field = find(css);
        field.clear();
        field.sendKeys(text);
        return this;
    }

    /** The {@code lang} attribute of the page. */
    public String lang() {
        return find("html").getAttribute("lang");
    }

    /**
     * axe-core on the current page (serious and critical violations fail), then the two screenshots.
     *
     * @param name the screenshots' file name stem
     */
    public void check(String name) {
        for (Dimension size : List.of(DESKTOP, PHONE)) {
            driver.manage().window().setSize(size);
            List<String> bad = violations();
            assertThat(bad).as("serious or critical axe-core violations on %s at %s", name, size).isEmpty();
            screenshot(name + (size == PHONE ? "-phone" : "-desktop"));
        }
        driver.manage().window().setSize(DESKTOP);
    }

    private List<String> violations() {
        if (!Boolean.TRUE.equals(driver.executeScript("return typeof window.axe === 'object'"))) {
            driver.executeScript(axe);
        }
        Object raw = ((JavascriptExecutor) driver).executeAsyncScript(
                "var done = arguments[arguments.length - 1];"
                        + "window.axe.run(document, {resultTypes: ['violations']})"
                        + ".then(function (r) { done(JSON.stringify(r.violations)); })"
                        + ".catch(function (e) { done('ERROR ' + e); });");
        String text = String.valueOf(raw);
        assertThat(text).as("axe-core ran").doesNotStartWith("ERROR");
        List<String> bad = new ArrayList<>();
        try {
            for (JsonNode violation : Api.JSON.readTree(text)) {
                String impact = violation.path("impact").asText();
                if (impact.equals("serious") || impact.equals("critical")) {
                    List<String> targets = new ArrayList<>();
                    violation.path("nodes").forEach(n -> targets.add(n.path("target").toString() + " "
                            + n.path("failureSummary").asText()));
                    bad.add(impact + " " + violation.path("id").asText() + ": " + violation.path("help").asText()
                            + " " + targets);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bad;
    }

    private void screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Path shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath();
            Files.move(shot, SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            try (var files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                // a temporary profile left behind is harmless
            }
        }
    }
}
