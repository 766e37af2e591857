package org.weimin.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;

/**
 * Health and metrics over real HTTP (issue 8, README "Health and metrics"): who may see what, the health components
 * and probe groups, and a Prometheus scrape after a command (command counter per type, lag and dead-letter gauges per
 * processing group, the lag gauge rising while a group is stopped).
 */
class HealthAndMetricsHttpTest extends SharedContextHttpTest {
    @Autowired
    EventProcessingConfiguration processing;

    private ResponseEntity<String> scrape(String token) {
        return http.exchange("/actuator/prometheus", HttpMethod.GET, new HttpEntity<>(headers(token)), String.class);
    }

    private String scrapeAsAuditor() {
        ResponseEntity<String> response = scrape(token("auditor", "demo-auditor"));
        assertThat(response.getStatusCode().value()).isEqualTo(200);
        return response.getBody();
    }

    /** The value of the sample {@code name{...labels...}} whose label set contains {@code label}; NaN if absent. */
    private static double sample(String scrape, String name, String label) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name) + "\\{([^}]*)\\} (\\S+)$").matcher(scrape);
        while (m.find()) {
            if (m.group(1).contains(label)) {
                return Double.parseDouble(m.group(2));
            }
        }
        return Double.NaN;
    }

    @Test
    void onlyAdministratorsAndAuditorsMayScrape() {
        assertThat(scrape(null).getStatusCode().value()).isEqualTo(401);
        assertThat(scrape(token("jjd-window", "demo-window")).getStatusCode().value()).isEqualTo(403);
        assertThat(scrape(token("admin", "demo-admin")).getStatusCode().value()).isEqualTo(200);
        assertThat(scrape(token("auditor", "demo-auditor")).getStatusCode().value()).isEqualTo(200);
    }

    @Test
    void aScrapeAfterACommandShowsItsCounterAndTheGaugesPerGroup() {
        String receipts = "payloadType=\"ReceiveCase\"";
        double before = sample(scrapeAsAuditor(), "commandBus_successCounter_total", receipts);

        assertThat(post("/api/cases", token("jjd-window", "demo-window"), receiveBody("MZ-002"))
                .getStatusCode().value()).isEqualTo(201);

        String scrape = scrapeAsAuditor();
        assertThat(sample(scrape, "commandBus_successCounter_total", receipts))
                .isEqualTo(Double.isNaN(before) ? 1.0 : before + 1);
        assertThat(sample(scrape, "commandBus_allTimer_seconds_count", receipts)).isGreaterThanOrEqualTo(1.0);
        for (String group : new String[] {"case-view", "supervisor-queue", "calendar-revision"}) {
            assertThat(sample(scrape, "weimin_processor_lag_events", "group=\"" + group + "\""))
                    .as("lag of %s", group).isGreaterThanOrEqualTo(0.0);
        }
        assertThat(sample(scrape, "weimin_processor_dead_letters", "group=\"case-view\"")).isZero();
    }

    @Test
    void theLagGaugeCountsTheEventsAStoppedGroupHasNotProcessed() throws Exception {
        String lag = "weimin_processor_lag_events";
        String group = "group=\"supervisor-queue\"";
        EventProcessor processor = processing.eventProcessor("supervisor-queue").orElseThrow();
        await().atMost(Duration.ofSeconds(20)).until(() -> sample(scrapeAsAuditor(), lag, group) == 0.0);
        processor.shutdownAsync().get(30, TimeUnit.SECONDS);
        try {
            post("/api/cases", token("jjd-window", "demo-window"), receiveBody("MZ-002"));
            assertThat(sample(scrapeAsAuditor(), lag, group)).isGreaterThanOrEqualTo(1.0);
        } finally {
            processor.start();
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> sample(scrapeAsAuditor(), lag, group) == 0.0);
    }

    @Test
    void thePublicSeesTheStatusOnlyOperatorsSeeTheComponents() {
        JsonNode publicHealth = get("/actuator/health", null).getBody();
        assertThat(publicHealth.path("status").asText()).isNotEmpty();
        assertThat(publicHealth.has("components")).isFalse();

        ResponseEntity<JsonNode> health = get("/actuator/health", token("admin", "demo-admin"));
        assertThat(health.getStatusCode().value()).as("an unreachable search only degrades the node").isEqualTo(200);
        JsonNode components = health.getBody().path("components");
        assertThat(components.path("db").path("status").asText()).isEqualTo("UP");
        assertThat(components.path("readModels").path("status").asText()).isEqualTo("UP");
        // The in-process tests point Elasticsearch at 127.0.0.1:1.
        assertThat(components.path("search").path("status").asText()).isEqualTo("DEGRADED");
        assertThat(health.getBody().path("status").asText()).as("search is optional").isEqualTo("UP");

        ResponseEntity<JsonNode> readiness = get("/actuator/health/readiness", null);
        assertThat(readiness.getStatusCode().value()).isEqualTo(200);
        assertThat(readiness.getBody().path("status").asText()).isEqualTo("UP");
        assertThat(get("/actuator/health/liveness", null).getBody().path("status").asText()).isEqualTo("UP");
    }
}
