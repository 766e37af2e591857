package org.weimin.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The point-in-time view: the case as the record stood at a past recording time, rebuilt from the events, with a
 * clock the test moves forward between steps.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PointInTimeHttpTest {
    @TempDir
    static Path dataDir;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("weimin.data-dir", () -> dataDir.toString());
        registry.add("weimin.security.token-lifetime", () -> "P30D"); // the test moves the clock by days
    }

    /** A clock that stands still until the test moves it. */
    static final class SteppingClock extends Clock {
        private volatile Instant now = Instant.parse("2025-03-03T02:00:00Z"); // Mon 10:00 Beijing

        void set(Instant instant) {
            now = instant;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @TestConfiguration
    static class Clocks {
        @Bean
        @Primary
        SteppingClock steppingClock() {
            return new SteppingClock();
        }
    }

    @Autowired
    SteppingClock clock;
    @Autowired
    TestRestTemplate http;
    @Autowired
    ObjectMapper json;

    @Test
    void theRecordAsItStoodAtEachMoment() {
        clock.set(Instant.parse("2025-03-03T02:00:00Z")); // Mon 10:00 Beijing
        String window = token("jjd-window", "demo-window");
        String department = token("mzj-handler", "demo-handler");
        String supervisor = token("sfq-supervisor", "demo-supervisor");
        Map<String, Object> body = new HashMap<>();
        body.put("window", "JJD-ZX-W01");
        body.put("serviceItem", "MZ-001");
        body.put("channel", "WINDOW");
        body.put("applicant", Map.of("name", "赵六"));
        body.put("subject", "申请低保");
        String id = post("/api/cases", window, body).getBody().get("caseId").asText();

        clock.set(Instant.parse("2025-03-04T02:00:00Z"));
        post("/api/cases/" + id + "/forward", window, Map.of("targetUnit", "SFQ-MZJ", "reason", "转民政局"));
        clock.set(Instant.parse("2025-03-04T03:00:00Z"));
        post("/api/cases/" + id + "/acceptance", department, Map.of());
        clock.set(Instant.parse("2025-03-05T02:00:00Z"));
        post("/api/cases/" + id + "/missing-materials-notices", department,
                Map.of("materials", List.of("M03"), "channel", "SMS"));
        await().atMost(Duration.ofSeconds(20)).until(() ->
                get("/api/cases/" + id, window).getBody().get("sequence").asLong() >= 3);

        JsonNode atReceipt = get("/api/supervision/cases/" + id + "?asOf=2025-03-03T12:00:00%2B08:00", supervisor)
                .getBody();
        assertThat(atReceipt.get("status").asText()).isEqualTo("IN_PROGRESS");
        assertThat(atReceipt.at("/holder/code").asText()).isEqualTo("JJD-ZX");
        assertThat(atReceipt.get("steps").size()).isEqualTo(1);
        assertThat(atReceipt.get("deadline").asText()).isEqualTo("2025-03-31T16:00:00Z");

        JsonNode afterForward = get("/api/supervision/cases/" + id + "?asOf=2025-03-04T02:30:00Z", supervisor)
                .getBody();
        assertThat(afterForward.get("status").asText()).isEqualTo("AWAITING_ACCEPTANCE");
        assertThat(afterForward.at("/holder/code").asText()).isEqualTo("SFQ-MZJ");

        JsonNode beforeNotice = get("/api/supervision/cases/" + id + "?asOf=2025-03-05T01:59:59Z", supervisor)
                .getBody();
        assertThat(beforeNotice.get("status").asText()).isEqualTo("IN_PROGRESS");
        assertThat(beforeNotice.get("notices").size()).as("the applicant had not been told yet").isZero();

        JsonNode now = get("/api/supervision/cases/" + id, supervisor).getBody();
        assertThat(now.get("status").asText()).isEqualTo("PAUSED");
        assertThat(now.at("/notices/0/items/0/materialCode").asText()).isEqualTo("M03");

        ResponseEntity<JsonNode> before = get("/api/supervision/cases/" + id + "?asOf=2025-03-01T00:00:00Z", supervisor);
        assertThat(before.getStatusCode().value()).isEqualTo(404);
        ResponseEntity<JsonNode> malformed = get("/api/supervision/cases/" + id + "?asOf=yesterday", supervisor);
        assertThat(malformed.getStatusCode().value()).isEqualTo(400);
        assertThat(malformed.getBody().get("code").asText()).isEqualTo("VALIDATION_FAILED");
        ResponseEntity<JsonNode> outside = get("/api/supervision/cases/" + id + "?asOf=2025-03-04T02:30:00Z",
                token("sfq-window", "demo-window"));
        assertThat(outside.getStatusCode().value()).isEqualTo(403);
    }

    @Test
    void theTrailShowsWhoHeldTheCaseHowLongAndWhereTheLatenessAccrued() {
        clock.set(Instant.parse("2025-03-03T02:00:00Z")); // Mon 10:00 Beijing
        String window = token("jjd-window", "demo-window");
        String department = token("mzj-handler", "demo-handler");
        String supervisor = token("sfq-supervisor", "demo-supervisor");
        Map<String, Object> body = new HashMap<>();
        body.put("window", "JJD-ZX-W01");
        body.put("serviceItem", "MZ-002"); // 5 working days: due at the end of Mon 03-10
        body.put("channel", "WINDOW");
        body.put("applicant", Map.of("name", "钱七"));
        body.put("subject", "临时救助");
        String id = post("/api/cases", window, body).getBody().get("caseId").asText();
        clock.set(Instant.parse("2025-03-04T02:00:00Z"));
        post("/api/cases/" + id + "/forward", window, Map.of("targetUnit", "SFQ-MZJ", "reason", "转民政局"));
        post("/api/cases/" + id + "/acceptance", department, Map.of());
        clock.set(Instant.parse("2025-03-05T02:00:00Z"));
        post("/api/cases/" + id + "/missing-materials-notices", department,
                Map.of("materials", List.of("M05"), "channel", "SMS"));
        // Used 03-04 and 03-05; 3 remain. Supplemented Fri 03-07: counted 03-10, 03-11, 03-12.
        clock.set(Instant.parse("2025-03-07T02:00:00Z"));
        post("/api/cases/" + id + "/supplement", department, Map.of("materials", List.of("M05")));
        clock.set(Instant.parse("2025-03-17T02:00:00Z")); // Mon, after the deadline of Wed 03-12
        post("/api/cases/" + id + "/completion", department, Map.of("result", "GRANTED", "resultText", "已发放"));
        await().atMost(Duration.ofSeconds(20)).until(() ->
                get("/api/cases/" + id, window).getBody().get("sequence").asLong() >= 5);

        JsonNode trail = get("/api/supervision/cases/" + id + "/trail", supervisor).getBody();
        assertThat(trail.get("deadline").asText()).isEqualTo("2025-03-12T16:00:00Z");
        assertThat(trail.get("late").asBoolean()).isTrue();
        // 03-13, 03-14 and the completion day 03-17, all with the department.
        assertThat(trail.get("lateWorkingDays").asInt()).isEqualTo(3);
        JsonNode street = trail.at("/custody/0");
        assertThat(street.get("unit").asText()).isEqualTo("JJD-ZX");
        assertThat(street.get("heldWorkingDays").asInt()).isEqualTo(1);
        assertThat(street.get("staff").toString()).contains("jjd-window");
        assertThat(street.get("actions").toString()).contains("RECEIVED", "FORWARDED");
        JsonNode department1 = trail.at("/custody/1");
        assertThat(department1.get("unit").asText()).isEqualTo("SFQ-MZJ");
        assertThat(department1.get("heldWorkingDays").asInt()).as("03-04 … 03-14").isEqualTo(9);
        assertThat(department1.get("pausedWorkingDays").asInt()).as("03-05, 03-06").isEqualTo(2);
        assertThat(department1.get("lateWorkingDays").asInt()).isEqualTo(3);
        assertThat(department1.get("staff").toString()).contains("mzj-handler");
        assertThat(trail.get("steps").size()).isEqualTo(6);
        assertThat(trail.at("/steps/0/recordedAt").asText()).isEqualTo("2025-03-03T02:00:00Z");

        assertThat(get("/api/supervision/cases/" + id + "/trail", window).getStatusCode().value())
                .as("window staff are not supervisors").isEqualTo(403);
    }

    private String token(String user, String password) {
        return post("/api/auth/token", null, Map.of("username", user, "password", password)).getBody()
                .get("access_token").asText();
    }

    private ResponseEntity<JsonNode> post(String path, String token, Object body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        if (token != null) {
            headers.setBearerAuth(token);
        }
        try {
            ResponseEntity<JsonNode> response = http.exchange(path, HttpMethod.POST,
                    new HttpEntity<>(json.writeValueAsString(body), headers), JsonNode.class);
            assertThat(response.getStatusCode().is2xxSuccessful()).as("%s %s", path, response.getBody()).isTrue();
            return response;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private ResponseEntity<JsonNode> get(String path, String token) {
        HttpHeaders headers = new HttpHeaders();
        headers.setBearerAuth(token);
        return http.exchange(java.net.URI.create(http.getRootUri() + path), HttpMethod.GET, new HttpEntity<>(headers),
                JsonNode.class);
    }
}
