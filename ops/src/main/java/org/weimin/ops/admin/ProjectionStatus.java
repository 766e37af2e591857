package org.weimin.ops.admin;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.pooled.PooledStreamingEventProcessor;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.springframework.context.annotation.Bean;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/admin/projections} (role administrator): for each event processor (one per processing group, named
 * after it) a {@link ProcessorStatus}: whether it runs, its position in the event stream and how far it lags behind
 * the head, whether it is replaying and how far the replay has come, whether it is in error (and with what, redacted),
 * how many events it has parked as dead letters, and how many events its handlers received since this process
 * started. After a normal restart with no new events, that count stays 0: processors resume from their tracking
 * tokens instead of replaying.
 */
@RestController
public class ProjectionStatus {
    private final EventProcessingConfiguration processing;
    private final Counters counters;
    private final EventStoreHead head;
    private final ProjectionGroups groups;
    private final TransactionManager transactions;

    public ProjectionStatus(EventProcessingConfiguration processing, Counters counters, EventStoreHead head,
                            ProjectionGroups groups, TransactionManager transactions) {
        this.processing = processing;
        this.counters = counters;
        this.head = head;
        this.groups = groups;
        this.transactions = transactions;
    }

    /**
     * One processor's status.
     *
     * @param name              processor and processing group name
     * @param kind              {@code tracking}, {@code pooled} or {@code subscribing}
     * @param positions         segment → global index of the last event processed (-1: none yet); empty for a
     *                          subscribing processor and while a streaming one is stopped
     * @param position          the lowest of {@code positions}; null when there is none
     * @param headIndex         global index of the newest event in the store; null while it is empty
     * @param lagEvents         {@code headIndex - position} (global indexes; gaps count), 0 when caught up; null
     *                          without a position (subscribing processors have no lag: they run in the publisher's
     *                          transaction)
     * @param lagSeconds        seconds between the timestamp of the newest event and that of the event at
     *                          {@code position} (the first event when it has processed none), 0 when caught up;
     *                          null as for {@code lagEvents}
     * @param replaying         whether any segment is replaying (after a reset). Axon ends a replay with the first
     *                          event past the position at the reset: on a quiet system it stays true, with
     *                          {@code replayProgress} 1, after everything was replayed
     * @param replayProgress    while replaying, the fraction (0..1) of the replay done: position divided by the
     *                          position at the reset, lowest over the segments; null otherwise
     * @param error             whether any segment is in error (its processor retries with back-off)
     * @param lastError         the redacted error of a segment in error ({@link FailureSummary}: type and throw
     *                          site, never the message); null when none
     * @param deadLetters       events parked in the group's dead-letter queue; null when it has none
     * @param deadLetterSequences cases (sequences) parked; null when it has no queue
     * @param handledSinceStart events the processor's handlers received since this process started
     */
    public record ProcessorStatus(String name, String kind, boolean running, Map<Integer, Long> positions,
                                  Long position, Long headIndex, Long lagEvents, Double lagSeconds,
                                  boolean replaying, Double replayProgress, boolean error, FailureSummary lastError,
                                  Long deadLetters, Long deadLetterSequences, long handledSinceStart) {
    }

    /** Every processor's status, in the order Axon lists them. */
    @GetMapping("/api/admin/projections")
    public List<ProcessorStatus> status() {
        OptionalLong headIndex = head.headIndex();
        List<ProcessorStatus> result = new ArrayList<>();
        processing.eventProcessors().forEach((name, processor) -> {
            Map<Integer, Long> positions = new TreeMap<>();
            boolean replaying = false;
            boolean error = false;
            FailureSummary lastError = null;
            Double replayProgress = null;
            String kind = processor instanceof PooledStreamingEventProcessor ? "pooled"
                    : processor instanceof StreamingEventProcessor ? "tracking" : "subscribing";
            if (processor instanceof StreamingEventProcessor streaming) {
                for (Map.Entry<Integer, EventTrackerStatus> e : streaming.processingStatus().entrySet()) {
                    EventTrackerStatus segment = e.getValue();
                    long current = segment.getCurrentPosition().orElse(-1);
                    positions.put(e.getKey(), current);
                    if (segment.isReplaying()) {
                        replaying = true;
                        long reset = segment.getResetPosition().orElse(0);
                        double fraction = reset <= 0 ? 0 : Math.min(1.0, Math.max(0, current) / (double) reset);
                        replayProgress = replayProgress == null ? fraction : Math.min(replayProgress, fraction);
                    }
                    if (segment.isErrorState()) {
                        error = true;
                        if (segment.getError() != null) {
                            lastError = FailureSummary.of(segment.getError());
                        }
                    }
                }
            }
            Long position = positions.isEmpty() ? null
                    : positions.values().stream().mapToLong(Long::longValue).min().getAsLong();
            Long lagEvents = null;
            Double lagSeconds = null;
            if (position != null) {
                long headAt = headIndex.orElse(-1);
                lagEvents = Math.max(0, headAt - position);
                lagSeconds = lagEvents == 0 ? 0.0 : lagSeconds(position);
            }
            var queue = groups.deadLetterQueue(name);
            Long deadLetters = queue.map(q -> transactions.fetchInTransaction(q::size)).orElse(null);
            Long deadLetterSequences = queue.map(q -> transactions.fetchInTransaction(q::amountOfSequences))
                    .orElse(null);
            result.add(new ProcessorStatus(name, kind, processor.isRunning(), positions, position,
                    headIndex.isPresent() ? headIndex.getAsLong() : null, lagEvents, lagSeconds, replaying,
                    replayProgress, error, lastError, deadLetters, deadLetterSequences, counters.handled(name)));
        });
        return result;
    }

    private double lagSeconds(long position) {
        var newest = head.headIndex().stream().mapToObj(head::timestampAt).flatMap(Optional::stream).findFirst();
        var at = head.timestampAt(position);
        if (newest.isEmpty() || at.isEmpty()) {
            return 0.0;
        }
        return Math.max(0, Duration.between(at.get(), newest.get()).toMillis() / 1000.0);
    }

    /** Counts the events each processor's handlers receive, through a handler interceptor on every processor. */
    @Component
    public static class Counters {
        private final Map<String, LongAdder> handled = new ConcurrentHashMap<>();

        long handled(String processor) {
            LongAdder adder = handled.get(processor);
            return adder == null ? 0 : adder.sum();
        }

        MessageHandlerInterceptor<EventMessage<?>> interceptorFor(String processor) {
            LongAdder adder = handled.computeIfAbsent(processor, p -> new LongAdder());
            return (unitOfWork, chain) -> {
                adder.increment();
                return chain.proceed();
            };
        }
    }

    /** Registers the counting interceptor on every event processor. */
    @org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
    static class CountingConfiguration {
        @Bean
        ConfigurerModule countHandledEvents(Counters counters) {
            return configurer -> configurer.eventProcessing()
                    .registerDefaultHandlerInterceptor((config, processorName) -> counters.interceptorFor(processorName));
        }
    }
}
