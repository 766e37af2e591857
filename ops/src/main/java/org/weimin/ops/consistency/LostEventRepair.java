package org.weimin.ops.consistency;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.ToLongFunction;
import org.axonframework.common.DateTimeUtils;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.weimin.events.CaseId;
import org.weimin.ops.admin.EventStoreHead;
import org.weimin.projections.cases.CaseHistory;
import org.weimin.projections.cases.CaseView;
import org.weimin.projections.search.CaseSearchDocument;
import org.weimin.projections.search.CaseSearchIndex;
import org.weimin.projections.search.CaseSearchProjection;
import org.weimin.projections.supervision.SupervisorQueueProjection;

/**
 * Puts right the read models that hold the effects of events the event store lost in a crash.
 *
 * <p>Why this can happen: H2 (the embedded default) makes a commit visible to other connections a moment before it
 * writes it to its file (its {@code TransactionStore.commit} marks the transaction committed, then
 * {@code endTransaction} stores the chunk). A tracking processor that reads the new event in that moment writes its
 * effect to MongoDB or Elasticsearch, which keep it; a {@code kill -9} of the process that runs H2 before the chunk is
 * written loses the event, its global index and the processor's token update together. The command was never
 * acknowledged (the reply waits for the commit), so nothing a clerk or resident was told is lost; but the read models
 * are left ahead of the store: a case document for a receipt the store does not have, or a document at a sequence the
 * case has not reached. Since handlers skip events at or below a document's {@code lastSequence}, the next real event at
 * that sequence would be skipped too. PostgreSQL makes a commit visible only after it is durable; this check is then a
 * no-op.
 *
 * <p>What it does, once at every start before the event processors run ({@link LostEventRepairConfiguration}): it
 * looks at the documents written since shortly before the store's newest event ({@value #MARGIN_MINUTES} minutes of
 * margin, measured in the projections' clock), compares each one's {@code lastSequence} with the case's newest
 * sequence in the store, and rebuilds every document that is ahead from the case's events (the fold the consistency
 * checker compares with), or removes it when the store has no event of the case. The same for the search index (when
 * there is one) and for supervisor-queue entries of sequences the store does not have. A document is read before the
 * store, so a processor running on another node never makes a sound document look ahead; a rebuilt document is
 * written only if it is still the one that was found.
 *
 * <p>Elasticsearch down at start: the search side is not checked and a warning says so (the consistency check, {@code
 * GET /api/admin/consistency}, or a search rebuild put it right later).
 */
@Component
public class LostEventRepair {
    static final long MARGIN_MINUTES = 10;
    private static final Logger log = LoggerFactory.getLogger(LostEventRepair.class);
    private static final int SEARCH_PAGE = 1000;

    private final JdbcTemplate jdbc;
    private final MongoOperations mongo;
    private final CaseHistory history;
    private final ObjectProvider<CaseSearchProjection> searchProjection;
    private final ObjectProvider<CaseSearchIndex> searchIndex;
    private final SupervisorQueueProjection queues;
    private final EventStoreHead head;
    private final Clock clock;
    private volatile Report last;
    private volatile Report atStart;

    /** What one run found and did; {@code searchChecked} is false when there is no search index or it was down. */
    public record Report(Instant since, int documentsChecked, List<String> readModelRebuilt,
                         List<String> readModelRemoved, boolean searchChecked, int searchDocumentsChecked,
                         List<String> searchRebuilt, List<String> searchRemoved, int queueEntriesRemoved) {
        /** True when nothing was ahead of the store. */
        public boolean clean() {
            return readModelRebuilt.isEmpty() && readModelRemoved.isEmpty() && searchRebuilt.isEmpty()
                    && searchRemoved.isEmpty() && queueEntriesRemoved == 0;
        }
    }

    /** The repair over the stores of this service; the search parts are skipped when there is no search index. */
    public LostEventRepair(JdbcTemplate jdbc, MongoOperations mongo, CaseHistory history,
                           ObjectProvider<CaseSearchProjection> searchProjection,
                           ObjectProvider<CaseSearchIndex> searchIndex, SupervisorQueueProjection queues,
                           EventStoreHead head, Clock clock) {
        this.jdbc = jdbc;
        this.mongo = mongo;
        this.history = history;
        this.searchProjection = searchProjection;
        this.searchIndex = searchIndex;
        this.queues = queues;
        this.head = head;
        this.clock = clock;
    }

    /** The report of the last run, or null before the first. */
    public Report lastReport() {
        return last;
    }

    /** The report of the run at start ({@link LostEventRepairConfiguration}), or null before it. */
    public Report startReport() {
        return atStart;
    }

    /** The run at start, before the event processors start; its report stays available as {@link #startReport()}. */
    public Report repairAtStart() {
        atStart = repair();
        return atStart;
    }

