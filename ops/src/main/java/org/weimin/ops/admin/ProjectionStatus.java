package org.weimin.ops.admin;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.springframework.context.annotation.Bean;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/admin/projections} (role administrator): for each event processor, whether it runs, whether it is
 * replaying or in error, its position in the event stream (global index per segment) and how many events its
 * handlers received since this process started. After a normal restart with no new events, that count stays 0:
 * processors resume from their tracking tokens instead of replaying.
 */
@RestController
public class ProjectionStatus {
    private final EventProcessingConfiguration processing;
    private final Counters counters;

    public ProjectionStatus(EventProcessingConfiguration processing, Counters counters) {
        this.processing = processing;
        this.counters = counters;
    }

    /** One processor's status. {@code positions}: segment → global index of the last event processed. */
    public record ProcessorStatus(String name, boolean running, boolean replaying, boolean error,
                                  Map<Integer, Long> positions, long handledSinceStart) {
    }

    @GetMapping("/api/admin/projections")
    public List<ProcessorStatus> status() {
        List<ProcessorStatus> result = new ArrayList<>();
        processing.eventProcessors().forEach((name, processor) -> {
            Map<Integer, Long> positions = new java.util.TreeMap<>();
            boolean replaying = false;
            boolean error = false;
            if (processor instanceof StreamingEventProcessor streaming) {
                for (Map.Entry<Integer, EventTrackerStatus> e : streaming.processingStatus().entrySet()) {
                    positions.put(e.getKey(), e.getValue().getCurrentPosition().orElse(-1));
                    replaying |= e.getValue().isReplaying();
                    error |= e.getValue().isErrorState();
                }
            }
            result.add(new ProcessorStatus(name, processor.isRunning(), replaying, error, positions,
                    counters.handled(name)));
        });
        return result;
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
