package org.weimin.ops.consistency;

import co.elastic.clients.elasticsearch.core.MgetResponse;
import co.elastic.clients.elasticsearch.core.mget.MultiGetResponseItem;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.TreeSet;
import org.bson.Document;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.weimin.events.CaseId;
import org.weimin.events.privacy.KeyedHasher;
import org.weimin.ops.admin.EventStoreHead;
import org.weimin.ops.admin.ProjectionStatus;
import org.weimin.projections.cases.CaseHistory;
import org.weimin.projections.cases.CaseView;
import org.weimin.projections.cases.CaseViewProjection;
import org.weimin.projections.search.CaseSearchDocument;
import org.weimin.projections.search.CaseSearchIndex;
import org.weimin.projections.search.CaseSearchProjection;

/**
 * Compares every case's read models with its events (issue 8 "Faults, with nothing lost"): for each case in the
 * event store, its events are folded in memory by the very handlers of the live projection ({@link CaseHistory}), and
 * the result is compared field by field with the case document in MongoDB (behind the staff view, the public view and
 * the trail) and with the search document in Elasticsearch (what {@link CaseSearchProjection} writes for that fold).
 * {@code updatedAt} (the projection's own clock) is not compared, nor are the search fields the mapping keeps out of
 * {@code _source}.
 *
 * <p>Cost: one pass over the event table (the distinct case ids up to the head), then per case one read of its own
 * stream by key; case documents and search documents are fetched by id, {@value #BATCH} per request. No collection or index is scanned; the two document counts are metadata queries.
 *
 * <p>Processor lag: the check first waits (up to {@code wait}) until {@code case-view} and {@code case-search} have
 * processed the head it started from; cases that differ are compared once more after the processors have caught up
 * with the head of that moment (so events that arrived during the check are not reported as lost). Whatever still
 * differs is reported, together with each processor's remaining lag and dead letters: a report with lag or dead
 * letters is not {@code consistent} even when no field differs. Document counts are compared only when no event
 * arrived during the check.
 *
 * <p>Mismatch values never show personal data in clear ({@link FieldValues}).
 */
@Component
public class ConsistencyChecker {
    static final int BATCH = 200;
    private static final String CASE_AGGREGATE = "Case";
    private static final Duration POLL = Duration.ofMillis(200);
    private static final ObjectMapper JSON = new ObjectMapper();
    /**
     * Fields the index mapping keeps out of {@code _source} (search/cases-mapping.json {@code _source.excludes}: the
     * single-character copies of the masked texts, indexed for substring search only): a fetched document never has
     * them, so they are not compared (the masked texts they are made from are).
     */
    private static final Set<String> NOT_IN_SOURCE = sourceExcludes();

    private final JdbcTemplate jdbc;
    private final MongoOperations mongo;
    private final CaseHistory history;
    private final ObjectProvider<CaseSearchProjection> searchProjection;
    private final ObjectProvider<CaseSearchIndex> searchIndex;
    private final ProjectionStatus status;
    private final EventStoreHead head;
    private final FieldValues values;
    private final Clock clock;

    public ConsistencyChecker(JdbcTemplate jdbc, MongoOperations mongo, CaseHistory history,
                              ObjectProvider<CaseSearchProjection> searchProjection,
                              ObjectProvider<CaseSearchIndex> searchIndex, ProjectionStatus status,
                              EventStoreHead head, KeyedHasher hasher, Clock clock) {
        this.jdbc = jdbc;
        this.mongo = mongo;
        this.history = history;
        this.searchProjection = searchProjection;
        this.searchIndex = searchIndex;
        this.status = status;
        this.head = head;
        this.values = new FieldValues(hasher);
        this.clock = clock;
    }

