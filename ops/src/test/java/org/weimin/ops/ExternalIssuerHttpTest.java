package org.weimin.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Production authentication: with {@code spring.security.oauth2.resourceserver.jwt.jwk-set-uri} set, the service
 * accepts RS256 tokens of an external issuer (here a locally generated key, its JWK set served by a tiny HTTP server
 * of the JDK; no identity provider) and reads user, unit and roles from the configured claims (a nested
 * {@code realm_access.roles} as Keycloak writes it). The local token endpoint and user administration are gone.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ExternalIssuerHttpTest extends HttpTestSupport {
    @TempDir
    static Path dataDir;
    static final RSAKey KEY = generate("issuer-key");
    static final RSAKey OTHER_KEY = generate("someone-else");
    static HttpServer jwks;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws IOException {
        jwks = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        byte[] body = new JWKSet(KEY.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
        jwks.createContext("/jwks", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        jwks.start();
        registry.add("weimin.data-dir", () -> dataDir.toString());
        registry.add("spring.security.oauth2.resourceserver.jwt.jwk-set-uri",
                () -> "http://127.0.0.1:" + jwks.getAddress().getPort() + "/jwks");
        registry.add("weimin.security.jwt.username-claim", () -> "preferred_username");
        registry.add("weimin.security.jwt.unit-claim", () -> "weimin_unit");
        registry.add("weimin.security.jwt.roles-claim", () -> "realm_access.roles");
    }

    @AfterAll
    static void stopServer() {
        jwks.stop(0);
    }

    private static RSAKey generate(String id) {
        try {
            return new RSAKeyGenerator(2048).keyID(id).generate();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String token(RSAKey key, String user, String unit, String role) {
        try {
            JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().issuer("https://idp.example")
                    .subject(UUID.randomUUID().toString()).claim("preferred_username", user)
                    .claim("realm_access", Map.of("roles", List.of(role)))
                    .issueTime(new Date()).expirationTime(new Date(System.currentTimeMillis() + 300_000));
            if (unit != null) {
                claims.claim("weimin_unit", unit);
            }
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID())
                    .type(JOSEObjectType.JWT).build(), claims.build());
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void tokensOfTheIssuerAreReadThroughTheConfiguredClaims() {
        String auditor = token(KEY, "ext-auditor", "SFS", "auditor");
        assertProblem(get("/api/cases/" + UUID.randomUUID(), auditor), 404, "CASE_NOT_FOUND");
        String admin = token(KEY, "ext-admin", "SFS", "administrator");
        assertProblem(get("/api/cases/" + UUID.randomUUID(), admin), 403, "FORBIDDEN");
        assertThat(get("/api/admin/projections", admin).getStatusCode().value()).isEqualTo(200);
        assertProblem(get("/api/admin/projections", auditor), 403, "FORBIDDEN");
    }

    @Test
    void aTokenOfAnotherKeyOrWithoutUnitIsRefused() {
        assertProblem(get("/api/cases/queue", token(OTHER_KEY, "ext-window", "JJD-ZX", "window-staff")), 401,
                "AUTHENTICATION_REQUIRED");
        assertProblem(get("/api/cases/queue", token(KEY, "ext-window", null, "window-staff")), 401,
                "AUTHENTICATION_REQUIRED");
    }

    @Test
    void theLocalTokenEndpointAndUserAdministrationAreAbsent() {
        assertThat(post("/api/auth/token", null, Map.of("username", "admin", "password", "demo-admin"))
                .getStatusCode().value()).isIn(401, 404, 405);
        String admin = token(KEY, "ext-admin", "SFS", "administrator");
        assertThat(get("/api/admin/users", admin).getStatusCode().value()).isEqualTo(404);
    }

    @Test
    void thePagesHaveNoFormSignInAndNobodyCanSignInThere() {
        String base = http.getRootUri();
        var form = org.weimin.ops.pages.StaffLogin.send(base + "/login", "GET", null, null, null);
        assertThat(form.status()).isEqualTo(200);
        assertThat(form.body()).contains("id=\"login-external\"").doesNotContain("id=\"password\"");
        var attempt = org.weimin.ops.pages.StaffLogin.send(base + "/login", "POST", form.cookie(),
                Map.of("username", "admin", "password", "demo-admin"), null);
        assertThat(attempt.status()).isIn(302, 403);
        assertThat(org.weimin.ops.pages.StaffLogin.send(base + "/supervise", "GET",
                attempt.cookie() != null ? attempt.cookie() : form.cookie(), null, null).location()).endsWith("/login");
    }
}
