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

    /**
     * @return the case document as of {@code asOf}; empty when the case did not exist yet (or does not exist)
     */
    public Optional<CaseView> asOf(CaseId caseId, Instant asOf) {
        MemoryStore store = new MemoryStore();
        CaseViewProjection fold = new CaseViewProjection(store, vault, Clock.fixed(asOf, ZoneOffset.UTC));
        AnnotationEventHandlerAdapter handlers = new AnnotationEventHandlerAdapter(fold);
        events.readEvents(caseId.value()).asStream()
                .filter(message -> recordedAt(message).compareTo(asOf) <= 0)
                .forEach(message -> {
                    try {
                        handlers.handle(message);
                    } catch (Exception e) {
                        throw new IllegalStateException("cannot fold event " + message.getSequenceNumber()
                                + " of case " + caseId, e);
                    }
                });
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
