package org.weimin.ops.nodes;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Splits each processing group's segments among the live service nodes (issue 8: "each processes part of the
 * stream"). Axon 4.13 without Axon Server has no load balancing of its own: a tracking processor claims every segment
 * it has a thread for, so the node started first would hold them all. Every round this node counts the live nodes
 * ({@link ServiceNodes}); for each streaming processor it holds more segments of than its fair share
 * ({@code ceil(segments / live nodes)}), it releases the surplus (highest segment ids first) for
 * {@code releaseFor}, so another node's processor claims them; it claims nothing itself. When a node dies, its claims
 * expire after {@code axon.eventhandling.tokenstore.claim-timeout} and the others' processors claim the segments,
 * since each has a thread per segment. Groups with one segment (a policy that must see events in one order, or a
 * group not split) just fail over.
 */
public class SegmentBalancer {
    private static final Logger log = LoggerFactory.getLogger(SegmentBalancer.class);

    private final ServiceNodes nodes;
    private final EventProcessingConfiguration processing;
    private final TokenStore tokens;
    private final TransactionManager transactions;
    private final Duration releaseFor;
    private final AtomicInteger liveNodes = new AtomicInteger(1);
    private volatile boolean failing;

    public SegmentBalancer(ServiceNodes nodes, EventProcessingConfiguration processing, TokenStore tokens,
                           TransactionManager transactions, Duration releaseFor) {
        this.nodes = nodes;
        this.processing = processing;
        this.tokens = tokens;
        this.transactions = transactions;
        this.releaseFor = releaseFor;
    }

    /** One round: heartbeat, then release what this node holds beyond its share. Never throws. */
    public void round() {
        try {
            int live = nodes.heartbeat();
            liveNodes.set(live);
            processing.eventProcessors().forEach((name, processor) -> {
                if (processor instanceof StreamingEventProcessor streaming && streaming.isRunning()) {
                    balance(name, streaming, live);
                }
            });
            if (failing) {
                log.info("Segment balancing works again ({} live node(s))", live);
                failing = false;
            }
        } catch (RuntimeException e) {
            if (!failing) {
                log.warn("Segment balancing failed (is the store down?): {}", e.toString());
                failing = true;
            }
        }
    }

    private void balance(String name, StreamingEventProcessor processor, int live) {
        List<Integer> held = processor.processingStatus().keySet().stream().sorted().toList();
        if (held.size() <= 1) {
            return;
        }
        int segments = transactions.fetchInTransaction(() -> tokens.fetchSegments(name)).length;
        int share = Math.max(1, (segments + live - 1) / live);
        for (int i = held.size() - 1; i >= share; i--) {
            int segment = held.get(i);
            log.info("Processor {}: releasing segment {} for another node ({} live nodes, {} segments, share {})",
                    name, segment, live, segments, share);
            processor.releaseSegment(segment, releaseFor.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** The live nodes counted in the last round. */
    public int liveNodes() {
        return liveNodes.get();
    }
}
