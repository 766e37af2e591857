package org.weimin.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * Search requests are checked before Elasticsearch is asked (it is not running in these tests): unknown units and
 * items, units outside the supervisor's subtree, malformed tracking numbers, text without a letter or digit, paging on
 * exports and query strings that are not strictly percent-encoded are rejected with problem details, never silently
 * widened; a valid search with Elasticsearch down is a 503 {@code SEARCH_UNAVAILABLE}. A text body is a 415
 * {@code UNSUPPORTED_MEDIA_TYPE}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SearchRequestsHttpTest extends HttpTestSupport {
    @TempDir
    static Path dataDir;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("weimin.data-dir", () -> dataDir.toString());
        registry.add("weimin.clock.fixed", () -> "2026-11-30T02:00:00Z");
    }

    private ResponseEntity<JsonNode> raw(String pathAndQuery, String token) {
        return http.exchange(URI.create(http.getRootUri() + pathAndQuery), HttpMethod.GET,
                new HttpEntity<>(headers(token)), JsonNode.class);
    }

    @org.springframework.boot.test.web.server.LocalServerPort
    int port;

    /** A GET sent as raw bytes, for query strings no URI class will build (a lone %, %G). */
    private ResponseEntity<JsonNode> socket(String pathAndQuery, String token) {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
            String request = "GET " + pathAndQuery + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + token
                    + "\r\nConnection: close\r\n\r\n";
            socket.getOutputStream().write(request.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            String response = new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            int status = Integer.parseInt(response.substring(9, 12));
            String body = response.substring(response.indexOf("\r\n\r\n") + 4);
            body = body.substring(body.indexOf('{'), body.lastIndexOf('}') + 1); // chunked framing around the JSON
            return ResponseEntity.status(status).body(json.readTree(body));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void badFiltersAreRejectedNeverWidened() {
        String supervisor = token("sfq-supervisor", "demo-supervisor");
        String search = "/api/supervision/cases/search?";
        assertProblem(raw(search + "unit=NOPE", supervisor), 400, "UNKNOWN_ORG_UNIT");
        assertProblem(raw(search + "holder=NOPE", supervisor), 400, "UNKNOWN_ORG_UNIT");
        assertProblem(raw(search + "unit=SFS", supervisor), 403, "FORBIDDEN");
        assertProblem(raw(search + "item=NOPE", supervisor), 400, "UNKNOWN_SERVICE_ITEM");
        assertProblem(raw(search + "trackingNumber=WM-00000-00000-1", supervisor), 400, "INVALID_TRACKING_NUMBER");
        assertProblem(raw(search + "q=%F0%9F%98%80", supervisor), 400, "VALIDATION_FAILED");
        assertProblem(raw(search + "after=bnVsbA", supervisor), 400, "VALIDATION_FAILED");
        assertProblem(raw("/api/supervision/cases/export.csv?size=5", supervisor), 400, "VALIDATION_FAILED");
        assertProblem(socket(search + "name=%E7%8E%8B%E5%B0%8F%E6%98%8E%", supervisor), 400, "MALFORMED_REQUEST");
        assertProblem(socket(search + "status=COMPLETED%G", supervisor), 400, "MALFORMED_REQUEST");
        assertProblem(raw(search + "q=%ED%A0%80", supervisor), 400, "MALFORMED_REQUEST");
        assertProblem(raw(search + "%00=1", supervisor), 400, "MALFORMED_REQUEST");
        assertProblem(raw(search + "unit=SFQ&trackingNumber=wm-95kdp-a6mw7-x", supervisor), 503, "SEARCH_UNAVAILABLE");
        assertProblem(raw("/api/supervision/cases/search?q=%E7%89%A9%E4%B8%9A", token("jjd-window", "demo-window")),
                403, "FORBIDDEN");
    }

    @Test
    void aTextBodyIsAnUnsupportedMediaType() {
        HttpHeaders headers = headers(token("jjd-window", "demo-window"));
        headers.setContentType(MediaType.TEXT_PLAIN);
        ResponseEntity<JsonNode> response = http.exchange("/api/cases", HttpMethod.POST,
                new HttpEntity<>("window=JJD-ZX-W01", headers), JsonNode.class);
        assertProblem(response, 415, "UNSUPPORTED_MEDIA_TYPE");
    }

    @Test
    void importBodiesAreReadStrictly() {
        String importer = token("importer", "demo-importer");
        Map<String, Object> body = ImportHttpTest.record("strict-1", "严格读取");
        body.put("channel", 0);
        assertProblem(post("/api/import/cases", importer, body), 400, "VALIDATION_FAILED");
        body = ImportHttpTest.record("strict-2", "严格读取");
        body.put("subject", true);
        assertProblem(post("/api/import/cases", importer, body), 400, "VALIDATION_FAILED");
        body = ImportHttpTest.record("strict-3", "严格读取");
        body.put("extra", "x");
        assertProblem(post("/api/import/cases", importer, body), 400, "VALIDATION_FAILED");
        body = ImportHttpTest.record("strict-4", "严格读取");
        body.put("result", "REFUSED");
        body.remove("resultText");
        assertProblem(post("/api/import/cases", importer, body), 400, "REFUSAL_NEEDS_REASONS");
        body = ImportHttpTest.record("strict-5", "严格读取");
        body.remove("forwardTo");
        body.put("forwardedAt", "2019-04-26T01:00:00Z");
        assertProblem(post("/api/import/cases", importer, body), 400, "VALIDATION_FAILED");
        // A non-importer learns nothing from validation: the role is checked first.
        assertProblem(post("/api/import/cases", token("jjd-window", "demo-window"), Map.of("x", 1)), 403,
                "FORBIDDEN");
    }
}
