package org.weimin.query.figures;

import co.elastic.clients.elasticsearch._types.aggregations.Aggregation;
import co.elastic.clients.elasticsearch._types.query_dsl.BoolQuery;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.weimin.events.calendar.WorkingCalendar;

/**
 * Builds the Elasticsearch queries and aggregations behind the figures; pure (no I/O), so that what a figure counts
 * and what its explanation lists are provably the same query: a figure's count is the number of documents matching
 * {@link #members} for its set, row and period, and the aggregation ({@link #rowsQuery} + {@link #rowsAggregation})
 * splits exactly that conjunction into buckets (a {@code filters} bucket per unit row or a {@code terms} bucket per
 * staff member, then a {@code date_histogram} bucket per period with {@code time_zone: Asia/Shanghai}, or a
 * {@code filters} bucket per period for the overlap cohort {@code openInPeriod}).
 *
 * <p>Rates are not computed here: the stripped Elasticsearch build has no scripts (stack-notes, "Elasticsearch from
 * Maven Central"), so {@link FigureMath} divides the counts in Java.
 */
public final class FigureQueries {
    /** Name of the row-level aggregation. */
    static final String ROWS = "rows";
    /** Name of the period-level aggregation under each row. */
    static final String PERIODS = "periods";
    static final String AVG_NET = "avgNet";
    static final String AVG_GROSS = "avgGross";
    static final String P90_NET = "p90Net";
    static final String P90_GROSS = "p90Gross";
    static final String BREACH_SUM = "breachSum";
    /** The percentile reported beside the average (issue 5: 90th percentile of working days to completion). */
    static final double PERCENTILE = 90.0;

    private FigureQueries() {
    }

    /**
     * The members of a set for one row in one period: the query the explain endpoint lists.
     *
     * @param key   the row: a window, a unit (matched with its subtree for centre and unit rows) or a staff id
     * @param scope for the staff dimension, the unit whose subtree the staff member's cases are counted in; ignored
     *              otherwise
     * @throws IllegalArgumentException when the set is not attributed to rows of the dimension (overdue and open cases
     *                                  for staff)
     */
    public static Query members(CaseSet set, Dimension dimension, String key, String scope, Period period) {
        BoolQuery.Builder bool = new BoolQuery.Builder();
        bool.filter(inRange(set, period.start(), period.end()));
        bool.filter(row(set.attribution(), dimension, key));
        if (dimension == Dimension.STAFF) {
            bool.filter(anyOf(set.attribution().staffScopeFields(), scope));
        }
        if (set.condition() != null) {
            bool.filter(set.condition());
        }
        return Query.of(q -> q.bool(bool.build()));
    }

    /**
     * The query of a set's aggregation: in the whole range of periods, matching the set's condition, and for the staff
     * dimension within the scope (and the one staff member asked for, if any). Rows and periods split it further.
     */
    public static Query rowsQuery(CaseSet set, Dimension dimension, String scope, String onlyStaff,
                                  List<Period> periods) {
        BoolQuery.Builder bool = new BoolQuery.Builder();
        bool.filter(inRange(set, periods.get(0).start(), periods.get(periods.size() - 1).end()));
        if (set.condition() != null) {
            bool.filter(set.condition());
        }
        if (dimension == Dimension.STAFF) {
            bool.filter(anyOf(set.attribution().staffScopeFields(), scope));
            if (onlyStaff != null) {
                bool.filter(term(set.attribution().staffField(), onlyStaff));
            }
        }
        return Query.of(q -> q.bool(bool.build()));
    }

    /**
     * The aggregation splitting {@link #rowsQuery} into rows and periods.
     *
     * @param unitRows   for unit dimensions: the row keys (windows, centres or the one unit); ignored for staff
     * @param staffLimit for the staff dimension: the most staff members returned ({@code terms} size)
     */
    public static Aggregation rowsAggregation(CaseSet set, Dimension dimension, List<String> unitRows,
                                              List<Period> periods, int staffLimit) {
        Map<String, Aggregation> perRow = Map.of(PERIODS, periodsAggregation(set, periods));
        if (dimension == Dimension.STAFF) {
            return Aggregation.of(a -> a.terms(t -> t.field(set.attribution().staffField()).size(staffLimit))
                    .aggregations(perRow));
        }
        Map<String, Query> filters = new LinkedHashMap<>();
        for (String key : unitRows) {
            filters.put(key, row(set.attribution(), dimension, key));
        }
        return Aggregation.of(a -> a.filters(f -> f.filters(b -> b.keyed(filters))).aggregations(perRow));
    }

