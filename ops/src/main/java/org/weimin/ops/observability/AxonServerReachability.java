package org.weimin.ops.observability;

import java.time.Duration;
import org.axonframework.axonserver.connector.AxonServerConnectionManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.weimin.ops.PeriodicTask;

/**
 * With Axon Server enabled ({@code axonserver} profile): one log line when the connection is missing or comes back,
 * instead of the connector's line per reconnect attempt (muted in application-production.yml). Checked when the
 * application is ready and every 5 s after; only changes are logged. Axon's own health indicator
 * ({@code axonServer}) reports DOWN meanwhile, and commands fail (503 {@code SERVICE_UNAVAILABLE}).
 */
@Component
@ConditionalOnProperty(name = "axon.axonserver.enabled", havingValue = "true")
public class AxonServerReachability implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(AxonServerReachability.class);
    private final AxonServerConnectionManager connections;
    private final String servers;
    private PeriodicTask timer;
    private Boolean connected;

    public AxonServerReachability(AxonServerConnectionManager connections,
                                  @Value("${axon.axonserver.servers:localhost}") String servers) {
        this.connections = connections;
        this.servers = servers;
    }

    /** Checks now and logs a change; returns whether the default context is connected. */
    @EventListener(ApplicationReadyEvent.class)
    public synchronized boolean check() {
        String context = connections.getDefaultContext();
        boolean now;
        try {
            now = connections.isConnected(context);
        } catch (RuntimeException e) {
            now = false;
        }
        if (connected == null || connected != now) {
            if (now) {
                log.info("Axon Server reachable at {} (context {})", servers, context);
            } else {
                log.error("Axon Server unreachable at {} (context {}): health is DOWN and commands fail with 503 "
                        + "until it is reachable; the connector keeps retrying", servers, context);
            }
        }
        connected = now;
        return now;
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
