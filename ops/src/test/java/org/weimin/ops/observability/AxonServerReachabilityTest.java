package org.weimin.ops.observability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.grpc.Status;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.axonframework.axonserver.connector.AxonServerConnectionManager;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.health.Health;
import org.weimin.ops.StoreStartupSteps;

/**
 * Recovery when Axon Server appears after the start (there is no Axon Server on our machines: its connection manager
 * is a mock): the health component goes from DOWN (unreachable, steps pending) to UP once the deferred start-up steps
 * ran, in order, on the first check that finds the connection.
 */
class AxonServerReachabilityTest {

    @Test
    void theDeferredStepsRunWhenTheConnectionAppearsAndHealthTurnsUp() throws Exception {
        AtomicBoolean up = new AtomicBoolean(false);
        AxonServerConnectionManager connections = mock(AxonServerConnectionManager.class);
        when(connections.getDefaultContext()).thenReturn("weimin");
        when(connections.isConnected("weimin")).thenAnswer(invocation -> up.get());
        StoreStartupSteps steps = new StoreStartupSteps(true, up::get);
        List<String> ran = new ArrayList<>();
        steps.run("calendar history", () -> {
            if (!up.get()) {
                throw Status.UNAVAILABLE.asRuntimeException();
            }
            ran.add("calendar history");
        });
        AxonServerReachability reachability = new AxonServerReachability(connections, "axonserver:8124", steps);

        assertThat(reachability.check()).isFalse();
        Health down = reachability.health();
        assertThat(down.getStatus()).isEqualTo(org.springframework.boot.actuate.health.Status.DOWN);
        assertThat(down.getDetails().get("error").toString()).startsWith("Axon Server unreachable at axonserver:8124");
        assertThat(down.getDetails().get("pendingSteps")).isEqualTo(List.of("calendar history"));

        up.set(true);
        assertThat(reachability.check()).isTrue();
        assertThat(ran).containsExactly("calendar history");
        assertThat(reachability.health().getStatus()).isEqualTo(org.springframework.boot.actuate.health.Status.UP);
    }

    @Test
    void onlyAxonsLinesAboutAnUnreachableServerAreDropped() {
        AxonServerUnavailableLogFilter filter = new AxonServerUnavailableLogFilter();
        var context = new ch.qos.logback.classic.LoggerContext();
        var axon = context.getLogger("org.axonframework.eventhandling.TrackingEventProcessor");
        var ours = context.getLogger("org.weimin.ops.Something");
        RuntimeException unavailable = new IllegalStateException("wrapped", Status.UNAVAILABLE.asRuntimeException());
        assertThat(filter.decide(null, axon, ch.qos.logback.classic.Level.WARN, "Fetch failed", null, unavailable))
                .isEqualTo(ch.qos.logback.core.spi.FilterReply.DENY);
        assertThat(filter.decide(null, axon, ch.qos.logback.classic.Level.INFO, "still failing: {}",
                new Object[] {"io.grpc.StatusRuntimeException: UNAVAILABLE"}, null))
                .isEqualTo(ch.qos.logback.core.spi.FilterReply.DENY);
        assertThat(filter.decide(null, axon, ch.qos.logback.classic.Level.WARN, "handler failed", null,
                new IllegalStateException("boom"))).isEqualTo(ch.qos.logback.core.spi.FilterReply.NEUTRAL);
        assertThat(filter.decide(null, ours, ch.qos.logback.classic.Level.WARN, "x", null, unavailable))
                .isEqualTo(ch.qos.logback.core.spi.FilterReply.NEUTRAL);
    }
}
