package org.weimin.projections.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.weimin.projections.cases.CaseFixtures.*;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.weimin.events.cases.CaseEvent;

/**
 * The public lookup's cache of case documents by tracking number ({@link CaseViewCache} inside {@link CaseViews}):
 * repeated lookups read MongoDB once, and the cache is exact: every write of the projection (in a batch or straight
 * through) replaces the cached document, a reset empties it, and a read racing a write or a reset cannot put an older
 * document back.
 */
class CaseViewCacheTest {
    private InMemoryMongo server;
    private final AtomicInteger lookups = new AtomicInteger();
    private MongoTemplate mongo;
    private CaseViews views;
    private CaseViewProjection projection;

    @BeforeEach
    void startMongo() {
        server = new InMemoryMongo();
        mongo = new MongoTemplate(server.client(), "weimin-test") {
            @Override
            public <T> T findOne(Query query, Class<T> entityClass) {
                lookups.incrementAndGet();
                return super.findOne(query, entityClass);
            }
        };
        views = new CaseViews(mongo, 100);
        projection = new CaseViewProjection(views, new FakePersonalDataVault(), fixedClock());
    }

    @AfterEach
    void stopMongo() {
        server.close();
    }

    @Test
    void theProjectionsWriteFillsTheCache() {
        projection.on(caseReceived(), RECEIVED_SEQUENCE);

        assertThat(lookup().lastSequence()).isEqualTo(RECEIVED_SEQUENCE);
        assertThat(lookups.get()).isZero();
    }

    @Test
    void repeatedLookupsOfACaseWrittenBeforeAStartReadTheStoreOnce() {
        projection.on(caseReceived(), RECEIVED_SEQUENCE);
        views = new CaseViews(mongo, 100); // as after a restart

        for (int i = 0; i < 5; i++) {
            assertThat(lookup().lastSequence()).isEqualTo(RECEIVED_SEQUENCE);
        }
        assertThat(lookups.get()).isEqualTo(1);
    }

    @Test
    void anUnknownTrackingNumberIsNotRememberedSoTheCaseShowsOnceReceived() {
        assertThat(views.byTrackingNumber(TRACKING_NUMBER)).isEmpty();

        projection.on(caseReceived(), RECEIVED_SEQUENCE);

        assertThat(lookup().lastSequence()).isEqualTo(RECEIVED_SEQUENCE);
    }

    @Test
    void aBatchsWriteReplacesTheCachedDocumentWithoutAnotherRead() {
        projection.on(caseReceived(), RECEIVED_SEQUENCE);
        assertThat(lookup().status().name()).isEqualTo("IN_PROGRESS");
        int before = lookups.get();

        inOneBatch(List.of(caseCompleted(), caseEvaluated()), COMPLETED_SEQUENCE);

        CaseView view = lookup();
        assertThat(view.lastSequence()).isEqualTo(EVALUATED_SEQUENCE);
        assertThat(view.status().name()).isEqualTo("EVALUATED");
        assertThat(lookups.get()).as("served from the cache").isEqualTo(before);
    }

    @Test
    void aWriteOutsideABatchReplacesTheCachedDocumentAndLaterChangesToTheCallersObjectDoNotLeakIn() {
        projection.on(caseReceived(), RECEIVED_SEQUENCE);
        lookup();
        CaseView changed = views.byId(CASE_ID).orElseThrow();
        changed.lastSequence = 7;
        views.save(changed);

        changed.lastSequence = 8;

        assertThat(lookup().lastSequence()).isEqualTo(7);
    }

    @Test
    void aResetEmptiesTheCacheAndTheReplayedDocumentShows() {
        projection.on(caseReceived(), RECEIVED_SEQUENCE);
        projection.on(caseCompleted(), COMPLETED_SEQUENCE);
        assertThat(lookup().lastSequence()).isEqualTo(COMPLETED_SEQUENCE);

        projection.onReset();
        assertThat(views.byTrackingNumber(TRACKING_NUMBER)).as("not served after the reset").isEmpty();
        projection.on(caseReceived(), RECEIVED_SEQUENCE);

        assertThat(lookup().lastSequence()).isEqualTo(RECEIVED_SEQUENCE);
    }

    @Test
    void aReadThatStartedBeforeAWriteCannotPutTheOlderDocumentBack() {
        CaseViewCache cache = new CaseViewCache(10);
        long readStarted = cache.generation();
        cache.written(document(3));

        cache.read(readStarted, document(2));

        assertThat(cache.get(TRACKING_NUMBER.value()).lastSequence()).isEqualTo(3);
        cache.written(document(4));
        assertThat(cache.get(TRACKING_NUMBER.value()).lastSequence()).isEqualTo(4);
    }

    @Test
    void aReadThatStartedBeforeAResetPutsNothingAfterIt() {
        CaseViewCache cache = new CaseViewCache(10);
        cache.written(document(5));
        long readStarted = cache.generation();

        cache.clear();
        cache.read(readStarted, document(5));

        assertThat(cache.get(TRACKING_NUMBER.value())).isNull();
        cache.written(document(0));
        assertThat(cache.get(TRACKING_NUMBER.value()).lastSequence())
                .as("a replay's lower sequence replaces what came before the reset").isZero();
    }

    private CaseView lookup() {
        return views.byTrackingNumber(TRACKING_NUMBER).orElseThrow();
    }

    private void inOneBatch(List<CaseEvent> events, long firstSequence) {
        List<EventMessage<?>> messages = new java.util.ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            messages.add(new GenericDomainEventMessage<>("Case", CASE_ID.value(), firstSequence + i, events.get(i)));
        }
        var adapter = new org.axonframework.eventhandling.AnnotationEventHandlerAdapter(projection);
        var result = new BatchingUnitOfWork<>(messages).executeWithResult(() -> adapter.handle(
                (EventMessage<?>) org.axonframework.messaging.unitofwork.CurrentUnitOfWork.get().getMessage()));
        assertThat(result.isExceptional()).isFalse();
    }

    private static CaseView document(long lastSequence) {
        CaseView view = new CaseView();
        view.caseId = CASE_ID.value();
        view.trackingNumber = TRACKING_NUMBER.value();
        view.lastSequence = lastSequence;
        return view;
    }
}
