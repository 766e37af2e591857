package org.weimin.projections.cases;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
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
    /**
     * One fold per thread, reused: inspecting the projection's handlers costs far more than folding one case (about
     * 20 ms against well under 1 ms), and the search projection and the consistency check fold every case they touch.
     */
    private final ThreadLocal<Fold> folds;

    public CaseHistory(EventStore events, PersonalDataVault vault) {
        this.events = events;
        this.vault = vault;
        this.folds = ThreadLocal.withInitial(() -> new Fold(vault));
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
        Fold fold = folds.get().reset(now);
        CaseReceived[] receipt = new CaseReceived[1];
        events.readEvents(caseId.value()).asStream().forEach(message -> {
            if (message.getPayload() instanceof CaseReceived received) {
                receipt[0] = received;
            }
            handle(fold.handlers, message, caseId);
        });
        return fold.store.byId(caseId).map(view -> new Folded(view, receipt[0]));
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
        Fold fold = folds.get().reset(asOf);
        events.readEvents(caseId.value()).asStream()
                .filter(message -> recordedAt(message).compareTo(asOf) <= 0)
                .forEach(message -> handle(fold.handlers, message, caseId));
        return fold.store.byId(caseId);
    }

    private static Instant recordedAt(DomainEventMessage<?> message) {
        return message.getPayload() instanceof CaseEvent event ? event.recordedAt() : message.getTimestamp();
    }

    /** The projection's handlers over a store and a clock of their own, emptied and set before each fold. */
    private static final class Fold {
        final MemoryStore store = new MemoryStore();
        final SettableClock clock = new SettableClock();
        final AnnotationEventHandlerAdapter handlers;

        Fold(PersonalDataVault vault) {
            this.handlers = new AnnotationEventHandlerAdapter(new CaseViewProjection(store, vault, clock));
        }

        Fold reset(Instant now) {
            store.clear();
            clock.instant = now;
            return this;
        }
    }

    /** The time a fold's clock shows. */
    private static final class SettableClock extends Clock {
        Instant instant = Instant.EPOCH;

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return Clock.fixed(instant, zone);
        }

        @Override
        public Instant instant() {
            return instant;
        }
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
