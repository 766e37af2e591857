package org.weimin.projections.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.weimin.projections.cases.CaseFixtures.*;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.ResultMessage;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.RollbackConfigurationType;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.weimin.events.CaseId;
import org.weimin.events.cases.CaseEvent;
import org.weimin.events.privacy.ApplicantKeyId;
import org.weimin.events.privacy.IdDocument;
import org.weimin.events.privacy.PersonalDataVault;
import org.weimin.events.privacy.Sealed;

/**
 * The case-view projection driven as its processor drives it: events as domain event messages through Axon's
 * annotated-handler adapter, in batches of one {@link BatchingUnitOfWork} each. Whatever the batch size, the documents
 * are the same as those written one event at a time; each batch writes once (one bulk request); a batch that fails
 * writes nothing and its retry gives the same documents; a handler that fails half-way (as the dead-letter queue lets a
 * batch go on past it) leaves nothing of its change behind.
 */
class CaseViewBatchTest {
    private static final CaseId SECOND_CASE = CaseId.of("0b7e3c51-9a2d-4f16-8c3e-5d4a2b1f6e90");
    /** Sequence of the evaluation in {@link CaseFixtures#lifeWithCustodyAndNotices()}. */
    private static final int EVALUATION = 13;

    private InMemoryMongo server;
    private final AtomicInteger bulkWrites = new AtomicInteger();
    private final AtomicInteger failuresLeft = new AtomicInteger();
    private MongoTemplate mongo;

    @BeforeEach
    void startMongo() {
        server = new InMemoryMongo();
    }

    @AfterEach
    void stopMongo() {
        server.close();
    }

    @Test
    void foldingInBatchesGivesTheSameDocumentsAsOneEventAtATime() {
        Map<String, Document> oneByOne = oneAtATime("one-by-one");

        for (int batchSize : new int[] {1, 3, 7, 64}) {
            AnnotationEventHandlerAdapter batched = projectionOn("batch-" + batchSize);
            List<List<EventMessage<?>>> batches = batches(interleavedLives(), batchSize);
            bulkWrites.set(0);
            batches.forEach(batch -> assertThat(runBatch(batched, batch).isExceptional()).isFalse());

            assertThat(documents()).as("batches of %d", batchSize).isEqualTo(oneByOne);
            assertThat(bulkWrites.get()).as("one bulk write per batch of %d", batchSize).isEqualTo(batches.size());
        }
    }

    @Test
    void aBatchThatFailsWritesNothingAndItsRetryGivesTheSameDocuments() {
        Map<String, Document> oneByOne = oneAtATime("one-by-one");
        AnnotationEventHandlerAdapter batched = projectionOn("retried");
        List<EventMessage<?>> events = interleavedLives();
        List<EventMessage<?>> first = events.subList(0, 2 * EVALUATION - 4);
        List<EventMessage<?>> second = events.subList(2 * EVALUATION - 4, events.size());
        assertThat(runBatch(batched, first).isExceptional()).isFalse();
        Map<String, Document> afterFirst = documents();

        failuresLeft.set(1); // the first case's evaluation fails once, after both cases changed in this batch
        ResultMessage<?> failed = runBatch(batched, second);

        assertThat(failed.isExceptional()).isTrue();
        assertThat(documents()).as("the failed batch wrote nothing").isEqualTo(afterFirst);
        assertThat(runBatch(batched, second).isExceptional()).as("the retry").isFalse();
        assertThat(documents()).isEqualTo(oneByOne);
    }

    @Test
    void aHandlerThatFailsHalfWayLeavesNothingOfItsChangeInTheBatchsWrite() {
        Map<String, Document> upToTheEvaluation = oneAtATime("reference", EVALUATION);
        AnnotationEventHandlerAdapter batched = projectionOn("parked");
        failuresLeft.set(1);
        List<EventMessage<?>> parked = new ArrayList<>();

        // As the dead-letter queue does: the failing event and the later ones of its case are set aside, the batch goes on.
        BatchingUnitOfWork<EventMessage<?>> unitOfWork = new BatchingUnitOfWork<>(interleavedLives());
        unitOfWork.executeWithResult(() -> {
            EventMessage<?> event = (EventMessage<?>) CurrentUnitOfWork.get().getMessage();
            if (isFirstCase(event) && !parked.isEmpty()) {
                parked.add(event);
                return null;
            }
            try {
                return batched.handle(event);
            } catch (IllegalStateException e) {
                parked.add(event);
                return null;
            }
        }, RollbackConfigurationType.ANY_THROWABLE);

        assertThat(parked).hasSize(3);
        Map<String, Document> written = documents();
        assertThat(written.get(CASE_ID.value())).as("as before the failed evaluation")
                .isEqualTo(upToTheEvaluation.get(CASE_ID.value()));
        assertThat(written.get(SECOND_CASE.value()).get("lastSequence")).isEqualTo(15L);
    }