    /**
     * Runs one check.
     *
     * @param wait  how long to wait, at most, for the processors to catch up (before the comparison, and again before
     *              the recheck of cases that differed)
     * @param limit at most this many mismatches in the report (all are counted)
     */
    public ConsistencyReport check(Duration wait, int limit) {
        long started = System.nanoTime();
        Instant checkedAt = clock.instant();
        OptionalLong headAtStart = head.headIndex();
        awaitCaughtUp(headAtStart, wait);
        List<String> cases = headAtStart.isEmpty() ? List.of()
                : jdbc.queryForList("SELECT DISTINCT aggregateIdentifier FROM DomainEventEntry "
                        + "WHERE type = ? AND globalIndex <= ?", String.class, CASE_AGGREGATE,
                        headAtStart.getAsLong());
        Search search = new Search(searchProjection.getIfAvailable(), searchIndex.getIfAvailable());

        Map<String, List<Mismatch>> found = compare(cases, search);
        if (!found.isEmpty()) {
            awaitCaughtUp(head.headIndex(), wait);
            found = compare(List.copyOf(found.keySet()), search);
        }
        List<Mismatch> all = new ArrayList<>();
        found.values().forEach(all::addAll);

        long readModelDocuments = mongo.estimatedCount(CaseView.COLLECTION);
        Long searchDocuments = search.count();
        boolean quiet = head.headIndex().equals(headAtStart);
        if (quiet && readModelDocuments != cases.size()) {
            all.add(new Mismatch(null, Mismatch.READ_MODEL, "(documents)", String.valueOf(cases.size()),
                    String.valueOf(readModelDocuments)));
        }
        if (quiet && searchDocuments != null && searchDocuments != cases.size()) {
            all.add(new Mismatch(null, Mismatch.SEARCH_INDEX, "(documents)", String.valueOf(cases.size()),
                    String.valueOf(searchDocuments)));
        }
        List<ConsistencyReport.ProcessorLag> processors = lags(search.enabled());
        boolean consistent = all.isEmpty() && search.error == null
                && processors.stream().allMatch(ConsistencyReport.ProcessorLag::clean);
        return new ConsistencyReport(consistent, checkedAt,
                headAtStart.isPresent() ? headAtStart.getAsLong() : null, cases.size(), readModelDocuments,
                search.enabled() && search.error == null, searchDocuments, search.error, processors, all.size(),
                all.stream().limit(limit).toList(), (System.nanoTime() - started) / 1_000_000);
    }

    /** Case id → its mismatches (cases without any are left out), in case-id order. */
    private Map<String, List<Mismatch>> compare(List<String> cases, Search search) {
        Map<String, List<Mismatch>> found = new TreeMap<>();
        for (int from = 0; from < cases.size(); from += BATCH) {
            List<String> batch = cases.subList(from, Math.min(cases.size(), from + BATCH));
            Map<String, CaseSearchDocument> expectedSearch = new HashMap<>();
            Map<String, Document> stored = new HashMap<>();
            // One request per batch, on the unique _id index ($in: the embedded server uses the index for it too).
            mongo.find(Query.query(Criteria.where("_id").in(batch)), Document.class, CaseView.COLLECTION)
                    .forEach(document -> stored.put(String.valueOf(document.get("_id")), document));
            for (String caseId : batch) {
                Optional<CaseHistory.Folded> folded = history.current(CaseId.of(caseId), clock.instant());
                if (folded.isEmpty()) {
                    continue; // no case events (cannot happen for an aggregate of type Case)
                }
                List<Mismatch> mismatches = new ArrayList<>(compareReadModel(caseId, folded.get().view(),
                        stored.get(caseId)));
                if (search.usable()) {
                    expectedSearch.put(caseId, search.projection.document(folded.get()));
                }
                if (!mismatches.isEmpty()) {
                    found.put(caseId, mismatches);
                }
            }
            Map<String, CaseSearchDocument> indexed = search.fetch(List.copyOf(expectedSearch.keySet()));
            if (indexed != null) {
                expectedSearch.forEach((caseId, expected) -> {
                    List<Mismatch> mismatches = compareSearch(caseId, expected, indexed.get(caseId));
                    if (!mismatches.isEmpty()) {
                        found.computeIfAbsent(caseId, id -> new ArrayList<>()).addAll(mismatches);
                    }
                });
            }
        }
        return found;
    }

    private List<Mismatch> compareReadModel(String caseId, CaseView folded, Document stored) {
        Document expected = new Document();
        mongo.getConverter().write(folded, expected);
        if (stored == null) {
            return List.of(new Mismatch(caseId, Mismatch.READ_MODEL, "(document)", "present", "missing"));
        }
        List<Mismatch> mismatches = new ArrayList<>();
        TreeSet<String> fields = new TreeSet<>(expected.keySet());
        fields.addAll(stored.keySet());
        fields.removeAll(List.of("_class", "updatedAt"));
        for (String field : fields) {
            Object want = expected.get(field);
            Object have = stored.get(field);
            if (!java.util.Objects.equals(want, have)) {
                mismatches.add(new Mismatch(caseId, Mismatch.READ_MODEL, field,
                        values.render(Mismatch.READ_MODEL, field, want),
                        values.render(Mismatch.READ_MODEL, field, have)));
            }
        }
        return mismatches;
    }

