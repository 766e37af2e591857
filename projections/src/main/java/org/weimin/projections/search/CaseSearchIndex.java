package org.weimin.projections.search;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.VersionType;
import co.elastic.clients.elasticsearch.core.search.Hit;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import co.elastic.clients.elasticsearch.core.bulk.BulkResponseItem;
import co.elastic.clients.elasticsearch.indices.get_alias.IndexAliases;
import co.elastic.clients.json.JsonData;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The case search index: its explicit, versioned mapping ({@code search/cases-mapping.json}, {@code _meta.mappingVersion}
 * = {@link #MAPPING_VERSION}), the alias every read and write goes through, and bulk writes.
 *
 * <p>Names: the alias {@code <prefix>-cases} points at exactly one concrete index
 * {@code <prefix>-cases-v<mappingVersion>-<yyyyMMddHHmmss>-<n>}; during a rebuild the alias
 * {@code <prefix>-cases-rebuilding} points at the index being filled. Every write is a bulk request with
 * {@code require_alias=true}, so Elasticsearch can never auto-create one of our indices with a dynamic mapping; the
 * mapping itself is {@code dynamic: strict}. Documents carry external versions ({@code external_gte}, the case's last
 * event sequence number): a write of an older fold is rejected and ignored, a repeated one is harmless, so writers
 * need no coordination (idempotent and order-safe per case).
 *
 * <p>Elasticsearch being down is normal operation: {@link #ensureReady()} is retried on every use and failures surface
 * as {@link SearchUnavailableException}.
 */
public class CaseSearchIndex {
    /** The version of {@code search/cases-mapping.json}; bump it with every mapping change (a rebuild follows). */
    public static final int MAPPING_VERSION = 1;
    private static final Logger log = LoggerFactory.getLogger(CaseSearchIndex.class);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMddHHmmss").withZone(ZoneOffset.UTC);

    private final ElasticsearchClient client;
    private final String prefix;
    private final Clock clock;
    private final AtomicInteger created = new AtomicInteger();
    private volatile boolean ready;

    /**
     * @param prefix index name prefix (lower case), e.g. {@code weimin}; tests use their own so that runs never
     *               share indices
     */
    public CaseSearchIndex(ElasticsearchClient client, String prefix, Clock clock) {
        this.client = client;
        this.prefix = prefix;
        this.clock = clock;
    }

    public ElasticsearchClient client() {
        return client;
    }

    /** The alias that searches read and the live projection writes. */
    public String alias() {
        return prefix + "-cases";
    }

    /** The alias of the index a rebuild is filling (absent when none runs). */
    public String rebuildAlias() {
        return prefix + "-cases-rebuilding";
    }

    /**
     * Creates the first index with its mapping and the alias when the alias does not exist yet; otherwise checks the
     * mapping version of the index behind it (a mismatch is logged: a rebuild moves to the new mapping).
     *
     * @throws SearchUnavailableException when Elasticsearch cannot be reached
     */
    public void ensureReady() {
        if (ready) {
            return;
        }
        synchronized (this) {
            if (ready) {
                return;
            }
            try {
                Optional<String> current = indexBehind(alias());
                if (current.isEmpty()) {
                    String index = createIndex(alias(), true);
                    log.info("Created search index {} behind alias {} (mapping version {})", index, alias(),
                            MAPPING_VERSION);
                } else {
                    int version = mappingVersion(current.get());
                    if (version != MAPPING_VERSION) {
                        log.warn("Search index {} has mapping version {}, this build writes version {}: rebuild the "
                                + "case-search projection (POST /api/admin/projections/case-search/rebuild)",
                                current.get(), version, MAPPING_VERSION);
                    }
                }
                ready = true;
            } catch (IOException | RuntimeException e) {
                throw unavailable("Elasticsearch is not available", e);
            }
        }
    }

    /** The concrete index an alias points at, if the alias exists. */
    public Optional<String> indexBehind(String alias) throws IOException {
        if (!client.indices().existsAlias(r -> r.name(alias)).value()) {
            return Optional.empty();
        }
        Map<String, IndexAliases> result = client.indices().getAlias(r -> r.name(alias)).result();
        return result.keySet().stream().sorted().reduce((a, b) -> b);
    }

    /** The {@code _meta.mappingVersion} of a concrete index (0 when absent). */
    public int mappingVersion(String index) throws IOException {
        var mapping = client.indices().getMapping(r -> r.index(index)).result().get(index);
        if (mapping == null || mapping.mappings().meta() == null) {
            return 0;
        }
        JsonData version = mapping.mappings().meta().get("mappingVersion");
        return version == null ? 0 : version.to(Integer.class);
    }

    /**
     * Creates a new concrete index with the current mapping, named after the mapping version and the time, and
     * points {@code alias} at it in the same request.
     *
     * @return the concrete index name
     */
    public String createIndex(String alias, boolean writeIndex) throws IOException {
        String name = prefix + "-cases-v" + MAPPING_VERSION + "-" + STAMP.format(clock.instant()) + "-"
                + created.incrementAndGet();
        try (InputStream mapping = CaseSearchIndex.class.getResourceAsStream("/search/cases-mapping.json")) {
            if (mapping == null) {
                throw new IllegalStateException("search/cases-mapping.json is missing from the class path");
            }
            client.indices().create(c -> c.index(name).withJson(mapping)
                    .aliases(alias, a -> a.isWriteIndex(writeIndex)));
        }
        return name;
    }

    /**
     * Indexes documents through the given aliases in one bulk request; each document with its external version.
     * Version conflicts (a newer fold is already there) are expected and ignored; any other refusal throws.
     *
     * @throws SearchUnavailableException when Elasticsearch is down or refused a document
     */
    public void write(List<CaseSearchDocument> documents, List<String> aliases) {
        if (documents.isEmpty()) {
            return;
        }
        ensureReady();
        List<BulkOperation> operations = new ArrayList<>(documents.size() * aliases.size());
        for (String target : aliases) {
            for (CaseSearchDocument doc : documents) {
                operations.add(BulkOperation.of(b -> b.index(i -> i.index(target).id(doc.caseId())
                        .version(doc.lastSequence()).versionType(VersionType.ExternalGte).document(doc))));
            }
        }
        BulkResponse response;
        try {
            response = client.bulk(b -> b.requireAlias(true).operations(operations));
        } catch (IOException | RuntimeException e) {
            throw unavailable("Elasticsearch refused a bulk write", e);
        }
        if (response.errors()) {
            for (BulkResponseItem item : response.items()) {
                if (item.error() != null && !"version_conflict_engine_exception".equals(item.error().type())) {
                    throw new SearchUnavailableException("Elasticsearch refused document " + item.id() + " in "
                            + item.index() + ": " + item.error().type() + " " + item.error().reason());
                }
            }
        }
    }

    /**
     * Every document behind {@code alias} with {@code unit} in one of {@code pathFields}, handed over in pages of at
     * most {@code pageSize} (sorted by case id, paged with {@code search_after}). The alias is refreshed first, so every
     * write acknowledged before the call is seen. The stripped Elasticsearch has neither painless nor
     * {@code _update_by_query} (stack-notes "Elasticsearch from Maven Central"), so callers rewrite through bulk writes.
     *
     * @throws SearchUnavailableException when Elasticsearch is down or the alias is missing
     */
    public void scanUnder(String alias, String unit, List<String> pathFields, int pageSize,
                          Consumer<List<CaseSearchDocument>> pages) {
        ensureReady();
        try {
            client.indices().refresh(r -> r.index(alias));
        } catch (IOException | RuntimeException e) {
            throw unavailable("Elasticsearch refused to refresh " + alias, e);
        }
        String after = null;
        while (true) {
            String from = after;
            List<Hit<CaseSearchDocument>> hits;
            try {
                hits = client.search(s -> {
                    s.index(alias).size(pageSize).sort(o -> o.field(f -> f.field("caseId").order(SortOrder.Asc)))
                            .query(q -> q.bool(b -> {
                                pathFields.forEach(field -> b.should(t -> t.term(term -> term.field(field)
                                        .value(unit))));
                                return b.minimumShouldMatch("1");
                            }));
                    if (from != null) {
                        s.searchAfter(FieldValue.of(from));
                    }
                    return s;
                }, CaseSearchDocument.class).hits().hits();
            } catch (IOException | RuntimeException e) {
                throw unavailable("Elasticsearch refused a scan of " + alias + " for unit " + unit, e);
            }
            if (hits.isEmpty()) {
                return;
            }
            pages.accept(hits.stream().map(Hit::source).filter(java.util.Objects::nonNull).toList());
            if (hits.size() < pageSize) {
                return;
            }
            after = hits.get(hits.size() - 1).id();
        }
    }

    /**
     * Puts one case's document in the concrete index {@code index} back to what the event store holds, after a crash
     * left the document ahead of the store at external version {@code aheadVersion} (the sequence of an event the
     * store lost; README "Effects of lost events"). External versions never go down, and a delete leaves a tombstone
     * at its version for {@code index.gc_deletes}, so the store's fold is indexed <em>at</em> {@code aheadVersion}
     * (its own {@code lastSequence} field says where the store is), and without a fold the document is deleted at that
     * version. The case's next events then land as usual from the sequence {@code aheadVersion} on ({@code external_gte}
     * takes an equal version); events between the store's sequence and it are refused as older, which leaves the
     * fold one event behind until the case reaches that sequence, never a missing document. A version conflict (a
     * newer document came meanwhile) is left alone.
     *
     * @param fold the store's document for the case, empty when the store has no event of it
     * @throws SearchUnavailableException when Elasticsearch is down or refused the write
     */
    public void restoreBehind(String index, String caseId, Optional<CaseSearchDocument> fold, long aheadVersion) {
        try {
            if (fold.isPresent()) {
                long version = Math.max(aheadVersion, fold.get().lastSequence());
                client.index(i -> i.index(index).id(caseId).version(version).versionType(VersionType.ExternalGte)
                        .document(fold.get()));
            } else {
                client.delete(d -> d.index(index).id(caseId).version(aheadVersion)
                        .versionType(VersionType.ExternalGte));
            }
        } catch (co.elastic.clients.elasticsearch._types.ElasticsearchException e) {
            if (!"version_conflict_engine_exception".equals(e.error().type())) {
                throw unavailable("Elasticsearch refused to restore case " + caseId + " in " + index, e);
            }
        } catch (IOException | RuntimeException e) {
            throw unavailable("Elasticsearch refused to restore case " + caseId + " in " + index, e);
        }
    }

    /** Forgets that the index was checked, so that the next use checks again (after a rebuild or an outage). */
    public void recheck() {
        ready = false;
    }

    private SearchUnavailableException unavailable(String message, Exception e) {
        ready = false;
        return e instanceof SearchUnavailableException s ? s : new SearchUnavailableException(message + ": " + e, e);
    }

    /** Deletes a concrete index (after a rebuild switched away from it). */
    public void delete(String index) {
        try {
            client.indices().delete(d -> d.index(index));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