    /**
     * Checks and repairs (see the class comment); logs a warning naming the cases when anything was ahead.
     *
     * @return what was checked and repaired
     */
    public Report repair() {
        Instant since = since();
        // Each case's newest sequence asked once per run: its document, its search document and its queue entries.
        Map<String, Long> known = new HashMap<>();
        ToLongFunction<String> stored = caseId -> known.computeIfAbsent(caseId,
                this::storedSequence);
        List<String> rebuilt = new ArrayList<>();
        List<String> removed = new ArrayList<>();
        int checked = repairReadModel(since, stored, rebuilt, removed);
        List<String> searchRebuilt = new ArrayList<>();
        List<String> searchRemoved = new ArrayList<>();
        int searchChecked = -1;
        try {
            searchChecked = repairSearch(since, stored, searchRebuilt, searchRemoved);
        } catch (RuntimeException | java.io.IOException e) {
            // The type only: a message may echo a document.
            log.warn("Start-up check for effects of lost events: the search index could not be checked ({}); "
                    + "GET /api/admin/consistency compares it later", e.getClass().getSimpleName());
        }
        int queueEntries = queues.removeEntriesBeyond(stored);
        Report report = new Report(since, checked, List.copyOf(rebuilt), List.copyOf(removed), searchChecked >= 0,
                Math.max(searchChecked, 0), List.copyOf(searchRebuilt), List.copyOf(searchRemoved), queueEntries);
        if (!report.clean()) {
            log.warn("Start-up check: read models held events the event store did not keep (an unclean stop of the "
                            + "store's process). Rebuilt from the store: case documents {}, search documents {}; removed "
                            + "(no event of the case in the store): case documents {}, search documents {}; supervisor "
                            + "queue entries removed: {}", rebuilt, searchRebuilt, removed, searchRemoved,
                    queueEntries);
        } else {
            log.info("Start-up check: no read model ahead of the event store ({} case documents written since {} "
                    + "checked)", checked, since);
        }
        last = report;
        return report;
    }

    /**
     * The earliest {@code updatedAt} (projections' clock) a document written for a lost event can have: the store's
     * newest event, translated from the event store's clock (Axon stamps events with the system clock) to the
     * projections' clock, less the margin. The epoch when the store is empty.
     */
    private Instant since() {
        OptionalLong newest = head.headIndex();
        if (newest.isEmpty()) {
            return Instant.EPOCH;
        }
        Optional<Instant> stamped = head.timestampAt(newest.getAsLong());
        if (stamped.isEmpty()) {
            return Instant.EPOCH;
        }
        Duration age = Duration.between(stamped.get(), Clock.systemUTC().instant());
        return clock.instant().minus(age).minus(Duration.ofMinutes(MARGIN_MINUTES));
    }

    /** The newest sequence of a case in the store, or -1 when it has none. */
    private long storedSequence(String caseId) {
        Long max = jdbc.queryForObject("SELECT MAX(sequenceNumber) FROM DomainEventEntry WHERE aggregateIdentifier = ?",
                Long.class, caseId);
        return max == null ? -1 : max;
    }

    private int repairReadModel(Instant since, ToLongFunction<String> stored, List<String> rebuilt,
                                List<String> removed) {
        Query recent = Query.query(new Criteria().orOperator(Criteria.where("updatedAt").gte(Date.from(since)),
                Criteria.where("updatedAt").exists(false)));
        recent.fields().include("lastSequence");
        List<Document> candidates = mongo.find(recent, Document.class, CaseView.COLLECTION);
        for (Document document : candidates) {
            String caseId = String.valueOf(document.get("_id"));
            long found = ((Number) document.getOrDefault("lastSequence", -1L)).longValue();
            if (found <= stored.applyAsLong(caseId)) {
                continue;
            }
            Query same = Query.query(Criteria.where("_id").is(caseId).and("lastSequence").is(found));
            Optional<CaseHistory.Folded> folded = history.current(CaseId.of(caseId), clock.instant());
            if (folded.isEmpty()) {
                mongo.remove(same, CaseView.COLLECTION);
                removed.add(caseId);
            } else {
                Document fresh = new Document();
                mongo.getConverter().write(folded.get().view(), fresh);
                mongo.findAndReplace(same, fresh, CaseView.COLLECTION);
                rebuilt.add(caseId);
            }
        }
        return candidates.size();
    }

    /** Pages through the search documents indexed since {@code since}; -1 when there is no search index. */
    private int repairSearch(Instant since, ToLongFunction<String> stored, List<String> rebuilt,
                             List<String> removed) throws java.io.IOException {
        CaseSearchProjection projection = searchProjection.getIfAvailable();
        CaseSearchIndex index = searchIndex.getIfAvailable();
        if (projection == null || index == null) {
            return -1;
        }
        index.ensureReady();
        index.client().indices().refresh(r -> r.index(index.alias()));
        int checked = 0;
        String after = null;
        while (true) {
            String from = after;
            var page = index.client().search(s -> {
                s.index(index.alias()).size(SEARCH_PAGE).source(src -> src.filter(f -> f.includes("lastSequence")))
                        .query(q -> q.range(r -> r.date(d -> d.field("updatedAt").gte(since.toString()))))
                        .sort(o -> o.field(f -> f.field("caseId")));
                if (from != null) {
                    s.searchAfter(a -> a.stringValue(from));
                }
                return s;
            }, Document.class);
            var hits = page.hits().hits();
            for (var hit : hits) {
                checked++;
                long found = hit.source() == null ? -1 : ((Number) hit.source().getOrDefault("lastSequence", -1L))
                        .longValue();
                if (found <= stored.applyAsLong(hit.id())) {
                    continue;
                }
                // External versions never go down: the store's fold is indexed at the version of the document ahead.
                Optional<CaseSearchDocument> fresh = projection.document(CaseId.of(hit.id()));
                index.restoreBehind(hit.index(), hit.id(), fresh, found);
                (fresh.isPresent() ? rebuilt : removed).add(hit.id());
            }
            if (hits.size() < SEARCH_PAGE) {
                return checked;
            }
            after = hits.get(hits.size() - 1).id();
        }
    }
}