    /** The documents written by feeding the lives one event at a time, outside any batch. */
    private Map<String, Document> oneAtATime(String database) {
        return oneAtATime(database, Integer.MAX_VALUE);
    }

    /** Same, only the events below sequence {@code before}. */
    private Map<String, Document> oneAtATime(String database, int before) {
        AnnotationEventHandlerAdapter projection = projectionOn(database);
        for (EventMessage<?> event : interleavedLives()) {
            if (((DomainEventMessage<?>) event).getSequenceNumber() < before) {
                handle(projection, event);
            }
        }
        return documents();
    }

    private static void handle(AnnotationEventHandlerAdapter projection, EventMessage<?> event) {
        try {
            projection.handle(event);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static ResultMessage<?> runBatch(AnnotationEventHandlerAdapter projection, List<EventMessage<?>> batch) {
        BatchingUnitOfWork<EventMessage<?>> unitOfWork = new BatchingUnitOfWork<>(batch);
        return unitOfWork.executeWithResult(() -> projection.handle((EventMessage<?>) CurrentUnitOfWork.get().getMessage()),
                RollbackConfigurationType.ANY_THROWABLE);
    }

    /** A projection over a fresh database (then the one {@link #documents()} reads), counting bulk writes. */
    private AnnotationEventHandlerAdapter projectionOn(String database) {
        mongo = new MongoTemplate(server.client(), database) {
            @Override
            public BulkOperations bulkOps(BulkOperations.BulkMode mode, Class<?> entityClass) {
                bulkWrites.incrementAndGet();
                return super.bulkOps(mode, entityClass);
            }
        };
        return new AnnotationEventHandlerAdapter(
                new CaseViewProjection(new CaseViews(mongo), new FailingOnceVault(), fixedClock()));
    }

    private Map<String, Document> documents() {
        Map<String, Document> byId = new TreeMap<>();
        mongo.findAll(Document.class, CaseView.COLLECTION).forEach(d -> byId.put(d.getString("_id"), d));
        return byId;
    }

    /** The longer life of the fixture's case and the same life of a second case, their events alternating. */
    private static List<EventMessage<?>> interleavedLives() {
        List<CaseEvent> life = lifeWithCustodyAndNotices();
        List<EventMessage<?>> events = new ArrayList<>();
        for (int sequence = 0; sequence < life.size(); sequence++) {
            events.add(message(life.get(sequence), sequence));
            CaseEvent other = sequence == 0
                    ? caseReceived(SECOND_CASE, OTHER_TRACKING_NUMBER)
                    : forCase(life.get(sequence), SECOND_CASE);
            events.add(message(other, sequence));
        }
        return events;
    }

    private static boolean isFirstCase(EventMessage<?> event) {
        return ((DomainEventMessage<?>) event).getAggregateIdentifier().equals(CASE_ID.value());
    }

    private static EventMessage<?> message(CaseEvent event, long sequence) {
        return new GenericDomainEventMessage<>("Case", event.caseId().value(), sequence, event);
    }

    private static List<List<EventMessage<?>>> batches(List<EventMessage<?>> events, int size) {
        List<List<EventMessage<?>>> batches = new ArrayList<>();
        for (int from = 0; from < events.size(); from += size) {
            batches.add(events.subList(from, Math.min(events.size(), from + size)));
        }
        return batches;
    }

    /** The same event record with another case id (its first component). */
    private static CaseEvent forCase(CaseEvent event, CaseId caseId) {
        try {
            RecordComponent[] components = event.getClass().getRecordComponents();
            Object[] values = new Object[components.length];
            Class<?>[] types = new Class<?>[components.length];
            for (int i = 0; i < components.length; i++) {
                types[i] = components[i].getType();
                values[i] = components[i].getType() == CaseId.class ? caseId : components[i].getAccessor().invoke(event);
            }
            return (CaseEvent) event.getClass().getDeclaredConstructor(types).newInstance(values);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The test vault, except that opening the first case's evaluation comment fails while {@link #failuresLeft} is
     * positive: the evaluation handler has already set the status and grade on its copy of the document by then.
     */
    private final class FailingOnceVault implements PersonalDataVault {
        private final FakePersonalDataVault vault = new FakePersonalDataVault();

        @Override
        public Optional<String> open(Sealed sealed) {
            Optional<String> opened = vault.open(sealed);
            if (opened.filter(COMMENT::equals).isPresent() && failuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                throw new IllegalStateException("the vault failed");
            }
            return opened;
        }

        @Override
        public Sealed seal(ApplicantKeyId key, String plaintext) {
            return vault.seal(key, plaintext);
        }

        @Override
        public boolean erase(ApplicantKeyId key) {
            return vault.erase(key);
        }

        @Override
        public List<ApplicantKeyId> keysOfApplicant(ApplicantKeyId key) {
            return vault.keysOfApplicant(key);
        }

        @Override
        public ApplicantKeyId keyForIdDocument(IdDocument document) {
            return vault.keyForIdDocument(document);
        }
    }
}
