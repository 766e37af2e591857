package org.weimin.projections.cases;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.bson.Document;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.FindAndReplaceOptions;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Repository;
import org.weimin.events.CaseId;
import org.weimin.events.cases.TrackingNumber;

/**
 * Key access to {@link CaseView} documents: by case id or by tracking number (unique index). Nothing here scans or
 * sorts: lists and searches belong to the search index (stack-notes "MongoDB for read models").
 *
 * <p>Within a batch of the {@code case-view} processor, each case is read once and written once, in one bulk request
 * when the batch commits (before its tracking token is stored): at most one write per case per batch, which is what
 * makes replay and catch-up fast on the embedded server (one commit per write). Outside a batch it reads and writes
 * straight through.
 *
 * <p>Lookups by tracking number (the public view) are served from a {@link CaseViewCache} of
 * {@code weimin.read-models.public-cache-size} documents (0: none), which every write here replaces and a
 * {@link #clear()} empties.
 */
@Repository
public class CaseViews implements CaseViewStore {
    private final MongoOperations mongo;
    private final CaseViewCache publicCache;

    /** Without a cache of the public lookup. */
    public CaseViews(MongoOperations mongo) {
        this(mongo, 0);
    }

    /** @param publicCacheSize case documents kept in memory for lookups by tracking number; 0 for none */
    @Autowired
    public CaseViews(MongoOperations mongo,
                     @Value("${weimin.read-models.public-cache-size:10000}") long publicCacheSize) {
        this.mongo = mongo;
        this.publicCache = publicCacheSize > 0 ? new CaseViewCache(publicCacheSize) : null;
        ensureIndexes();
    }

    private void ensureIndexes() {
        mongo.indexOps(CaseView.class).ensureIndex(
                new Index().on("trackingNumber", Sort.Direction.ASC).unique().named("trackingNumber_unique"));
    }

    private static final String BATCH = CaseViews.class.getName() + ".batch";

    /** The documents an event-processing batch has read and changed, written once per case when it commits. */
    private record Batch(Map<String, CaseView> documents, Set<String> changed) {
    }

    /**
     * The batch of the event-processing unit of work in progress, or null outside one (queries on HTTP threads,
     * commands): then every read and write goes straight to MongoDB.
     */
    private Batch batch() {
        if (!CurrentUnitOfWork.isStarted() || !(CurrentUnitOfWork.get().getMessage() instanceof EventMessage<?>)) {
            return null;
        }
        UnitOfWork<?> root = CurrentUnitOfWork.get().root();
        return root.getOrComputeResource(BATCH, key -> {
            Batch batch = new Batch(new HashMap<>(), new LinkedHashSet<>());
            root.onPrepareCommit(u -> flush(batch));
            return batch;
        });
    }

    /**
     * By case id. Within an event-processing batch the document is read from MongoDB once and then served from the
     * batch, always as a copy: a handler that fails half-way through changes nothing the batch will write.
     */
    @Override
    public Optional<CaseView> byId(CaseId caseId) {
        Batch batch = batch();
        if (batch == null) {
            return Optional.ofNullable(mongo.findById(caseId.value(), CaseView.class));
        }
        CaseView known = batch.documents().get(caseId.value());
        if (known == null) {
            known = mongo.findById(caseId.value(), CaseView.class);
            if (known == null) {
                return Optional.empty();
            }
            batch.documents().put(caseId.value(), known);
        }
        return Optional.of(copy(known));
    }

    private static CaseView copy(CaseView view) {
        return view.copy();
    }

    /** One bulk request for every document the batch changed (one commit of the embedded server instead of one each). */
    private void flush(Batch batch) {
        if (batch.changed().isEmpty()) {
            return;
        }
        BulkOperations bulk = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, CaseView.class);
        for (String id : batch.changed()) {
            bulk.replaceOne(Query.query(Criteria.where("_id").is(id)), batch.documents().get(id),
                    FindAndReplaceOptions.options().upsert());
        }
        bulk.execute();
        if (publicCache != null) {
            batch.changed().forEach(id -> publicCache.written(batch.documents().get(id)));
        }
        batch.changed().clear();
    }

    /**
     * By tracking number, from the cache when it holds the case (the document as last written by this service),
     * otherwise from MongoDB. The document returned may be shared with other readers: do not change it.
     */
    public Optional<CaseView> byTrackingNumber(TrackingNumber trackingNumber) {
        if (publicCache == null) {
            return Optional.ofNullable(findByTrackingNumber(trackingNumber));
        }
        CaseView cached = publicCache.get(trackingNumber.value());
        if (cached != null) {
            return Optional.of(cached);
        }
        long generation = publicCache.generation();
        CaseView view = findByTrackingNumber(trackingNumber);
        if (view != null) {
            publicCache.read(generation, view);
        }
        return Optional.ofNullable(view);
    }

    private CaseView findByTrackingNumber(TrackingNumber trackingNumber) {
        return mongo.findOne(Query.query(Criteria.where("trackingNumber").is(trackingNumber.value())), CaseView.class);
    }

    /** Saves now, or, within an event-processing batch, when the batch commits (the last state of each case once). */
    @Override
    public void save(CaseView view) {
        Batch batch = batch();
        if (batch == null) {
            mongo.save(view);
            if (publicCache != null) {
                publicCache.written(copy(view)); // the caller may go on changing its object
            }
            return;
        }
        batch.documents().put(view.caseId, view);
        batch.changed().add(view.caseId);
    }

    /**
     * Drops the collection and creates it again with its unique tracking-number index; then empties the cache, so that
     * no lookup begun before the drop can put a document of the old collection back.
     */
    @Override
    public void clear() {
        Batch batch = batch();
        if (batch != null) {
            batch.documents().clear();
            batch.changed().clear();
        }
        if (mongo.collectionExists(CaseView.class)) { // the embedded server logs an error for a missing one
            mongo.dropCollection(CaseView.class);
        }
        ensureIndexes();
        if (publicCache != null) {
            publicCache.clear();
        }
    }
}
