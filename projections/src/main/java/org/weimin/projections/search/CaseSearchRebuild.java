package org.weimin.projections.search;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.weimin.events.CaseId;
import org.weimin.events.cases.CaseReceived;

/**
 * Rebuilds the case search index from the event store while live events keep flowing, then switches the alias with
 * no gap and no duplicate (issue 5):
 * <ol>
 *   <li>a new index with the current mapping is created behind {@code <prefix>-cases-rebuilding}, and the live
 *       projection starts writing every batch to it as well as to the live index;</li>
 *   <li>the head of the event stream is noted <em>after</em> that, and every case received up to the head is folded
 *       from its events and written to the new index (anything later reaches it through the live projection);</li>
 *   <li>the alias is moved to the new index and the rebuilding alias removed in one atomic alias request, the live
 *       projection goes back to writing the alias alone, and the old index is deleted.</li>
 * </ol>
 * A case is a document under its case id with its last event sequence as external version, so the backfill and the
 * live writes cannot duplicate a case or overwrite a newer fold with an older one. One rebuild at a time per node.
 */
public class CaseSearchRebuild {
    private static final Logger log = LoggerFactory.getLogger(CaseSearchRebuild.class);
    private static final int BATCH = 200;

    private final CaseSearchIndex index;
    private final CaseSearchProjection projection;
    private final EventStore events;
    private final Clock clock;
    private volatile Progress progress;
    private Thread worker;

    public CaseSearchRebuild(CaseSearchIndex index, CaseSearchProjection projection, EventStore events, Clock clock) {
        this.index = index;
        this.projection = projection;
        this.events = events;
        this.clock = clock;
    }

    /**
     * A rebuild's progress: events scanned, cases indexed, events per second over the run, the head position it
     * scans to, the new index, and its end (state RUNNING, DONE, or FAILED with a message).
     */
    public record Progress(String state, String newIndex, String oldIndex, long headPosition, long eventsScanned,
                           long casesIndexed, double eventsPerSecond, Instant startedAt, Instant finishedAt,
                           String error) {
        public boolean running() {
            return state.equals("RUNNING");
        }
    }

    /** The last rebuild's progress, if one ran since start. */
    public java.util.Optional<Progress> progress() {
        return java.util.Optional.ofNullable(progress);
    }

    /**
     * Starts a rebuild in the background.
     *
     * @return its initial progress
     * @throws IllegalStateException when a rebuild is already running
     * @throws SearchUnavailableException when Elasticsearch cannot be reached
     */
    public synchronized Progress start() {
        if (progress != null && progress.running()) {
            throw new IllegalStateException("A rebuild of the search index is already running.");
        }
        index.ensureReady();
        String oldIndex;
        String newIndex;
        try {
            oldIndex = index.indexBehind(index.alias()).orElse(null);
            index.indexBehind(index.rebuildAlias()).ifPresent(stale -> {
                log.warn("Deleting index {} left behind by an interrupted rebuild", stale);
                index.delete(stale);
            });
            newIndex = index.createIndex(index.rebuildAlias(), true);
        } catch (java.io.IOException | RuntimeException e) {
            throw new SearchUnavailableException("cannot create the index to rebuild into: " + e, e);
        }
        projection.rebuildStarted();
        TrackingToken head = events.createHeadToken();
        long headPosition = head == null ? -1 : head.position().orElse(-1);
        Instant started = clock.instant();
        progress = new Progress("RUNNING", newIndex, oldIndex, headPosition, 0, 0, 0, started, null, null);
        worker = new Thread(() -> run(oldIndex, newIndex, headPosition, started), "case-search-rebuild");
        worker.setDaemon(true);
        worker.start();
        log.info("Search index rebuild into {} started (head position {})", newIndex, headPosition);
        return progress;
    }

    private void run(String oldIndex, String newIndex, long headPosition, Instant started) {
        long scanned = 0;
        long indexed = 0;
        long startNanos = System.nanoTime();
        try {
            if (headPosition >= 0) {
                List<CaseId> pending = new ArrayList<>(BATCH);
                try (BlockingStream<TrackedEventMessage<?>> stream = events.openStream(null)) {
                    while (stream.hasNextAvailable(5, TimeUnit.SECONDS)) {
                        TrackedEventMessage<?> message = stream.nextAvailable();
                        long position = message.trackingToken().position().orElse(Long.MAX_VALUE);
                        if (position > headPosition) {
                            break;
                        }
                        scanned++;
                        if (message instanceof DomainEventMessage<?> domain
                                && message.getPayload() instanceof CaseReceived) {
                            pending.add(new CaseId(domain.getAggregateIdentifier()));
                        }
                        if (pending.size() >= BATCH) {
                            indexed += flush(pending);
                        }
                        if (scanned % 1000 == 0) {
                            progress = running(newIndex, oldIndex, headPosition, scanned, indexed, startNanos, started);
                        }
                        if (position >= headPosition) {
                            break;
                        }
                    }
                }
                indexed += flush(pending);
            }
            index.client().indices().refresh(r -> r.index(newIndex));
            String alias = index.alias();
            String rebuildAlias = index.rebuildAlias();
            index.client().indices().updateAliases(u -> {
                u.actions(a -> a.add(add -> add.index(newIndex).alias(alias).isWriteIndex(true)));
                u.actions(a -> a.remove(r -> r.index(newIndex).alias(rebuildAlias)));
                if (oldIndex != null) {
                    u.actions(a -> a.remove(r -> r.index(oldIndex).alias(alias)));
                }
                return u;
            });
            projection.rebuildFinished();
            if (oldIndex != null) {
                index.delete(oldIndex);
            }
            index.recheck();
            progress = new Progress("DONE", newIndex, oldIndex, headPosition, scanned, indexed,
                    rate(scanned, startNanos), started, clock.instant(), null);
            log.info("Search index rebuilt into {}: {} events scanned, {} cases indexed in {}", newIndex, scanned,
                    indexed, Duration.ofNanos(System.nanoTime() - startNanos));
        } catch (Exception e) {
            projection.rebuildFinished();
            try {
                index.delete(newIndex);
            } catch (RuntimeException cleanup) {
                e.addSuppressed(cleanup);
            }
            progress = new Progress("FAILED", newIndex, oldIndex, headPosition, scanned, indexed,
                    rate(scanned, startNanos), started, clock.instant(), e.toString());
            log.error("Search index rebuild into {} failed; the live index {} is unchanged", newIndex, oldIndex, e);
        }
    }

    private int flush(List<CaseId> pending) {
        List<CaseSearchDocument> docs = new ArrayList<>(pending.size());
        for (CaseId id : pending) {
            projection.document(id).ifPresent(docs::add);
        }
        index.write(docs, List.of(index.rebuildAlias()));
        int n = pending.size();
        pending.clear();
        return n;
    }

    private Progress running(String newIndex, String oldIndex, long head, long scanned, long indexed, long startNanos,
                             Instant started) {
        return new Progress("RUNNING", newIndex, oldIndex, head, scanned, indexed, rate(scanned, startNanos), started,
                null, null);
    }

    private static double rate(long events, long startNanos) {
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        return seconds <= 0 ? 0 : Math.round(events / seconds * 10) / 10.0;
    }
}
