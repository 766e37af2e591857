package org.weimin.ops.observability;

import java.time.Duration;
import java.util.List;
import org.axonframework.axonserver.connector.AxonServerConnectionManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.weimin.ops.PeriodicTask;
import org.weimin.ops.StoreStartupSteps;

/**
 * With Axon Server enabled ({@code axonserver} profile): one log line when the connection is missing or comes back,
 * instead of the connector's line per reconnect attempt (muted in application-axonserver.yml) and the tracking
 * processors' lines per retry ({@link AxonServerUnavailableLogFilter}). Checked when the
 * application is ready and every 5 s after; only changes are logged. When the connection is there, the start-up steps
 * that were deferred because it was not ({@link StoreStartupSteps}: calendar and reference replays, the reference
 * files' deployment, the user store) run, in order.
 *
 * <p>As the health component {@code axonServerReachability} (in the readiness group of that profile): DOWN with
 * {@code error} "Axon Server unreachable at ..." while the connection is missing, or with {@code pendingSteps} while
 * deferred steps have not run yet; UP otherwise. Axon's own indicator ({@code axonServer}) reports DOWN meanwhile too,
 * and commands fail (503 {@code SERVICE_UNAVAILABLE}).
 */
@Component
@ConditionalOnProperty(name = "axon.axonserver.enabled", havingValue = "true")
public class AxonServerReachability implements SmartLifecycle, HealthIndicator {
    private static final Logger log = LoggerFactory.getLogger(AxonServerReachability.class);
    private final AxonServerConnectionManager connections;
    private final String servers;
    private final StoreStartupSteps steps;
    private PeriodicTask timer;
    private Boolean connected;

    public AxonServerReachability(AxonServerConnectionManager connections,
                                  @Value("${axon.axonserver.servers:localhost}") String servers,
                                  StoreStartupSteps steps) {
        this.connections = connections;
        this.servers = servers;
        this.steps = steps;
        AxonServerUnavailableLogFilter.install();
    }

    /**
     * Checks now, logs a change and, when connected, runs the deferred start-up steps; returns whether the default
     * context is connected.
     */
    @EventListener(ApplicationReadyEvent.class)
    public synchronized boolean check() {
        String context = connections.getDefaultContext();
        boolean now = connected(context);
        if (connected == null || connected != now) {
            if (now) {
                log.info("Axon Server reachable at {} (context {})", servers, context);
            } else {
                log.error("Axon Server unreachable at {} (context {}): health is DOWN and commands fail with 503 "
                        + "until it is reachable; the connector keeps retrying", servers, context);
            }
        }
        connected = now;
        if (now && !steps.pending().isEmpty()) {
            steps.runPending();
        }
        return now;
    }

    private boolean connected(String context) {
        try {
            return connections.isConnected(context);
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** DOWN while Axon Server is unreachable or deferred start-up steps have not run; UP otherwise. */
    @Override
    public Health health() {
        String context = connections.getDefaultContext();
        List<String> pending = steps.pending();
        if (!connected(context)) {
            return Health.down().withDetail("error", "Axon Server unreachable at " + servers + " (context " + context
                    + "); the connector keeps retrying").withDetail("pendingSteps", pending).build();
        }
        if (!pending.isEmpty()) {
            Health.Builder health = Health.down().withDetail("pendingSteps", pending);
            String failure = steps.lastFailure();
            return (failure == null ? health : health.withDetail("error", failure)).build();
        }
        return Health.up().withDetail("servers", servers).withDetail("context", context).build();
    }

    @Override
    public void start() {
        timer = PeriodicTask.start("axonserver-reachability", Duration.ofSeconds(5), () -> {
            try {
                if (connected != null) {
                    check();
                }
            } catch (RuntimeException e) {
                log.debug("Axon Server reachability check failed: {}", e.toString());
            }
        });
    }

    @Override
    public void stop() {
        if (timer != null) {
            timer.close();
        }
    }

    @Override
    public boolean isRunning() {
        return timer != null && timer.running();
    }
}
