package org.weimin.ops.consistency;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.weimin.ops.PeriodicCheck;

/**
 * Runs {@link LostEventRepair} when the event store comes back after an outage while this node kept running: in
 * {@code store} mode the store's process can be killed under load and lose the events it had just made visible (see
 * {@link LostEventRepair}), which this node's processors may already have projected.
 *
 * <p>Every {@code weimin.read-models.lost-event-check} (default 1 s) it asks the store for its head; when a failed
 * question is followed by an answer, it stops this node's streaming event processors, runs the repair and starts them
 * again (they resume from their tracking tokens, so nothing is skipped). Known limit: a processor that reconnects and
 * handles a new event of a repaired case in the moment between the store's return and this check builds on the
 * document ahead; the consistency check ({@code GET /api/admin/consistency}) reports such a case, and a rebuild of the
 * group puts it right.
 */
@Component
public class LostEventWatch extends PeriodicCheck {
    private static final Logger log = LoggerFactory.getLogger(LostEventWatch.class);

    private final JdbcTemplate jdbc;
    private final LostEventRepair repair;
    private final EventProcessingConfiguration processing;
    private boolean storeWasDown;

    public LostEventWatch(JdbcTemplate jdbc, LostEventRepair repair, EventProcessingConfiguration processing,
                          @Value("${weimin.read-models.lost-event-check:PT1S}") Duration period) {
        super("lost-event-watch", period);
        this.jdbc = jdbc;
        this.repair = repair;
        this.processing = processing;
    }

    @Override
    protected void check() {
        try {
            jdbc.queryForObject("SELECT MAX(globalIndex) FROM DomainEventEntry", Long.class);
        } catch (DataAccessException e) {
            storeWasDown = true;
            return;
        }
        if (!storeWasDown) {
            return;
        }
        storeWasDown = false;
        log.info("The event store answers again after an outage: checking the read models for effects of events it "
                + "may have lost");
        List<StreamingEventProcessor> stopped = processing.eventProcessors().values().stream()
                .filter(StreamingEventProcessor.class::isInstance).map(StreamingEventProcessor.class::cast)
                .filter(StreamingEventProcessor::isRunning).toList();
        try {
            for (StreamingEventProcessor processor : stopped) {
                processor.shutdownAsync().get(30, TimeUnit.SECONDS);
            }
            repair.repair();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            storeWasDown = true; // try again at the next check
            log.warn("Check for effects of lost events failed ({}); trying again", e.getClass().getSimpleName());
        } finally {
            if (!Thread.currentThread().isInterrupted()) { // interrupted: the application is stopping
                for (StreamingEventProcessor processor : stopped) {
                    try {
                        processor.start(); // each on its own: one that fails to start leaves the others running
                    } catch (RuntimeException e) {
                        log.warn("Could not restart event processor {} after the check ({})", processor.getName(),
                                e.getClass().getSimpleName());
                    }
                }
            }
        }
    }
}
