package org.weimin.ops.nodes;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
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
 *
 * <p><b>Upgrading a store to more segments.</b> Axon 4.13 applies a processor's {@code initial-segment-count} only
 * when the group has no token rows at all ({@code TokenStore#fetchSegments} empty at start); a store whose group was
 * created with one segment keeps one. So each round, for a group with fewer token rows than its configured count
 * ({@code configuredSegments}), this node asks its processor to split the held segment with the widest share
 * ({@code StreamingEventProcessor#splitSegment}, one split per group and round): Axon's worker thread that holds the
 * claim splits it, so no other thread processes the old, wider segment meanwhile, and both halves start from the
 * old token (the events the old segment had processed are not processed again). A split needs the segment claimed
 * here, so only the node holding it splits. The new half is claimed by a spare thread (or, with several nodes, the
 * balancer releases it as above).
 */
public class SegmentBalancer {
    private static final Logger log = LoggerFactory.getLogger(SegmentBalancer.class);

    private final ServiceNodes nodes;
    private final EventProcessingConfiguration processing;
    private final TokenStore tokens;
    private final TransactionManager transactions;
    private final Duration releaseFor;
    private final Map<String, Integer> configuredSegments;
    private final AtomicInteger liveNodes = new AtomicInteger(1);
    private volatile boolean failing;

    /**
     * @param releaseFor         how long a released segment is left to the other nodes
     * @param configuredSegments per processing group, the configured segment count
     *                           ({@code axon.eventhandling.processors.<group>.initial-segment-count}); a group missing
     *                           here is never split
     */
    public SegmentBalancer(ServiceNodes nodes, EventProcessingConfiguration processing, TokenStore tokens,
                           TransactionManager transactions, Duration releaseFor,
                           Map<String, Integer> configuredSegments) {
        this.nodes = nodes;
        this.processing = processing;
        this.tokens = tokens;
        this.transactions = transactions;
        this.releaseFor = releaseFor;
        this.configuredSegments = Map.copyOf(configuredSegments);
    }

    /**
     * One round: heartbeat, then split a group's held segment when the store has fewer than configured (see the class
     * comment) and release what this node holds beyond its share. Never throws.
     */
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
        Map<Integer, EventTrackerStatus> status = processor.processingStatus();
        List<Integer> held = status.keySet().stream().sorted().toList();
        if (held.isEmpty()) {
            return;
        }
        int segments = transactions.fetchInTransaction(() -> tokens.fetchSegments(name)).length;
        if (segments < configuredSegments.getOrDefault(name, 0)) {
            split(name, processor, status, segments);
            return;
        }
        if (held.size() <= 1) {
            return;
        }
        int share = Math.max(1, (segments + live - 1) / live);
        for (int i = held.size() - 1; i >= share; i--) {
            int segment = held.get(i);
            log.info("Processor {}: releasing segment {} for another node ({} live nodes, {} segments, share {})",
                    name, segment, live, segments, share);
            processor.releaseSegment(segment, releaseFor.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** Asks the processor to split the held segment with the widest share (the smallest mask). */
    private void split(String name, StreamingEventProcessor processor, Map<Integer, EventTrackerStatus> status,
                       int segments) {
        int widest = status.values().stream().map(EventTrackerStatus::getSegment)
                .min(Comparator.comparingInt(segment -> segment.getMask())).orElseThrow().getSegmentId();
        log.info("Processor {}: splitting segment {} ({} segment(s) in the token store, {} configured)", name, widest,
                segments, configuredSegments.get(name));
        processor.splitSegment(widest).whenComplete((done, failure) -> {
            if (failure != null || !Boolean.TRUE.equals(done)) {
                log.warn("Processor {}: splitting segment {} did not happen ({}); the next round tries again", name,
                        widest, failure == null ? "not claimed here any more" : failure.toString());
            }
        });
    }

    /** The live nodes counted in the last round. */
    public int liveNodes() {
        return liveNodes.get();
    }
}
