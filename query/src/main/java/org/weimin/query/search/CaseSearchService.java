package org.weimin.query.search;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.SortOptions;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.aggregations.Aggregate;
import co.elastic.clients.elasticsearch._types.aggregations.StringTermsBucket;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.weimin.events.DomainException;
import org.weimin.events.ErrorCode;
import org.weimin.projections.search.CaseSearchDocument;
import org.weimin.projections.search.CaseSearchIndex;
import org.weimin.projections.search.SearchUnavailableException;

/**
 * Runs supervisor searches against the case search index alias: one page with its total and facets, or every hit in
 * order for an export (pages of {@value #EXPORT_PAGE} by {@code search_after}, so memory stays flat however many
 * rows). Sorting always ends with the case id, which makes {@code search_after} tokens exact.
 *
 * @throws SearchUnavailableException from every method when Elasticsearch cannot be reached
 */
public class CaseSearchService {
    static final int EXPORT_PAGE = 1000;
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private final CaseSearchIndex index;
    private final CaseSearchQueries queries;

    public CaseSearchService(CaseSearchIndex index, CaseSearchQueries queries) {
        this.index = index;
        this.queries = queries;
    }

    /** Sort orders offered; each ends with the case id as tie-breaker. */
    public enum Sort {
        RELEVANCE("relevance", "_score"),
        RECEIVED_AT("receivedAt", "receivedAt"),
        DEADLINE("deadline", "deadline"),
        COMPLETED_AT("completedAt", "completedAt");

        private final String param;
        private final String field;

        Sort(String param, String field) {
            this.param = param;
            this.field = field;
        }

        /** @return the sort for a request parameter value, or null when unknown */
        public static Sort fromParam(String value) {
            for (Sort s : values()) {
                if (s.param.equals(value)) {
                    return s;
                }
            }
            return null;
        }
    }

    /**
     * @param size  page size (0 for exports)
     * @param page  0-based page number for shallow paging
     * @param after the opaque {@code next} token of the previous page, or null
     */
    public record Paging(Sort sort, boolean ascending, int size, int page, String after) {
    }

    /**
     * A page: the total number of matches, the hits, the token for the next page (null after the last), and facet
     * counts per status, holding unit and grade over all matches.
     */
    public record Page(long total, List<Hit> items, String next, Map<String, Map<String, Long>> facets) {
        /** One hit: the indexed case (personal data masked) and its relevance score when sorted by relevance. */
        public record Hit(CaseSearchDocument item, Double score) {
        }
    }

    /** One page of a search. */
    public Page search(CaseSearchFilter filter, Paging paging) {
        return page(queries.query(filter), paging, true);
    }

    /** How many cases match (no hits, no facets): what an export is about to write. */
    public long count(CaseSearchFilter filter) {
        index.ensureReady();
        try {
            return index.client().count(c -> c.index(index.alias()).query(queries.query(filter))).count();
        } catch (IOException | RuntimeException e) {
            throw unavailable(e);
        }
    }

    /** A unit's own queue: open cases it holds (or awaits), earliest deadline first. */
    public Page queue(String unit, Paging paging) {
        return page(queries.queue(unit), paging, false);
    }

    private Page page(Query query, Paging paging, boolean facets) {
        List<FieldValue> after = decode(paging.after(), sortKey(paging)); // a bad token is a 400 even when ES is down
        index.ensureReady();
        SearchResponse<CaseSearchDocument> response;
        try {
            response = index.client().search(s -> {
                s.index(index.alias()).query(query).size(paging.size()).trackTotalHits(t -> t.enabled(true))
                        .sort(sort(paging));
                if (after != null) {
                    s.searchAfter(after);
                } else if (paging.page() > 0) {
                    s.from(paging.page() * paging.size());
                }
                if (facets) {
                    s.aggregations("status", a -> a.terms(t -> t.field("status").size(20)));
                    s.aggregations("unit", a -> a.terms(t -> t.field("holder").size(100)));
                    s.aggregations("grade", a -> a.terms(t -> t.field("grade").size(10)));
                }
                return s;
            }, CaseSearchDocument.class);
        } catch (IOException | RuntimeException e) {
            throw unavailable(e);
        }
        List<Page.Hit> items = new ArrayList<>();
        List<FieldValue> last = null;
        for (Hit<CaseSearchDocument> hit : response.hits().hits()) {
            items.add(new Page.Hit(hit.source(), paging.sort() == Sort.RELEVANCE ? hit.score() : null));
            last = hit.sort();
        }
        long total = response.hits().total() == null ? items.size() : response.hits().total().value();
        Map<String, Map<String, Long>> facetCounts = new LinkedHashMap<>();
        if (facets) {
            for (String name : List.of("status", "unit", "grade")) {
                facetCounts.put(name, counts(response.aggregations().get(name)));
            }
        }
        boolean full = items.size() == paging.size() && last != null;
        boolean more = paging.after() != null ? full
                : full && (long) paging.page() * paging.size() + items.size() < total;
        return new Page(total, items, more ? encode(last, sortKey(paging)) : null, facetCounts);
    }

