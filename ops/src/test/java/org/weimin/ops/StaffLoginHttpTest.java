package org.weimin.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.weimin.ops.pages.StaffLogin;

/**
 * The staff pages' sign-in over HTTP (issue 10, {@code StaffPageSecurityConfiguration}): not signed in, the staff
 * pages send to the form; a wrong password, an unknown user and a missing CSRF token are refused and sign nobody in;
 * a sign-in changes the session id and leads to the role's start page; roles keep to their pages (403 page
 * {@code FORBIDDEN}); sign-out ends the session; login attempts share the per-address code-attempts bucket (429).
 * Each test is its own client (X-Forwarded-For from the loopback proxy).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "server.forward-headers-strategy=native",
        "weimin.public.rate-limit.code-attempts.capacity=8",
        "weimin.public.rate-limit.code-attempts.refill-tokens=8",
        "weimin.public.rate-limit.code-attempts.refill-period=PT1M"})
class StaffLoginHttpTest extends HttpTestSupport {
    @TempDir
    static Path dataDir;
    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("weimin.data-dir", () -> dataDir.toString());
        registry.add("weimin.clock.fixed", () -> "2025-03-04T02:00:00Z"); // Tue 10:00 Beijing
    }

    private String base() {
        return "http://127.0.0.1:" + port;
    }

    private StaffLogin.Response get(String path, String cookie, String client) {
        return StaffLogin.send(base() + path, "GET", cookie, null, client);
    }

    @Test
    void notSignedInTheStaffPagesSendToTheFormWhichIsChineseByDefault() {
        for (String path : new String[] {"/work", "/work/cases/x", "/supervise", "/supervise/cases/x"}) {
            StaffLogin.Response response = get(path, null, "198.51.100.20");
            assertThat(response.status()).as(path).isEqualTo(302);
            assertThat(response.location()).as(path).endsWith("/login");
        }
        StaffLogin.Response form = get("/login", null, "198.51.100.20");
        assertThat(form.status()).isEqualTo(200);
        assertThat(form.body()).contains("<html lang=\"zh-CN\"", "工作人员登录", "<label for=\"password\"",
                "autocomplete=\"current-password\"", "name=\"_csrf\"");
        assertThat(get("/login?lang=en", null, "198.51.100.20").body()).contains("Staff sign-in");
    }

    @Test
    void aWrongPasswordAnUnknownUserAndAMissingCsrfTokenSignNobodyIn() {
        String client = "198.51.100.21";
        StaffLogin.Attempt wrong = StaffLogin.attempt(base(), "jjd-window", "not-the-password", client);
        assertThat(wrong.status()).isEqualTo(302);
        assertThat(wrong.location()).endsWith("/login?error");
        assertThat(get("/work", wrong.sessionCookie(), client).status()).isEqualTo(302);
        StaffLogin.Attempt unknown = StaffLogin.attempt(base(), "nobody-here", "demo-window", client);
        assertThat(unknown.location()).endsWith("/login?error");
        assertThat(get("/login?error", null, client).body()).contains("id=\"login-error\"", "用户名或密码错误");

        StaffLogin.Response form = get("/login", null, client);
        StaffLogin.Response noToken = StaffLogin.send(base() + "/login", "POST", form.cookie(),
                Map.of("username", "jjd-window", "password", "demo-window"), client);
        assertThat(noToken.status()).as("no CSRF token").isEqualTo(403);
        assertThat(get("/work", form.cookie(), client).status()).isEqualTo(302);
    }

    @Test
    void aSignInChangesTheSessionAndLeadsEachRoleToItsOwnPagesOnly() {
        String client = "198.51.100.22";
        StaffLogin.Response form = get("/login", null, client);
        StaffLogin.Attempt window = StaffLogin.attempt(base(), "jjd-window", "demo-window", client);
        assertThat(window.status()).isEqualTo(302);
        assertThat(window.location()).endsWith("/work");
        assertThat(window.sessionCookie()).isNotEqualTo(form.cookie());
        assertThat(get("/work/no-such-page", window.sessionCookie(), client).status())
                .as("signed in: not sent to the form").isEqualTo(404);
        StaffLogin.Response again = get("/login", window.sessionCookie(), client);
        assertThat(again.body()).contains("href=\"/work\" id=\"login-home\"", "jjd-window", "id=\"logout\"")
                .doesNotContain("id=\"password\"");
        StaffLogin.Response refused = get("/supervise", window.sessionCookie(), client);
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.body()).contains("data-error-code=\"FORBIDDEN\"");

        String supervisor = StaffLogin.sessionCookie(base(), "sfq-supervisor", "demo-supervisor");
        StaffLogin.Attempt supervisorAttempt = StaffLogin.attempt(base(), "sfq-supervisor", "demo-supervisor", client);
        assertThat(supervisorAttempt.location()).endsWith("/supervise");
        assertThat(get("/work", supervisor, client).status()).isEqualTo(403);

        StaffLogin.Attempt admin = StaffLogin.attempt(base(), "admin", "demo-admin", client);
        assertThat(admin.location()).as("neither works cases nor supervises").endsWith("/");
        assertThat(get("/work", admin.sessionCookie(), client).status()).isEqualTo(403);
    }

    @Test
    void signingOutEndsTheSession() {
        String client = "198.51.100.23";
        String session = StaffLogin.sessionCookie(base(), "jjd-window", "demo-window");
        // The sign-out form is in the header of every staff page; its token comes from the signed-in session.
        String token = StaffLogin.csrf(get("/login", session, client).body());
        assertThat(StaffLogin.send(base() + "/logout", "POST", session, Map.of(), client).status()).as("no token")
                .isEqualTo(403);
        assertThat(get("/work/no-such-page", session, client).status()).as("still signed in").isEqualTo(404);
        StaffLogin.Response out = StaffLogin.send(base() + "/logout", "POST", session, Map.of("_csrf", token), client);
        assertThat(out.status()).isEqualTo(302);
        assertThat(out.location()).endsWith("/login?logout");
        assertThat(get("/work", session, client).status()).isEqualTo(302);
        assertThat(get("/login?logout", null, client).body()).contains("id=\"login-signed-out\"");
    }

    @Test
    void loginAttemptsTakeFromTheAddresssCodeAttemptsBucket() {
        String client = "198.51.100.24";
        for (int i = 0; i < 8; i++) {
            assertThat(StaffLogin.attempt(base(), "jjd-window", "guess-" + i, client).location())
                    .endsWith("/login?error");
        }
        StaffLogin.Attempt limited = StaffLogin.attempt(base(), "jjd-window", "demo-window", client);
        assertThat(limited.status()).isEqualTo(429);
        assertThat(StaffLogin.attempt(base(), "jjd-window", "demo-window", "198.51.100.25").location())
                .as("another address").endsWith("/work");
    }
}
