package org.weimin.ops.admin;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.weimin.events.DomainException;
import org.weimin.events.ErrorCode;

/**
 * The default {@link ProjectionRebuild} of a replayable streaming group: shut its processor down, empty its
 * dead-letter queue (the replay meets every parked event again, and parks it again if it still fails), reset its
 * tokens to the start of the stream (which calls the group's {@code @ResetHandler}s: they clear the read model), and
 * start it. The processor replays up to the position it had at the reset and then goes on streaming, so events
 * appended during the rebuild are processed once it has caught up. While it replays, the read model is incomplete.
 *
 * <p>One rebuild of a group at a time in this service. Resetting needs every segment's claim: with several nodes,
 * the others must not be processing the group (the reset then fails with {@link ErrorCode#REBUILD_NOT_ALLOWED}).
 */
public class TokenResetRebuild implements ProjectionRebuild {
    private static final Logger log = LoggerFactory.getLogger(TokenResetRebuild.class);
    private static final long WATCH_INTERVAL_MILLIS = 100;

    private final String group;
    private final StreamingEventProcessor processor;
    private final SequencedDeadLetterQueue<EventMessage<?>> deadLetters;
    private final EventStoreHead head;
    private final Clock clock;
    private final TransactionManager transactions;
    private final ScheduledExecutorService watcher;
    private Run latest;

    /**
     * @param deadLetters the group's dead-letter queue, or null when it has none
     * @param watcher     runs the check that records when the replay has caught up
     */
    public TokenResetRebuild(String group, StreamingEventProcessor processor,
                             SequencedDeadLetterQueue<EventMessage<?>> deadLetters, EventStoreHead head, Clock clock,
                             TransactionManager transactions, ScheduledExecutorService watcher) {
        this.group = group;
        this.processor = processor;
        this.deadLetters = deadLetters;
        this.head = head;
        this.clock = clock;
        this.transactions = transactions;
        this.watcher = watcher;
    }

    @Override
    public String group() {
        return group;
    }

    @Override
    public synchronized RebuildProgress start() {
        if (latest != null && !progressOf(latest).done()) {
            throw new DomainException(ErrorCode.REBUILD_IN_PROGRESS, "A rebuild of '" + group
                    + "' is still running; follow it with GET /api/admin/projections/" + group + "/rebuild.");
        }
        long headIndex = head.headIndex().orElse(-1);
        long total = headIndex < 0 ? 0 : head.countUpTo(headIndex);
        log.info("Rebuilding processing group {}: replaying {} events (up to global index {})", group, total,
                headIndex);
        processor.shutDown();
        try {
            if (deadLetters != null) {
                transactions.executeInTransaction(deadLetters::clear);
            }
            processor.resetTokens();
        } catch (RuntimeException e) {
            log.warn("Rebuild of {} could not reset the tokens: {}", group, FailureSummary.of(e).message());
            throw new DomainException(ErrorCode.REBUILD_NOT_ALLOWED, "The tokens of '" + group
                    + "' could not be reset (" + e.getClass().getSimpleName()
                    + "); another node may be processing the group. The processor goes on where it was.");
        } finally {
            processor.start();
        }
        Run run = new Run(clock.instant(), System.nanoTime(), headIndex, total);
        latest = run;
        run.watch = watcher.scheduleWithFixedDelay(() -> {
            if (progressOf(run).done() && run.watch != null) {
                run.watch.cancel(false);
            }
        }, WATCH_INTERVAL_MILLIS, WATCH_INTERVAL_MILLIS, TimeUnit.MILLISECONDS);
        return progressOf(run);
    }

    @Override
    public RebuildProgress progress() {
        Run run;
        synchronized (this) {
            run = latest;
        }
        return run == null ? RebuildProgress.notStarted(group) : progressOf(run);
    }

    private RebuildProgress progressOf(Run run) {
        Map<Integer, EventTrackerStatus> status = processor.processingStatus();
        long position = position(status);
        synchronized (run) {
            if (run.finishedAt == null && caughtUp(status, position, run.headIndex)) {
                run.finishedAt = clock.instant();
                run.finishNanos = System.nanoTime();
                log.info("Rebuild of processing group {} caught up: {} events", group, run.total);
            }
            boolean done = run.finishedAt != null;
            long processed = done ? run.total
                    : run.headIndex < 0 || position < 0 ? 0 : head.countUpTo(Math.min(position, run.headIndex));
            long elapsedNanos = (done ? run.finishNanos : System.nanoTime()) - run.startNanos;
            double rate = elapsedNanos <= 0 ? 0 : processed / (elapsedNanos / 1e9);
            return new RebuildProgress(group, done ? "DONE" : "RUNNING", processed, run.total, rate, done,
                    run.startedAt, run.finishedAt);
        }
    }

    /**
     * Every segment has processed the head at the start. Not "no longer replaying": Axon ends a replay only with the
     * first event past the position at the reset, so on a quiet system the processor stays "replaying" after it has
     * replayed everything.
     */
    private boolean caughtUp(Map<Integer, EventTrackerStatus> status, long position, long headIndex) {
        return processor.isRunning() && !status.isEmpty() && position >= headIndex;
    }

    /** The lowest position over the segments; -1 when none has a position yet. */
    static long position(Map<Integer, EventTrackerStatus> status) {
        if (status.isEmpty()) {
            return -1;
        }
        long min = Long.MAX_VALUE;
        for (EventTrackerStatus segment : status.values()) {
            min = Math.min(min, segment.getCurrentPosition().orElse(-1));
        }
        return min;
    }

    /** One rebuild: fixed at its start, finished when first seen caught up. */
    private static final class Run {
        final Instant startedAt;
        final long startNanos;
        final long headIndex;
        final long total;
        Instant finishedAt;
        long finishNanos;
        volatile ScheduledFuture<?> watch;

        Run(Instant startedAt, long startNanos, long headIndex, long total) {
            this.startedAt = startedAt;
            this.startNanos = startNanos;
            this.headIndex = headIndex;
            this.total = total;
        }
    }
}
