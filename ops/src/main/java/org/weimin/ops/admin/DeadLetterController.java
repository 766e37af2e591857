package org.weimin.ops.admin;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.deadletter.jdbc.JdbcDeadLetter;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.SequencedDeadLetterProcessor;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.weimin.events.DomainException;
import org.weimin.events.ErrorCode;
import org.weimin.events.cases.CaseEvent;

/**
 * The dead-letter queues of the read-model groups (role administrator). A handler that fails on an event parks it
 * with every later event of the same case (one sequence per case) while other cases flow on; these endpoints list
 * the parked events and process them again once the fault is fixed.
 *
 * <ul>
 *   <li>{@code GET /api/admin/projections/{group}/dead-letters}: {@link DeadLetterList}</li>
 *   <li>{@code POST /api/admin/projections/{group}/dead-letters/retry}: tries every parked sequence once, each in
 *       order from its first event; a sequence that fails again stays parked (its {@code attempts} grows), see
 *       {@link RetryResult}</li>
 * </ul>
 * Errors: {@code PROCESSING_GROUP_NOT_FOUND} (404) for an unknown group, {@code NO_DEAD_LETTER_QUEUE} (409) for a
 * group without a queue.
 */
@RestController
public class DeadLetterController {
    private final ProjectionGroups groups;
    private final EventProcessingConfiguration processing;
    private final TransactionManager transactions;

    public DeadLetterController(ProjectionGroups groups, EventProcessingConfiguration processing,
                                TransactionManager transactions) {
        this.groups = groups;
        this.processing = processing;
        this.transactions = transactions;
    }

    /**
     * One parked event.
     *
     * @param sequenceId    the sequence it belongs to: the case id for case events
     * @param sequenceIndex its place in the sequence (ascending, not necessarily contiguous)
     * @param eventId       the event's message identifier
     * @param eventType     the event's simple class name, e.g. {@code CaseReceived}
     * @param caseId        the case, for case events; null otherwise
     * @param caseSequence  the event's sequence number within its case; null for events of no aggregate
     * @param globalIndex   the event's position in the event store; null when unknown
     * @param causeType     class name of the failure's innermost cause; null for an event parked only because an
     *                      earlier event of its sequence is parked
     * @param causeMessage  redacted description of the failure (type and throw site, never the exception's message:
     *                      it may carry personal data); null as for {@code causeType}
     * @param enqueuedAt    when it was parked (UTC instant)
     * @param lastTouched   when it was last parked or retried
     * @param diagnostics   {@code attempts}, {@code throwSite}, {@code causeChain} (see {@link RedactingDeadLetterPolicy})
     */
    public record DeadLetterView(String sequenceId, Long sequenceIndex, String eventId, String eventType,
                                 String caseId, Long caseSequence, Long globalIndex, String causeType,
                                 String causeMessage, Instant enqueuedAt, Instant lastTouched,
                                 Map<String, Object> diagnostics) {
    }

    /**
     * The parked events of a group.
     *
     * @param sequences   how many sequences (cases) are parked
     * @param deadLetters the parked events, sequence by sequence, each sequence in processing order
     */
    public record DeadLetterList(String group, long sequences, long deadLetters, List<DeadLetterView> letters) {
    }

    /**
     * Outcome of a retry.
     *
     * @param attempted          sequences tried (each once)
     * @param succeeded          sequences processed to their end and so removed from the queue
     * @param remainingSequences sequences still parked afterwards (failed again, or parked meanwhile)
     * @param remainingLetters   events still parked afterwards
     */
    public record RetryResult(String group, int attempted, int succeeded, long remainingSequences,
                              long remainingLetters) {
    }

