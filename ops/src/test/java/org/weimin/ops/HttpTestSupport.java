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
}
