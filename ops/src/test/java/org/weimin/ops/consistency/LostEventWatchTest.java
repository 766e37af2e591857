package org.weimin.ops.consistency;

import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.InOrder;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * {@link LostEventWatch}: the repair runs once when the event store answers after an outage (never while it is up
 * all along, nor while it is down), with this node's running processors stopped before and started after; a repair
 * that fails starts them again and is tried at the next check.
 */
class LostEventWatchTest {
    private final JdbcTemplate jdbc = mock(JdbcTemplate.class);
    private final LostEventRepair repair = mock(LostEventRepair.class);
    private final EventProcessingConfiguration processing = mock(EventProcessingConfiguration.class);
    private final StreamingEventProcessor running = mock(StreamingEventProcessor.class);
    private final StreamingEventProcessor stopped = mock(StreamingEventProcessor.class);
    private final EventProcessor subscribing = mock(EventProcessor.class);
    private LostEventWatch watch;

    @BeforeEach
    void setUp() {
        when(running.isRunning()).thenReturn(true);
        when(running.shutdownAsync()).thenReturn(CompletableFuture.completedFuture(null));
        when(stopped.isRunning()).thenReturn(false);
        when(processing.eventProcessors()).thenReturn(Map.of("case-view", running, "dormant", stopped,
                "case-directory", subscribing));
        watch = new LostEventWatch(jdbc, repair, processing, Duration.ofSeconds(1));
    }

    private void storeUp() {
        when(jdbc.queryForObject(anyString(), eq(Long.class))).thenReturn(42L);
    }

    private void storeDown() {
        when(jdbc.queryForObject(anyString(), eq(Long.class)))
                .thenThrow(new DataAccessResourceFailureException("connection refused"));
    }

    @Test
    void noRepairWhileTheStoreIsUpOrDown() {
        storeUp();
        watch.check();
        watch.check();
        storeDown();
        watch.check();
        verify(repair, never()).repair();
        verify(running, never()).shutdownAsync();
    }

    @Test
    void theStoresReturnRunsTheRepairOnceWithTheProcessorsStopped() {
        storeDown();
        watch.check();
        storeUp();
        watch.check();
        watch.check();

        InOrder order = inOrder(running, repair);
        order.verify(running).shutdownAsync();
        order.verify(repair).repair();
        order.verify(running).start();
        verify(repair, times(1)).repair();
        verify(stopped, never()).start();
    }

    @Test
    void aFailedRepairRestartsTheProcessorsAndIsTriedAgain() {
        storeDown();
        watch.check();
        storeUp();
        when(repair.repair()).thenThrow(new IllegalStateException("mongo down")).thenReturn(null);
        watch.check();
        verify(running, times(1)).start();
        watch.check();
        verify(repair, times(2)).repair();
        verify(running, times(2)).start();
        watch.check();
        verify(repair, times(2)).repair();
    }
}
