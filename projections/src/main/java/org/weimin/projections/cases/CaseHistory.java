package org.weimin.projections.cases;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Component;
import org.weimin.events.CaseId;
import org.weimin.events.cases.CaseEvent;
import org.weimin.events.cases.CaseReceived;
import org.weimin.events.privacy.PersonalDataVault;

/**
 * The case as the record stood at a past recording time ({@code asOf} means recording time: "what the record showed
 * at T", rules.md "Actors and time"): the case's events recorded at or before T, folded in memory by the same
 * handlers that build the live case document. Reads one aggregate's stream by key; writes nothing.
 */
@Component
public class CaseHistory {
    private final EventStore events;
    private final PersonalDataVault vault;

    public CaseHistory(EventStore events, PersonalDataVault vault) {
        this.events = events;
        this.vault = vault;
    }

    /** A case folded from all its events, with its receipt (whose sealed applicant data the caller may open). */
    public record Folded(CaseView view, CaseReceived receipt) {
    }

    /**
     * Folds every event of the case recorded so far, whatever its recording time.
     *
     * @param now the time the fold's clock shows (only {@code updatedAt}-style fields use it)
     * @return empty when the case has no events
     */
    public Optional<Folded> current(CaseId caseId, Instant now) {
        MemoryStore store = new MemoryStore();
        CaseViewProjection fold = new CaseViewProjection(store, vault, Clock.fixed(now, ZoneOffset.UTC));
        AnnotationEventHandlerAdapter handlers = new AnnotationEventHandlerAdapter(fold);
        CaseReceived[] receipt = new CaseReceived[1];
        events.readEvents(caseId.value()).asStream().forEach(message -> {
            if (message.getPayload() instanceof CaseReceived received) {
                receipt[0] = received;
            }
            handle(handlers, message, caseId);
        });
        return store.byId(caseId).map(view -> new Folded(view, receipt[0]));
    }

    private static void handle(AnnotationEventHandlerAdapter handlers, DomainEventMessage<?> message, CaseId caseId) {
        try {
            handlers.handle(message);
        } catch (Exception e) {
            throw new IllegalStateException("cannot fold event " + message.getSequenceNumber() + " of case " + caseId,
                    e);
        }
    }

    /**
     * @return the case document as of {@code asOf}; empty when the case did not exist yet (or does not exist)
     */
    public Optional<CaseView> asOf(CaseId caseId, Instant asOf) {
        MemoryStore store = new MemoryStore();
        CaseViewProjection fold = new CaseViewProjection(store, vault, Clock.fixed(asOf, ZoneOffset.UTC));
        AnnotationEventHandlerAdapter handlers = new AnnotationEventHandlerAdapter(fold);
        events.readEvents(caseId.value()).asStream()
                .filter(message -> recordedAt(message).compareTo(asOf) <= 0)
                .forEach(message -> handle(handlers, message, caseId));
        return store.byId(caseId);
    }

    private static Instant recordedAt(DomainEventMessage<?> message) {
        return message.getPayload() instanceof CaseEvent event ? event.recordedAt() : message.getTimestamp();
    }

    /** A store that lives for one fold. */
    private static final class MemoryStore implements CaseViewStore {
        private final Map<String, CaseView> views = new HashMap<>();

        @Override
        public Optional<CaseView> byId(CaseId caseId) {
            return Optional.ofNullable(views.get(caseId.value()));
        }

        @Override
        public void save(CaseView view) {
            views.put(view.caseId, view);
        }

        @Override
        public void clear() {
            views.clear();
        }
    }
}
