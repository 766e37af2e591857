package org.weimin.projections.supervision;

import java.util.Collection;
import java.util.List;
import java.util.function.Predicate;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;
import org.weimin.events.cases.CaseDeemedAccepted;
import org.weimin.events.cases.CaseEscalated;
import org.weimin.events.cases.ExtensionApproved;
import org.weimin.events.cases.ExtensionRefused;
import org.weimin.events.cases.ExtensionRequested;

/**
 * Builds {@link SupervisorQueue} documents. Idempotent: an entry is keyed by case and event sequence, and a decided
 * extension request leaves the queue; replaying changes nothing.
 */
@Component
@ProcessingGroup(SupervisorQueueProjection.PROCESSING_GROUP)
public class SupervisorQueueProjection {
    public static final String PROCESSING_GROUP = "supervisor-queue";
    private final MongoOperations mongo;

    public SupervisorQueueProjection(MongoOperations mongo) {
        this.mongo = mongo;
    }

    /**
     * Before a replay of the group (an administrator's rebuild): the queues and the request pointers go, so that the
     * replay builds them afresh from the events.
     */
    @ResetHandler
    void onReset() {
        if (mongo.collectionExists(SupervisorQueue.class)) { // the embedded server logs an error for a missing one
            mongo.dropCollection(SupervisorQueue.class);
        }
        if (mongo.collectionExists(RequestPointer.class)) { // the embedded server logs an error for a missing one
            mongo.dropCollection(RequestPointer.class);
        }
    }

    @EventHandler
    void on(CaseEscalated event, @SequenceNumber long sequence) {
        add(event.toUnit().value(), new SupervisorQueue.Entry(event.caseId().value(), sequence, "ESCALATED",
                event.holder().value(), event.occurredAt(), event.reason()));
    }

    @EventHandler
    void on(CaseDeemedAccepted event, @SequenceNumber long sequence) {
        add(event.unit().value(), new SupervisorQueue.Entry(event.caseId().value(), sequence, "DEEMED_ACCEPTED",
                event.unit().value(), event.occurredAt(), "return window closed at " + event.returnWindowClosedAt()));
    }

    /**
     * Where an extension request's entry was queued, and whether it was decided: the decision removes the entry from
     * that queue even after the case moved on, and a redelivered request that was already decided stays out.
     */
    @org.springframework.data.mongodb.core.mapping.Document(collection = "supervisor_queue_requests")
    record RequestPointer(@org.springframework.data.annotation.Id String id, String unit, boolean decided) {
    }

    @EventHandler
    void on(ExtensionRequested event, @SequenceNumber long sequence) {
        String pointerId = event.caseId().value() + "#" + event.requestNumber();
        RequestPointer known = mongo.findById(pointerId, RequestPointer.class);
        if (known != null && known.decided()) {
            return;
        }
        mongo.save(new RequestPointer(pointerId, event.holder().value(), false));
        add(event.holder().value(), new SupervisorQueue.Entry(event.caseId().value(), sequence, "EXTENSION_REQUESTED",
                event.holder().value(), event.occurredAt(),
                "request " + event.requestNumber() + ": " + event.workingDays() + " working days"));
    }

    @EventHandler
    void on(ExtensionApproved event) {
        decided(event.caseId().value(), event.requestNumber(), event.holder().value());
    }

    @EventHandler
    void on(ExtensionRefused event) {
        decided(event.caseId().value(), event.requestNumber(), event.holder().value());
    }

    private void decided(String caseId, int requestNumber, String holderAtDecision) {
        String pointerId = caseId + "#" + requestNumber;
        RequestPointer pointer = mongo.findById(pointerId, RequestPointer.class);
        String unit = pointer == null ? holderAtDecision : pointer.unit();
        mongo.save(new RequestPointer(pointerId, unit, true));
        removeExtension(unit, caseId, requestNumber);
    }

    /**
     * Removes every entry at a sequence its case has not reached in the event store, for the start-up repair after
     * events were lost in a crash (ops {@code LostEventRepair}): a left-over entry would hide the real event that later
     * takes that sequence, since entries are idempotent by case and sequence.
     *
     * @param storedSequence case id → the case's newest sequence in the store (-1 for none)
     * @return how many entries were removed
     */
    public int removeEntriesBeyond(java.util.function.ToLongFunction<String> storedSequence) {
        int removed = 0;
        for (SupervisorQueue queue : mongo.findAll(SupervisorQueue.class)) {
            for (SupervisorQueue.Entry entry : queue.entries) {
                if (entry.sequence() > storedSequence.applyAsLong(entry.caseId())) {
                    // $pull of this entry only: a processor on another node may add to the same queue meanwhile.
                    removed += (int) mongo.updateFirst(
                            Query.query(Criteria.where("_id").is(queue.unit)),
                            new Update().pull("entries",
                                    new Document("caseId", entry.caseId()).append("sequence", entry.sequence())),
                            SupervisorQueue.class).getModifiedCount();
                }
            }
        }
        return removed;
    }

    /** The queues of the given units (a supervisor's subtree), each fetched by key. */
    public List<SupervisorQueue> queues(Collection<String> units) {
        return units.stream().map(unit -> mongo.findById(unit, SupervisorQueue.class))
                .filter(java.util.Objects::nonNull).toList();
    }

    private void add(String unit, SupervisorQueue.Entry entry) {
        SupervisorQueue queue = mongo.findById(unit, SupervisorQueue.class);
        if (queue == null) {
            queue = new SupervisorQueue();
            queue.unit = unit;
        }
        boolean present = queue.entries.stream()
                .anyMatch(e -> e.caseId().equals(entry.caseId()) && e.sequence() == entry.sequence());
        if (!present) {
            queue.entries.add(entry);
            mongo.save(queue);
        }
    }

    private void removeExtension(String unit, String caseId, int requestNumber) {
        String prefix = "request " + requestNumber + ":";
        Predicate<SupervisorQueue.Entry> decided = e -> e.caseId().equals(caseId)
                && e.kind().equals("EXTENSION_REQUESTED") && e.detail().startsWith(prefix);
        SupervisorQueue queue = mongo.findById(unit, SupervisorQueue.class);
        if (queue != null && queue.entries.removeIf(decided)) {
            mongo.save(queue);
        }
    }
}
