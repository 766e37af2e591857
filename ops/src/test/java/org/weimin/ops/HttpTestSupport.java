package org.weimin.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;

/**
 * Calls for the in-process HTTP tests ({@code @SpringBootTest(webEnvironment = RANDOM_PORT)}): JSON posts and gets
 * with a bearer token, logins, problem-detail assertions, and a bounded wait for the staff view to reach a sequence.
 */
abstract class HttpTestSupport {
    @Autowired
    TestRestTemplate http;
    @Autowired
    ObjectMapper json;
    /** The service's own token encoder (absent with an external issuer). */
    @Autowired
    ObjectProvider<JwtEncoder> encoders;

    /** A bearer token as the service issues it: {@code user} of {@code unit} with {@code role}, valid an hour. */
    String mint(String user, String unit, String role, Instant now) {
        JwtClaimsSet claims = JwtClaimsSet.builder().issuer("weimin").subject(user).issuedAt(now)
                .expiresAt(now.plus(Duration.ofHours(1))).claim("unit", unit).claim("roles", List.of(role)).build();
        return encoders.getObject().encode(JwtEncoderParameters.from(JwsHeader.with(MacAlgorithm.HS256).build(),
                claims)).getTokenValue();
    }

    String token(String user, String password) {
        return ok(post("/api/auth/token", null, Map.of("username", user, "password", password)))
                .get("access_token").asText();
    }

    static String path(String id, String command) {
        return "/api/cases/" + id + "/" + command;
    }

    /** {@code POST /api/cases} body at window JJD-ZX-W01 for a service item. */
    static Map<String, Object> receiveBody(String serviceItem) {
        Map<String, Object> body = new HashMap<>();
        body.put("window", "JJD-ZX-W01");
        body.put("serviceItem", serviceItem);
        body.put("channel", "WINDOW");
        body.put("applicant", Map.of("name", "李时限", "phone", "13800138000"));
        body.put("subject", "时限测试");
        return body;
    }

    HttpHeaders headers(String token) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        if (token != null) {
            headers.setBearerAuth(token);
        }
        return headers;
    }

    ResponseEntity<JsonNode> post(String path, String token, Object body) {
        try {
            return http.exchange(path, HttpMethod.POST, new HttpEntity<>(json.writeValueAsString(body), headers(token)),
                    JsonNode.class);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    ResponseEntity<JsonNode> get(String path, String token) {
        return http.exchange(path, HttpMethod.GET, new HttpEntity<>(headers(token)), JsonNode.class);
    }

    static JsonNode ok(ResponseEntity<JsonNode> response) {
        assertThat(response.getStatusCode().is2xxSuccessful()).as("%s", response.getBody()).isTrue();
        return response.getBody();
    }

    static void assertProblem(ResponseEntity<JsonNode> response, int status, String code) {
        assertThat(response.getStatusCode().value()).as("status of %s", response.getBody()).isEqualTo(status);
        assertThat(response.getBody().path("code").asText()).as("code of %s", response.getBody()).isEqualTo(code);
    }

    /** The staff view once it has caught up with {@code sequence} (bounded wait). */
    JsonNode staffView(String id, String token, long sequence) {
        JsonNode[] view = new JsonNode[1];
        await("staff view of " + id + " at sequence " + sequence).atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(50)).until(() -> {
                    view[0] = get("/api/cases/" + id, token).getBody();
                    return view[0] != null && view[0].path("sequence").asLong(-1) >= sequence;
                });
        return view[0];
    }

    static List<String> kinds(JsonNode array) {
        List<String> kinds = new ArrayList<>();
        array.forEach(node -> kinds.add(node.path("kind").asText()));
        return kinds;
    }

    /** A web page as the browser got it: status, headers, HTML. */
    record Page(int status, HttpHeaders headers, String html) {
        /** The stable error code the error page carries ({@code data-error-code}), or null. */
        String errorCode() {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("data-error-code=\"([A-Z_]+)\"").matcher(html);
            return m.find() ? m.group(1) : null;
        }
    }

    /** {@code GET} a page from {@code client} (through the loopback proxy when not null), with extra cookies. */
    Page getPage(String path, String client, String cookies) {
        HttpHeaders headers = new HttpHeaders();
        headers.setAccept(List.of(MediaType.TEXT_HTML));
        if (client != null) {
            headers.set("X-Forwarded-For", client);
        }
        if (cookies != null) {
            headers.set(HttpHeaders.COOKIE, cookies);
        }
        ResponseEntity<String> response = http.exchange(path, HttpMethod.GET, new HttpEntity<>(headers), String.class);
        return new Page(response.getStatusCode().value(), response.getHeaders(), String.valueOf(response.getBody()));
    }

    /**
     * Posts a page's form as a browser does: first the lookup form for the CSRF cookie and hidden token (both only if
     * {@code withCsrf}), then the fields, form-encoded.
     */
    Page postForm(String path, String client, Map<String, String> fields, boolean withCsrf) {
        org.springframework.util.LinkedMultiValueMap<String, String> form = new org.springframework.util.LinkedMultiValueMap<>();
        fields.forEach(form::add);
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
        headers.setAccept(List.of(MediaType.TEXT_HTML));
        if (client != null) {
            headers.set("X-Forwarded-For", client);
        }
        if (withCsrf) {
            Page lookup = getPage("/", client, null);
            String cookie = lookup.headers().getOrEmpty(HttpHeaders.SET_COOKIE).stream()
                    .filter(c -> c.startsWith("XSRF-TOKEN=")).map(c -> c.substring(0, c.indexOf(';')))
                    .findFirst().orElseThrow(() -> new AssertionError("no CSRF cookie on the lookup page"));
            java.util.regex.Matcher token = java.util.regex.Pattern
                    .compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(lookup.html());
            assertThat(token.find()).as("hidden CSRF field on the lookup page").isTrue();
            headers.set(HttpHeaders.COOKIE, cookie);
            form.add("_csrf", token.group(1));
        }
        ResponseEntity<String> response = http.exchange(path, HttpMethod.POST, new HttpEntity<>(form, headers),
                String.class);
        return new Page(response.getStatusCode().value(), response.getHeaders(), String.valueOf(response.getBody()));
    }
}
