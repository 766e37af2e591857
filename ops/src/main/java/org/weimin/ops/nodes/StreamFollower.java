package org.weimin.ops.nodes;

import java.util.function.BooleanSupplier;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.weimin.command.calendar.RevisableWorkingCalendar;
import org.weimin.command.reference.LiveReferenceData;
import org.weimin.events.calendar.CalendarEvent;
import org.weimin.events.calendar.CalendarRevised;
import org.weimin.events.reference.ReferenceEvent;

/**
 * Keeps this node's in-memory snapshots in step with changes recorded by other nodes on the shared store: the working
 * calendar ({@link RevisableWorkingCalendar}) and the reference data ({@link LiveReferenceData}). Each round asks the
 * store for the last sequence number of the two streams (one key lookup each) and folds in only events past what this
 * node applied. The node that records a change applies it in the command's own unit of work (subscribing listeners),
 * so only the other nodes wait for a round. Both folds are idempotent (an event at or below the revision in force is
 * ignored; a calendar year applied twice changes nothing).
 *
 * <p>It waits while the start-up replays have not run ({@code started} false: Axon Server unreachable at start,
 * {@link org.weimin.ops.StoreStartupSteps}): they set the baseline it follows from, and the one log line about the
 * outage is the reachability check's.
 */
public class StreamFollower {
    private static final Logger log = LoggerFactory.getLogger(StreamFollower.class);

    private final EventStore events;
    private final RevisableWorkingCalendar calendar;
    private final LiveReferenceData reference;
    private final BooleanSupplier started;
    private long calendarApplied = -1;
    private volatile boolean failing;

    /**
     * @param started whether this node's start-up replays of the two streams have run (until then a round does
     *                nothing)
     */
    public StreamFollower(EventStore events, RevisableWorkingCalendar calendar, LiveReferenceData reference,
                          BooleanSupplier started) {
        this.events = events;
        this.calendar = calendar;
        this.reference = reference;
        this.started = started;
    }

    /** One round; never throws (a store outage is logged once, and the next round tries again). */
    public synchronized void round() {
        if (!started.getAsBoolean()) {
            return;
        }
        try {
            long calendarLast = events.lastSequenceNumberFor(CalendarEvent.CALENDAR_ID).orElse(-1L);
            if (calendarLast > calendarApplied) {
                events.readEvents(CalendarEvent.CALENDAR_ID, calendarApplied + 1).asStream()
                        .filter(m -> m.getPayload() instanceof CalendarRevised)
                        .forEach(m -> calendar.apply((CalendarRevised) m.getPayload()));
                calendarApplied = calendarLast;
            }
            long referenceLast = events.lastSequenceNumberFor(ReferenceEvent.REFERENCE_DATA_ID).orElse(-1L);
            long revision = reference.model().revision();
            if (referenceLast > revision) {
                events.readEvents(ReferenceEvent.REFERENCE_DATA_ID, revision + 1).asStream()
                        .filter(m -> m.getPayload() instanceof ReferenceEvent)
                        .forEach(m -> reference.apply((ReferenceEvent) m.getPayload(),
                                ((DomainEventMessage<?>) m).getSequenceNumber()));
                log.info("Reference data: followed the store to revision {}", reference.model().revision());
            }
            failing = false;
        } catch (RuntimeException e) {
            if (!failing) {
                log.warn("Following calendar and reference-data changes failed (is the store down?): {}",
                        e.toString());
                failing = true;
            }
        }
    }
}