    /** Periods under a row: a {@code date_histogram} in Asia/Shanghai, or keyed overlap filters for open cases. */
    static Aggregation periodsAggregation(CaseSet set, List<Period> periods) {
        Map<String, Aggregation> metrics = metrics(set);
        if (set.dateField() == null) {
            Map<String, Query> filters = new LinkedHashMap<>();
            for (Period p : periods) {
                filters.put(p.key(), inRange(set, p.start(), p.end()));
            }
            return Aggregation.of(a -> a.filters(f -> f.filters(b -> b.keyed(filters))).aggregations(metrics));
        }
        Granularity g = periods.get(0).granularity();
        return Aggregation.of(a -> a.dateHistogram(d -> d.field(set.dateField()).calendarInterval(g.interval())
                .timeZone(WorkingCalendar.ZONE.getId()).minDocCount(1)).aggregations(metrics));
    }

    /** Working days (net and gross: rules.md "Figures") for completions; the number of breaches for breaches. */
    private static Map<String, Aggregation> metrics(CaseSet set) {
        Map<String, Aggregation> metrics = new LinkedHashMap<>();
        if (set.param().equals(CaseSet.COMPLETED.param())) {
            metrics.put(AVG_NET, Aggregation.of(a -> a.avg(v -> v.field("workingDaysNet"))));
            metrics.put(AVG_GROSS, Aggregation.of(a -> a.avg(v -> v.field("workingDaysGross"))));
            metrics.put(P90_NET, Aggregation.of(a -> a.percentiles(p -> p.field("workingDaysNet")
                    .percents(PERCENTILE))));
            metrics.put(P90_GROSS, Aggregation.of(a -> a.percentiles(p -> p.field("workingDaysGross")
                    .percents(PERCENTILE))));
        } else if (set.param().equals(CaseSet.BREACHES.param())) {
            metrics.put(BREACH_SUM, Aggregation.of(a -> a.sum(v -> v.field("breaches"))));
        }
        return metrics;
    }

    /**
     * Cases of the set whose instant lies in {@code [from, to)}; for {@code openInPeriod}, cases received before
     * {@code to} and not completed before {@code from} (still open, or completed at or after {@code from}).
     */
    static Query inRange(CaseSet set, Instant from, Instant to) {
        if (set.dateField() == null) {
            Query notCompletedBefore = Query.of(q -> q.bool(b -> b
                    .should(s -> s.bool(n -> n.mustNot(m -> m.exists(e -> e.field("completedAt")))))
                    .should(s -> s.range(r -> r.date(d -> d.field("completedAt").gte(from.toString()))))
                    .minimumShouldMatch("1")));
            return Query.of(q -> q.bool(b -> b
                    .filter(f -> f.range(r -> r.date(d -> d.field("receivedAt").lt(to.toString()))))
                    .filter(notCompletedBefore)));
        }
        return Query.of(q -> q.range(r -> r.date(d -> d.field(set.dateField()).gte(from.toString())
                .lt(to.toString()))));
    }

    /**
     * The row condition: a window row matches the attribution's own unit field; centre and unit rows match any of its
     * path fields (the unit or an ancestor: subtree roll-up; a grade counts once even when both the receiving window
     * and the completing unit lie in the subtree); a staff row matches the staff field.
     *
     * @throws IllegalArgumentException for staff rows of an attribution that names no staff member
     */
    static Query row(Attribution attribution, Dimension dimension, String key) {
        return switch (dimension) {
            case WINDOW -> term(attribution.unitField(), key);
            case CENTRE, UNIT -> anyOf(attribution.pathFields(), key);
            case STAFF -> {
                if (attribution.staffField() == null) {
                    throw new IllegalArgumentException(attribution + " figures are not attributed to staff");
                }
                yield term(attribution.staffField(), key);
            }
        };
    }

    private static Query anyOf(List<String> fields, String value) {
        if (fields.size() == 1) {
            return term(fields.get(0), value);
        }
        return Query.of(q -> q.bool(b -> {
            fields.forEach(f -> b.should(term(f, value)));
            return b.minimumShouldMatch("1");
        }));
    }

    private static Query term(String field, String value) {
        return Query.of(q -> q.term(t -> t.field(field).value(value)));
    }
}
