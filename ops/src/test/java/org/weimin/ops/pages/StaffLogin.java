package org.weimin.ops.pages;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;

/**
 * Signing in to the staff pages from tests (issue 10, {@link StaffPageSecurityConfiguration}): over plain HTTP, as a
 * browser does (the form for the session and its CSRF token, then the post; redirects not followed), or in a
 * Selenium browser through the form.
 */
public final class StaffLogin {
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    private static final Pattern SESSION = Pattern.compile("JSESSIONID=[^;]+");
    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    private StaffLogin() {
    }

    /**
     * Signs in over HTTP and returns the session cookie ({@code JSESSIONID=…}) to send as {@code Cookie}.
     *
     * @throws AssertionError when the sign-in is refused (not a redirect to a start page)
     */
    public static String sessionCookie(String baseUrl, String user, String password) {
        Attempt attempt = attempt(baseUrl, user, password, null);
        if (attempt.status() != 302 || attempt.location().contains("/login")) {
            throw new AssertionError("sign-in of " + user + " refused: " + attempt.status() + " " + attempt.location());
        }
        return attempt.sessionCookie();
    }

    /** One sign-in attempt: status, {@code Location} and the session cookie after it. */
    public record Attempt(int status, String location, String sessionCookie) {
    }

    /** One sign-in attempt over HTTP, from {@code client} (sent as {@code X-Forwarded-For} when not null). */
    public static Attempt attempt(String baseUrl, String user, String password, String client) {
        Response form = send(baseUrl + "/login", "GET", null, null, client);
        String cookie = form.cookie();
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("username", user);
        fields.put("password", password);
        fields.put("_csrf", csrf(form.body()));
        Response posted = send(baseUrl + "/login", "POST", cookie, fields, client);
        return new Attempt(posted.status(), posted.location(), posted.cookie() != null ? posted.cookie() : cookie);
    }

    /** The hidden CSRF field of a page's form. @throws AssertionError when the page has none */
    public static String csrf(String html) {
        Matcher m = CSRF.matcher(html);
        if (!m.find()) {
            throw new AssertionError("no CSRF field on the page");
        }
        return m.group(1);
    }

    /** A response: status, body, {@code Location} and the session cookie it set (or null). */
    public record Response(int status, String body, String location, String cookie) {
    }

    /**
     * {@code GET} (fields null) or a form {@code POST} with the session cookie (or none), redirects not followed.
     */
    public static Response send(String url, String method, String cookie, Map<String, String> fields, String client) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("Accept", "text/html");
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        if (client != null) {
            request.header("X-Forwarded-For", client);
        }
        if (fields == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            String body = fields.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)
                    + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
            request.header("Content-Type", "application/x-www-form-urlencoded")
                    .method(method, HttpRequest.BodyPublishers.ofString(body));
        }
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            String set = response.headers().allValues("Set-Cookie").stream().map(SESSION::matcher)
                    .filter(Matcher::find).map(Matcher::group).findFirst().orElse(null);
            return new Response(response.statusCode(), response.body(),
                    response.headers().firstValue("Location").orElse(""), set);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Signs in through the form in a browser; afterwards the browser is on the user's start page. */
    public static void login(WebDriver driver, String baseUrl, String user, String password) {
        driver.get(baseUrl + "/login");
        driver.findElement(By.id("username")).sendKeys(user);
        driver.findElement(By.id("password")).sendKeys(password);
        driver.findElement(By.cssSelector("#login button[type=submit]")).click();
        if (driver.getCurrentUrl().contains("/login")) {
            throw new AssertionError("sign-in of " + user + " refused in the browser");
        }
    }
}