    /**
     * The parked events of {@code group}, sequence by sequence.
     *
     * @throws DomainException {@code PROCESSING_GROUP_NOT_FOUND} (404), {@code NO_DEAD_LETTER_QUEUE} (409)
     */
    @GetMapping("/api/admin/projections/{group}/dead-letters")
    public DeadLetterList list(@PathVariable String group) {
        SequencedDeadLetterQueue<EventMessage<?>> queue = groups.requireDeadLetterQueue(group);
        List<DeadLetterView> letters = transactions.fetchInTransaction(() -> {
            List<DeadLetterView> views = new ArrayList<>();
            for (Iterable<DeadLetter<? extends EventMessage<?>>> sequence : queue.deadLetters()) {
                for (DeadLetter<? extends EventMessage<?>> letter : sequence) {
                    views.add(view(letter));
                }
            }
            return views;
        });
        long sequences = letters.stream().map(DeadLetterView::sequenceId).distinct().count();
        return new DeadLetterList(group, sequences, letters.size(), letters);
    }

    /**
     * Tries each sequence parked now once, on this request's thread, and answers when all were tried. A sequence
     * that fails again stays parked with its attempts counted; one that succeeds is applied exactly once.
     *
     * @throws DomainException {@code PROCESSING_GROUP_NOT_FOUND} (404), {@code NO_DEAD_LETTER_QUEUE} (409)
     */
    @PostMapping("/api/admin/projections/{group}/dead-letters/retry")
    public RetryResult retry(@PathVariable String group) {
        SequencedDeadLetterQueue<EventMessage<?>> queue = groups.requireDeadLetterQueue(group);
        SequencedDeadLetterProcessor<EventMessage<?>> processor = processing.sequencedDeadLetterProcessor(group)
                .orElseThrow(() -> new DomainException(ErrorCode.NO_DEAD_LETTER_QUEUE,
                        "Processing group '" + group + "' has no dead-letter processor."));
        // The first event of each parked sequence, as the queue stands now: each sequence is tried once.
        List<String> firstEvents = transactions.fetchInTransaction(() -> {
            List<String> ids = new ArrayList<>();
            for (Iterable<DeadLetter<? extends EventMessage<?>>> sequence : queue.deadLetters()) {
                for (DeadLetter<? extends EventMessage<?>> letter : sequence) {
                    ids.add(letter.message().getIdentifier());
                    break;
                }
            }
            return ids;
        });
        int succeeded = 0;
        for (String first : firstEvents) {
            if (processor.process(letter -> letter.message().getIdentifier().equals(first))) {
                succeeded++;
            }
        }
        long sequences = transactions.fetchInTransaction(queue::amountOfSequences);
        long letters = transactions.fetchInTransaction(queue::size);
        return new RetryResult(group, firstEvents.size(), succeeded, sequences, letters);
    }

    private static DeadLetterView view(DeadLetter<? extends EventMessage<?>> letter) {
        EventMessage<?> message = letter.message();
        String sequenceId = null;
        Long sequenceIndex = null;
        if (letter instanceof JdbcDeadLetter<?> jdbc) {
            sequenceId = jdbc.getSequenceIdentifier();
            sequenceIndex = jdbc.getSequenceIndex();
        }
        String caseId = message.getPayload() instanceof CaseEvent event ? event.caseId().value() : null;
        Long caseSequence = message instanceof DomainEventMessage<?> domain ? domain.getSequenceNumber() : null;
        if (sequenceId == null) {
            sequenceId = message instanceof DomainEventMessage<?> domain ? domain.getAggregateIdentifier()
                    : message.getIdentifier();
        }
        Long globalIndex = message instanceof TrackedEventMessage<?> tracked && tracked.trackingToken() != null
                && tracked.trackingToken().position().isPresent() ? tracked.trackingToken().position().getAsLong()
                : null;
        Map<String, Object> diagnostics = new LinkedHashMap<>(letter.diagnostics());
        return new DeadLetterView(sequenceId, sequenceIndex, message.getIdentifier(),
                message.getPayloadType().getSimpleName(), caseId, caseSequence, globalIndex,
                letter.cause().map(c -> c.type()).orElse(null), letter.cause().map(c -> c.message()).orElse(null),
                letter.enqueuedAt(), letter.lastTouched(), diagnostics);
    }
}
