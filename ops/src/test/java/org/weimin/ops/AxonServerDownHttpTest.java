package org.weimin.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.actuate.health.HealthEndpoint;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.weimin.ops.observability.AxonServerReachability;

/**
 * The {@code axonserver} profile with no Axon Server reachable (a closed local port): the service starts (the
 * calendar and reference replays, the reference files' deployment and the user store wait, {@link StoreStartupSteps}),
 * readiness answers 503 DOWN with the component {@code axonServerReachability} saying the server is unreachable, a
 * command answers 503 {@code SERVICE_UNAVAILABLE}, and the log has one line about it, without stack traces, while the
 * processors and the connector retry. Recovery when the server appears: {@code AxonServerReachabilityTest}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("axonserver")
@ExtendWith(OutputCaptureExtension.class)
class AxonServerDownHttpTest extends HttpTestSupport {
    @TempDir
    static Path dataDir;
    static final int CLOSED_PORT = closedPort();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("weimin.data-dir", () -> dataDir.toString());
        registry.add("weimin.clock.fixed", () -> "2026-11-30T02:00:00Z");
        registry.add("axon.axonserver.servers", () -> "127.0.0.1:" + CLOSED_PORT);
        registry.add("axon.axonserver.ssl-enabled", () -> "false");
    }

    /** A port nothing listens on: bound once to find it free, then closed. */
    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Autowired
    HealthEndpoint health;
    @Autowired
    AxonServerReachability reachability;
    @Autowired
    StoreStartupSteps steps;

    @Test
    void itStartsNotReadyWithOneLineSayingWhyAndCommandsAnswer503(CapturedOutput output) {
        ResponseEntity<JsonNode> readiness = get("/actuator/health/readiness", null);
        assertThat(readiness.getStatusCode().value()).isEqualTo(503);
        assertThat(readiness.getBody().path("status").asText()).isEqualTo("DOWN");
        var component = ((org.springframework.boot.actuate.health.CompositeHealth) health.healthForPath("readiness"))
                .getComponents().get("axonServerReachability");
        assertThat(component.getStatus().getCode()).isEqualTo("DOWN");
        assertThat(((org.springframework.boot.actuate.health.Health) component).getDetails().get("error").toString())
                .startsWith("Axon Server unreachable at 127.0.0.1:" + CLOSED_PORT);
        assertThat(steps.pending()).containsExactly("calendar history", "reference history",
                "reference files deployment", "user store");
        assertThat(get("/actuator/health/liveness", null).getStatusCode().value()).isEqualTo(200);

        ResponseEntity<JsonNode> command = post("/api/cases", mint("down-officer", "JJD-ZX", "window-staff", Instant.parse("2026-11-30T02:00:00Z")),
                receiveBody("MZ-002"));
        assertProblem(command, 503, "SERVICE_UNAVAILABLE");

        // The processors retry after 1 s, 2 s, 4 s and the reachability check runs every 5 s: watch a few rounds.
        await().pollDelay(Duration.ofSeconds(8)).atMost(Duration.ofSeconds(20))
                .until(() -> !reachability.check());
        List<String> lines = output.getAll().lines().toList();
        assertThat(lines.stream().filter(l -> l.contains("Axon Server unreachable at"))).hasSize(1);
        assertThat(lines.stream().filter(l -> l.contains("UNAVAILABLE") || l.contains("Connecting to AxonServer")))
                .as("Axon's own lines about the unreachable server").isEmpty();
        assertThat(lines.stream().filter(l -> l.startsWith("\tat "))).as("stack trace lines").isEmpty();
    }
}