    /**
     * Calls {@code each} for every match in sort order, fetching {@value #EXPORT_PAGE} at a time.
     *
     * @return the number of matches delivered
     */
    public long forEach(CaseSearchFilter filter, Sort sort, boolean ascending, Consumer<CaseSearchDocument> each) {
        index.ensureReady();
        Query query = queries.query(filter);
        Paging paging = new Paging(sort, ascending, EXPORT_PAGE, 0, null);
        List<FieldValue> after = null;
        long delivered = 0;
        while (true) {
            List<FieldValue> from = after;
            SearchResponse<CaseSearchDocument> response;
            try {
                response = index.client().search(s -> {
                    s.index(index.alias()).query(query).size(EXPORT_PAGE).trackTotalHits(t -> t.enabled(false))
                            .sort(sort(paging));
                    if (from != null) {
                        s.searchAfter(from);
                    }
                    return s;
                }, CaseSearchDocument.class);
            } catch (IOException | RuntimeException e) {
                throw unavailable(e);
            }
            List<Hit<CaseSearchDocument>> hits = response.hits().hits();
            for (Hit<CaseSearchDocument> hit : hits) {
                each.accept(hit.source());
                delivered++;
            }
            if (hits.size() < EXPORT_PAGE) {
                return delivered;
            }
            after = hits.get(hits.size() - 1).sort();
        }
    }

    private static List<SortOptions> sort(Paging paging) {
        SortOrder order = paging.ascending() ? SortOrder.Asc : SortOrder.Desc;
        List<SortOptions> sorts = new ArrayList<>();
        if (paging.sort() == Sort.RELEVANCE) {
            sorts.add(SortOptions.of(s -> s.score(x -> x.order(paging.ascending() ? SortOrder.Asc : SortOrder.Desc))));
        } else {
            sorts.add(SortOptions.of(s -> s.field(f -> f.field(paging.sort().field).order(order).missing("_last"))));
        }
        sorts.add(SortOptions.of(s -> s.field(f -> f.field("caseId").order(SortOrder.Asc))));
        return sorts;
    }

    private static Map<String, Long> counts(Aggregate aggregate) {
        Map<String, Long> counts = new LinkedHashMap<>();
        if (aggregate != null && aggregate.isSterms()) {
            for (StringTermsBucket bucket : aggregate.sterms().buckets().array()) {
                counts.put(bucket.key().stringValue(), bucket.docCount());
            }
        }
        return counts;
    }

    /** What a token is bound to: the sort and its direction (a token of one order is refused for another). */
    static String sortKey(Paging paging) {
        return paging.sort().param + ":" + (paging.ascending() ? "asc" : "desc");
    }

    /** The opaque token: base64url of a JSON array: the sort key, then the last hit's sort values. */
    static String encode(List<FieldValue> values, String sortKey) {
        if (values == null) {
            return null;
        }
        List<Object> plain = new ArrayList<>();
        plain.add(sortKey);
        for (FieldValue v : values) {
            plain.add(v.isNull() ? null : v._get());
        }
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(JSON.writeValueAsBytes(plain));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * @throws DomainException {@code VALIDATION_FAILED} for a token this service did not produce, or one produced for
     *                         another sort order
     */
    static List<FieldValue> decode(String token, String sortKey) {
        if (token == null) {
            return null;
        }
        try {
            if (token.length() > 1000) {
                throw new IllegalArgumentException("too long");
            }
            byte[] bytes = Base64.getUrlDecoder().decode(token);
            List<Object> plain = JSON.readValue(new String(bytes, StandardCharsets.UTF_8), new TypeReference<>() {
            });
            if (plain == null || plain.size() != 3 || !sortKey.equals(plain.get(0))) {
                throw new IllegalArgumentException("not a token of this sort");
            }
            List<FieldValue> values = new ArrayList<>();
            for (Object o : plain.subList(1, plain.size())) {
                if (o == null) {
                    values.add(FieldValue.NULL);
                } else if (o instanceof Integer || o instanceof Long) {
                    values.add(FieldValue.of(((Number) o).longValue()));
                } else if (o instanceof Number n) {
                    values.add(FieldValue.of(n.doubleValue()));
                } else if (o instanceof String s) {
                    values.add(FieldValue.of(s));
                } else if (o instanceof Boolean b) {
                    values.add(FieldValue.of(b));
                } else {
                    throw new IllegalArgumentException("unexpected value");
                }
            }
            return values;
        } catch (IllegalArgumentException | IOException e) {
            throw new DomainException(ErrorCode.VALIDATION_FAILED, "The 'after' token is not one this service gave "
                    + "for this sort order.", Map.of("after", "the 'next' token of the previous page, same sort"));
        }
    }

    private RuntimeException unavailable(Exception e) {
        if (e instanceof co.elastic.clients.elasticsearch._types.ElasticsearchException es && es.status() == 400) {
            return new DomainException(ErrorCode.VALIDATION_FAILED, "The search cannot be run with these parameters"
                    + " (check the 'after' token and the sort).", Map.of());
        }
        index.recheck();
        return e instanceof SearchUnavailableException s ? s
                : new SearchUnavailableException("Elasticsearch search failed: " + e, e);
    }
}
