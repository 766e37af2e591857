package org.weimin.projections.cases;

import java.util.Optional;
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
 */
@Repository
public class CaseViews implements CaseViewStore {
    private final MongoOperations mongo;

    public CaseViews(MongoOperations mongo) {
        this.mongo = mongo;
        ensureIndexes();
    }

    private void ensureIndexes() {
        mongo.indexOps(CaseView.class).ensureIndex(
                new Index().on("trackingNumber", Sort.Direction.ASC).unique().named("trackingNumber_unique"));
    }

    @Override
    public Optional<CaseView> byId(CaseId caseId) {
        return Optional.ofNullable(mongo.findById(caseId.value(), CaseView.class));
    }

    public Optional<CaseView> byTrackingNumber(TrackingNumber trackingNumber) {
        return Optional.ofNullable(mongo.findOne(
                Query.query(Criteria.where("trackingNumber").is(trackingNumber.value())), CaseView.class));
    }

    @Override
    public void save(CaseView view) {
        mongo.save(view);
    }

    /** Drops the collection and creates it again with its unique tracking-number index. */
    @Override
    public void clear() {
        if (mongo.collectionExists(CaseView.class)) { // the embedded server logs an error for a missing one
            mongo.dropCollection(CaseView.class);
        }
        ensureIndexes();
    }
}
