package org.weimin.ops.observability;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.weimin.ops.admin.ProjectionGroups;

/**
 * Gauges per processing group (tag {@code group}), read at each scrape:
 * <ul>
 *   <li>{@code weimin_processor_lag_events}: position of the event store's head token (JDBC: the highest global
 *       index; Axon Server: its head) minus the lowest position over the group's segments as stored in the shared
 *       token store ({@code TokenEntry}); a segment without a token counts as position -1. Read from the store, not from this node's trackers, so every node reports the same
 *       cluster-wide figure (aggregate with {@code max}, not {@code sum}). Gaps in the global index count.</li>
 *   <li>{@code weimin_processor_dead_letters}: events parked in the group's dead-letter queue (groups with one).</li>
 * </ul>
 * Registered once the application is ready (the processors exist then). A failing read yields NaN, not an error.
 */
@Component
public class ProcessingGroupMetrics {
    private static final Logger log = LoggerFactory.getLogger(ProcessingGroupMetrics.class);
    private final EventProcessingConfiguration processing;
    private final ProjectionGroups groups;
    private final EventStore events;
    private final JdbcTemplate jdbc;
    private final Serializer serializer;
    private final TransactionManager transactions;
    private final MeterRegistry registry;

    public ProcessingGroupMetrics(EventProcessingConfiguration processing, ProjectionGroups groups, EventStore events,
                            JdbcTemplate jdbc, @Qualifier("serializer") Serializer serializer,
                            TransactionManager transactions, MeterRegistry registry) {
        this.processing = processing;
        this.groups = groups;
        this.events = events;
        this.jdbc = jdbc;
        this.serializer = serializer;
        this.transactions = transactions;
        this.registry = registry;
    }

    /** Registers the gauges of every streaming processor. */
    @EventListener(ApplicationReadyEvent.class)
    public void register() {
        processing.eventProcessors().forEach((name, processor) -> {
            if (processor instanceof StreamingEventProcessor) {
                Gauge.builder("weimin.processor.lag.events", () -> lagEvents(name))
                        .description("Events between the store's head and the group's lowest stored token position")
                        .tag("group", name).baseUnit("events").register(registry);
            }
            groups.deadLetterQueue(name).ifPresent(queue -> Gauge.builder("weimin.processor.dead.letters",
                            () -> safely(() -> transactions.fetchInTransaction(queue::size)))
                    .description("Events parked in the group's dead-letter queue")
                    .tag("group", name).register(registry));
        });
    }

    /** Head index minus the lowest stored position of the group's segments; 0 with no events or no segments. */
    double lagEvents(String group) {
        return safely(() -> {
            TrackingToken headToken = events.createHeadToken();
            OptionalLong headIndex = headToken == null ? OptionalLong.empty() : headToken.position();
            if (headIndex.isEmpty()) {
                return 0L;
            }
            List<Long> positions = jdbc.query("SELECT token, tokenType FROM TokenEntry WHERE processorName = ?",
                    (rs, n) -> position(rs.getBytes(1), rs.getString(2)), group);
            if (positions.isEmpty()) {
                return 0L;
            }
            long lowest = positions.stream().mapToLong(Long::longValue).min().getAsLong();
            return Math.max(0, headIndex.getAsLong() - lowest);
        });
    }

    private long position(byte[] token, String tokenType) {
        if (token == null || tokenType == null) {
            return -1;
        }
        TrackingToken tracking = serializer.deserialize(
                new SimpleSerializedObject<>(token, byte[].class, tokenType, null));
        return tracking == null ? -1 : tracking.position().orElse(-1);
    }

    private static double safely(java.util.function.Supplier<Long> read) {
        try {
            return Objects.requireNonNull(read.get()).doubleValue();
        } catch (RuntimeException e) {
            log.debug("A processor gauge could not be read: {}", e.toString());
            return Double.NaN;
        }
    }
}
