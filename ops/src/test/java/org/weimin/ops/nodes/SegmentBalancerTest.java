package org.weimin.ops.nodes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.DataSourceConnectionProvider;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.SimpleEventHandlerInvoker;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.eventhandling.tokenstore.jdbc.GenericTokenTableFactory;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.serialization.json.JacksonSerializer;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The upgrade path of {@link SegmentBalancer} with Axon's real tracking processor and JDBC token store (H2 in
 * memory): a group whose tokens were created with one segment keeps one when the processor starts with
 * {@code initialSegmentsCount(2)} (Axon initialises only an empty group), and the balancer's rounds split it through
 * the processor into two, both claimed, without an event handled twice or missed. A group the balancer has no
 * configured count for, or one already at its count, is never split.
 */
class SegmentBalancerTest {
    private static final String GROUP = "case-search";

    private JdbcTokenStore tokens;
    private EmbeddedEventStore events;
    private TrackingEventProcessor processor;
    private final List<String> handled = new CopyOnWriteArrayList<>();
    private final List<String> published = new ArrayList<>();

    @BeforeEach
    void aStoreWhoseGroupHasOneSegment() throws Exception {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:segments-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        ConnectionProvider connections = new DataSourceConnectionProvider(h2);
        tokens = JdbcTokenStore.builder().connectionProvider(connections)
                .serializer(JacksonSerializer.defaultSerializer()).claimTimeout(Duration.ofSeconds(5))
                .nodeId("this-node").build();
        tokens.createSchema(GenericTokenTableFactory.INSTANCE);
        tokens.initializeTokenSegments(GROUP, 1);
        events = EmbeddedEventStore.builder().storageEngine(new InMemoryEventStorageEngine()).build();
    }

    @AfterEach
    void stop() {
        if (processor != null) {
            processor.shutDown();
        }
        events.shutDown();
    }

    @Test
    void anExistingSingleSegmentIsSplitToTheConfiguredCountAndEveryEventIsHandledOnce() {
        publish(20);
        processor = processor(2);
        processor.start();
        await().atMost(Duration.ofSeconds(20)).until(() -> handled.size() == 20);
        assertThat(tokens.fetchSegments(GROUP)).as("Axon leaves an initialised group as it is").containsExactly(0);

        SegmentBalancer balancer = balancer(Map.of(GROUP, 2));
        await("split and both halves claimed").atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
                .untilAsserted(() -> {
                    balancer.round();
                    assertThat(tokens.fetchSegments(GROUP)).containsExactly(0, 1);
                    assertThat(processor.processingStatus()).containsOnlyKeys(0, 1);
                });
        publish(40);
        await().atMost(Duration.ofSeconds(20)).until(() -> handled.size() >= 60);
        for (int i = 0; i < 5; i++) {
            balancer.round();
        }
        assertThat(tokens.fetchSegments(GROUP)).as("never beyond the configured count").containsExactly(0, 1);
        assertThat(handled).as("each event handled exactly once").containsExactlyInAnyOrderElementsOf(published);
        processor.processingStatus().values().forEach(status ->
                assertThat(status.getSegment().getMask()).as("two halves").isEqualTo(1));
    }

    @Test
    void aGroupWithoutAConfiguredCountKeepsItsSegment() throws Exception {
        processor = processor(2);
        processor.start();
        await().atMost(Duration.ofSeconds(20)).until(() -> processor.processingStatus().containsKey(0));
        SegmentBalancer balancer = balancer(Map.of("some-other-group", 4));
        for (int i = 0; i < 5; i++) {
            balancer.round();
            TimeUnit.MILLISECONDS.sleep(100);
        }
        assertThat(tokens.fetchSegments(GROUP)).containsExactly(0);
    }

    private TrackingEventProcessor processor(int segments) {
        Object handler = new Object() {
            @org.axonframework.eventhandling.EventHandler
            void on(String event) {
                handled.add(event);
            }
        };
        return TrackingEventProcessor.builder().name(GROUP)
                .eventHandlerInvoker(SimpleEventHandlerInvoker.builder().eventHandlers(handler).build())
                .messageSource(events).tokenStore(tokens).transactionManager(NoTransactionManager.INSTANCE)
                .trackingEventProcessorConfiguration(TrackingEventProcessorConfiguration
                        .forParallelProcessing(segments).andInitialSegmentsCount(segments)
                        .andTokenClaimInterval(100, TimeUnit.MILLISECONDS)
                        .andEventAvailabilityTimeout(100, TimeUnit.MILLISECONDS))
                .build();
    }

    private SegmentBalancer balancer(Map<String, Integer> configured) {
        ServiceNodes nodes = mock(ServiceNodes.class);
        when(nodes.heartbeat()).thenReturn(1);
        EventProcessingConfiguration processing = mock(EventProcessingConfiguration.class);
        when(processing.eventProcessors()).thenReturn(Map.of(GROUP, processor));
        return new SegmentBalancer(nodes, processing, tokens, NoTransactionManager.INSTANCE, Duration.ofSeconds(10),
                configured);
    }

    /** Events of {@code count} different cases (aggregates), so that both halves get some. */
    private void publish(int count) {
        List<EventMessage<?>> batch = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String payload = "event-" + published.size();
            published.add(payload);
            batch.add(new GenericDomainEventMessage<>("Case", UUID.randomUUID().toString(), 0, payload));
        }
        events.publish(batch);
    }
}