    private List<Mismatch> compareSearch(String caseId, CaseSearchDocument expected, CaseSearchDocument indexed) {
        if (indexed == null) {
            return List.of(new Mismatch(caseId, Mismatch.SEARCH_INDEX, "(document)", "present", "missing"));
        }
        ObjectNode want = JSON.valueToTree(expected);
        ObjectNode have = JSON.valueToTree(indexed);
        TreeSet<String> fields = new TreeSet<>();
        want.fieldNames().forEachRemaining(fields::add);
        have.fieldNames().forEachRemaining(fields::add);
        fields.remove("updatedAt");
        fields.removeAll(NOT_IN_SOURCE);
        List<Mismatch> mismatches = new ArrayList<>();
        for (String field : fields) {
            JsonNode a = want.path(field);
            JsonNode b = have.path(field);
            if (!a.equals(b)) {
                mismatches.add(new Mismatch(caseId, Mismatch.SEARCH_INDEX, field,
                        values.render(Mismatch.SEARCH_INDEX, field, a),
                        values.render(Mismatch.SEARCH_INDEX, field, b)));
            }
        }
        return mismatches;
    }

    private static Set<String> sourceExcludes() {
        try (InputStream mapping = CaseSearchIndex.class.getResourceAsStream("/search/cases-mapping.json")) {
            if (mapping == null) {
                throw new IllegalStateException("search/cases-mapping.json is missing from the class path");
            }
            Set<String> excluded = new HashSet<>();
            JSON.readTree(mapping).at("/mappings/_source/excludes").forEach(field -> excluded.add(field.asText()));
            return Set.copyOf(excluded);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read search/cases-mapping.json", e);
        }
    }

    /** Waits until every read-model processor has processed {@code target} (or {@code wait} has passed). */
    private void awaitCaughtUp(OptionalLong target, Duration wait) {
        if (target.isEmpty()) {
            return;
        }
        long deadline = System.nanoTime() + wait.toNanos();
        while (!caughtUp(target.getAsLong()) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private boolean caughtUp(long target) {
        return status.status().stream().filter(p -> readModelGroup(p.name()))
                .allMatch(p -> p.position() != null && p.position() >= target);
    }

    private static boolean readModelGroup(String name) {
        return CaseViewProjection.PROCESSING_GROUP.equals(name) || CaseSearchProjection.PROCESSING_GROUP.equals(name);
    }

    private List<ConsistencyReport.ProcessorLag> lags(boolean searchEnabled) {
        return status.status().stream().filter(p -> readModelGroup(p.name()))
                .filter(p -> searchEnabled || !CaseSearchProjection.PROCESSING_GROUP.equals(p.name()))
                .map(p -> new ConsistencyReport.ProcessorLag(p.name(), p.lagEvents(), p.deadLetters()))
                .toList();
    }

    /** The search side of one check: off, usable, or given up after a failure (recorded in {@link #error}). */
    private static final class Search {
        final CaseSearchProjection projection;
        final CaseSearchIndex index;
        String error;

        Search(CaseSearchProjection projection, CaseSearchIndex index) {
            this.projection = projection;
            this.index = index;
        }

        boolean enabled() {
            return projection != null && index != null;
        }

        boolean usable() {
            return enabled() && error == null;
        }

        /** The indexed documents by case id (absent ones left out); null once search failed. */
        Map<String, CaseSearchDocument> fetch(List<String> ids) {
            if (!usable() || ids.isEmpty()) {
                return null;
            }
            try {
                MgetResponse<CaseSearchDocument> reply = index.client().mget(m -> m.index(index.alias()).ids(ids),
                        CaseSearchDocument.class);
                Map<String, CaseSearchDocument> found = new HashMap<>();
                for (MultiGetResponseItem<CaseSearchDocument> item : reply.docs()) {
                    if (item.isFailure()) {
                        throw new IllegalStateException("search document fetch failed: " + item.failure().id());
                    }
                    if (item.result().found() && item.result().source() != null) {
                        found.put(item.result().id(), item.result().source());
                    }
                }
                return found;
            } catch (Exception e) {
                fail(e);
                return null;
            }
        }

        /** Documents behind the alias (after a refresh, so that recent writes count); null when not usable. */
        Long count() {
            if (!usable()) {
                return null;
            }
            try {
                index.client().indices().refresh(r -> r.index(index.alias()));
                return index.client().count(c -> c.index(index.alias())).count();
            } catch (Exception e) {
                fail(e);
                return null;
            }
        }

        private void fail(Exception e) {
            // The type only: an exception message may echo a document.
            error = "Elasticsearch could not be read (" + e.getClass().getSimpleName() + "); search not compared";
        }
    }
}
