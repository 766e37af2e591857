package org.weimin.query.figures;

import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.aggregations.Aggregate;
import co.elastic.clients.elasticsearch._types.aggregations.DateHistogramBucket;
import co.elastic.clients.elasticsearch._types.aggregations.FiltersBucket;
import co.elastic.clients.elasticsearch._types.aggregations.StringTermsBucket;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.weimin.events.DomainException;
import org.weimin.events.ErrorCode;
import org.weimin.events.UnitId;
import org.weimin.events.cases.Grade;
import org.weimin.events.org.OrgTree;
import org.weimin.events.org.OrgUnit;
import org.weimin.events.org.OrgUnitKind;
import org.weimin.events.calendar.WorkingCalendar;
import org.weimin.projections.search.CaseSearchDocument;
import org.weimin.projections.search.CaseSearchIndex;
import org.weimin.projections.search.SearchUnavailableException;

/**
 * Assessment figures (rules.md "Figures (assessment)", issue 5) from aggregations over the case search index, never by
 * scanning the case documents in MongoDB: one size-0 search per {@link CaseSet} whose buckets are rows (a
 * {@code filters} bucket per window, centre or unit; a {@code terms} bucket per staff member) and periods (a
 * {@code date_histogram} in Asia/Shanghai, or overlap filters for open cases), with {@code avg} and
 * {@code percentiles} of working days under completions and a {@code sum} of breaches. Rates are divided here
 * ({@link FigureMath}). {@link #explain} lists the members of one bucket with the very query the bucket counts
 * ({@link FigureQueries#members}).
 *
 * @throws SearchUnavailableException from every method when Elasticsearch cannot be reached (→ 503)
 */
public class FiguresService {
    /** Most staff members one figures request returns per set (a {@code terms} size); more is a 400. */
    static final int STAFF_LIMIT = 1000;
    /** Most rows × periods one figures request may produce. */
    static final int MAX_CELLS = 5000;

    private final CaseSearchIndex index;
    private final OrgTree orgTree;

    /**
     * @param index   the case search index (read through its alias)
     * @param orgTree the org tree: the windows and centres under a unit are the rows of those dimensions
     */
    public FiguresService(CaseSearchIndex index, OrgTree orgTree) {
        this.index = index;
        this.orgTree = orgTree;
    }

    /**
     * The figures of every row and period.
     *
     * @param dimension   the breakdown ({@code window}, {@code centre}, {@code unit}, {@code staff})
     * @param granularity {@code day}, {@code month} or {@code year}
     * @param timeZone    always {@code Asia/Shanghai}: the zone every period is cut in
     * @param unit        the unit whose subtree is broken down
     * @param periods     the period names, in order
     * @param rules       where the definitions come from
     */
    public record Report(String dimension, String granularity, String timeZone, String unit, List<String> periods,
                         List<Row> rows, String rules) {
    }

    /**
     * One row: a window, centre, unit (with its subtree) or staff member.
     *
     * @param name the unit's name (null for staff)
     * @param kind the unit's kind, or {@code STAFF}
     */
    public record Row(String key, String name, String kind, List<PeriodFigures> periods) {
    }

    /**
     * One period of a row: its name, its bounds as instants (00:00 Asia/Shanghai, end exclusive) and its figures by
     * name: {@code received}, {@code completionRate}, {@code completed}, {@code onTime}, {@code onTimeRate},
     * {@code overdue}, {@code openInPeriod}, {@code overdueRate}, {@code workingDays}, {@code graded},
     * {@code satisfactionRate}, {@code grade.VERY_SATISFIED} … {@code grade.VERY_DISSATISFIED}, {@code rectified},
     * {@code breaches}.
     */
    public record PeriodFigures(String period, String start, String end, Map<String, Figure> figures) {
    }

    /**
     * Computes the report.
     *
     * @param periods   consecutive periods of one granularity
     * @param unit      the unit whose subtree is broken down (already checked to be in the caller's scope)
     * @param onlyStaff for the staff dimension, only this staff member; else null
     * @throws DomainException {@code VALIDATION_FAILED} when the request would produce more than {@value #MAX_CELLS}
     *                         rows × periods or more than {@value #STAFF_LIMIT} staff members
     */
    public Report figures(Dimension dimension, List<Period> periods, String unit, String onlyStaff) {
        List<String> unitRows = switch (dimension) {
            case WINDOW -> unitsWithin(unit, OrgUnitKind.WINDOW);
            case CENTRE -> unitsWithin(unit, OrgUnitKind.SERVICE_CENTRE);
            case UNIT -> List.of(unit);
            case STAFF -> List.of();
        };
        if ((long) Math.max(1, unitRows.size()) * periods.size() > MAX_CELLS) {
            throw tooMany(unitRows.size() + " rows × " + periods.size() + " periods");
        }
        index.ensureReady();
        Map<String, Map<String, Map<String, Cell>>> bySet = new LinkedHashMap<>();
        TreeSet<String> staffRows = new TreeSet<>();
        for (CaseSet set : CaseSet.all()) {
            if (!set.attribution().applies(dimension)) {
                continue;
            }
            Map<String, Map<String, Cell>> cells = aggregate(set, dimension, unitRows, periods, unit, onlyStaff);
            staffRows.addAll(cells.keySet());
            bySet.put(set.param(), cells);
        }
        List<String> rowKeys = dimension == Dimension.STAFF ? List.copyOf(staffRows) : unitRows;
        if ((long) rowKeys.size() * periods.size() > MAX_CELLS) {
            throw tooMany(rowKeys.size() + " staff members × " + periods.size() + " periods");
        }
        List<Row> rows = new ArrayList<>();
        for (String key : rowKeys) {
            List<PeriodFigures> cells = new ArrayList<>();
            for (Period p : periods) {
                cells.add(new PeriodFigures(p.key(), p.start().toString(), p.end().toString(),
                        figures(dimension, key, p.key(), bySet)));
            }
            OrgUnit u = dimension == Dimension.STAFF ? null : orgTree.find(new UnitId(key)).orElse(null);
            rows.add(new Row(key, u == null ? null : u.name(), u == null ? "STAFF" : u.kind().name(), cells));
        }
        return new Report(dimension.param(), periods.get(0).granularity().param(), WorkingCalendar.ZONE.getId(), unit,
                periods.stream().map(Period::key).toList(), rows, "rules.md \"Figures (assessment)\"");
    }

    /** The figures of one row and period from the per-set cells. */
    static Map<String, Figure> figures(Dimension dimension, String row, String period,
                                       Map<String, Map<String, Map<String, Cell>>> bySet) {
        Map<String, Figure> f = new LinkedHashMap<>();
        long received = count(bySet, CaseSet.RECEIVED, row, period);
        long receivedCompleted = count(bySet, CaseSet.RECEIVED_COMPLETED, row, period);
        long completed = count(bySet, CaseSet.COMPLETED, row, period);
        long onTime = count(bySet, CaseSet.ON_TIME, row, period);
        f.put("received", Figure.count(CaseSet.RECEIVED, dimension, received));
        f.put("completionRate", Figure.rate("of the cases received in the period, those completed by now",
                CaseSet.RECEIVED_COMPLETED, receivedCompleted, CaseSet.RECEIVED, received, dimension));
        f.put("completed", Figure.count(CaseSet.COMPLETED, dimension, completed));
        f.put("onTime", Figure.count(CaseSet.ON_TIME, dimension, onTime));
        f.put("onTimeRate", Figure.rate("of the cases completed in the period, those completed on time",
                CaseSet.ON_TIME, onTime, CaseSet.COMPLETED, completed, dimension));
        if (CaseSet.OVERDUE.attribution().applies(dimension)) {
            long overdue = count(bySet, CaseSet.OVERDUE, row, period);
            long open = count(bySet, CaseSet.OPEN_IN_PERIOD, row, period);
            f.put("overdue", Figure.count(CaseSet.OVERDUE, dimension, overdue));
            f.put("openInPeriod", Figure.count(CaseSet.OPEN_IN_PERIOD, dimension, open));
            // A case is overdue only while open and its holder is among the units involved, so overdue ⊆ open;
            // should the index ever disagree, the rate is withheld (null) rather than above 1.
            f.put("overdueRate", new Figure(null, null, overdue > open ? null : FigureMath.rate(overdue, open),
                    overdue, open, null, null, null, null, null,
                    "cases that became overdue in the period ÷ cases open at any time in the period",
                    CaseSet.OVERDUE.attribution().describe(dimension) + "; denominator: "
                            + CaseSet.OPEN_IN_PERIOD.attribution().describe(dimension), null, null,
                    CaseSet.OVERDUE.param(), CaseSet.OPEN_IN_PERIOD.param()));
        } else {
            f.put("overdue", Figure.notAttributed(CaseSet.OVERDUE.cohort(), CaseSet.OVERDUE.attribution(), dimension));
            f.put("overdueRate", Figure.notAttributed("cases that became overdue in the period ÷ cases open at any "
                    + "time in the period", CaseSet.OVERDUE.attribution(), dimension));
        }
        Cell done = cell(bySet, CaseSet.COMPLETED, row, period);
        f.put("workingDays", done == null ? Figure.workingDays(dimension, 0, null, null, null, null)
                : Figure.workingDays(dimension, done.count(), done.avgNet(), done.p90Net(), done.avgGross(),
                done.p90Gross()));
        long graded = count(bySet, CaseSet.GRADED, row, period);
        long good = count(bySet, CaseSet.GOOD, row, period);
        f.put("graded", Figure.count(CaseSet.GRADED, dimension, graded));
        f.put("good", Figure.count(CaseSet.GOOD, dimension, good));
        f.put("satisfactionRate", Figure.rate("of the grades in force given in the period, the good ones",
                CaseSet.GOOD, good, CaseSet.GRADED, graded, dimension));
        for (Grade g : Grade.values()) {
            CaseSet set = CaseSet.grade(g);
            f.put(set.param(), Figure.count(set, dimension, count(bySet, set, row, period)));
        }
        f.put("rectified", Figure.count(CaseSet.RECTIFIED, dimension, count(bySet, CaseSet.RECTIFIED, row, period)));
        Cell breaches = cell(bySet, CaseSet.BREACHES, row, period);
        f.put("breaches", Figure.sum(CaseSet.BREACHES, dimension, breaches == null ? 0 : breaches.count(),
                breaches == null || breaches.breachSum() == null ? 0 : Math.round(breaches.breachSum())));
        return f;
    }

    /**
     * One bucket: how many cases, and the metrics computed under it (null when not computed or over no values).
     */
    record Cell(long count, Double avgNet, Double p90Net, Double avgGross, Double p90Gross, Double breachSum) {
        static Cell of(long count, Map<String, Aggregate> aggs) {
            return new Cell(count, avg(aggs.get(FigureQueries.AVG_NET)), p90(aggs.get(FigureQueries.P90_NET)),
                    avg(aggs.get(FigureQueries.AVG_GROSS)), p90(aggs.get(FigureQueries.P90_GROSS)),
                    aggs.get(FigureQueries.BREACH_SUM) == null ? null
                            : FigureMath.metric(aggs.get(FigureQueries.BREACH_SUM).sum().value()));
        }

        private static Double avg(Aggregate a) {
            return a == null ? null : FigureMath.metric(a.avg().value());
        }

        private static Double p90(Aggregate a) {
            if (a == null || !a.isTdigestPercentiles()) {
                return null;
            }
            var values = a.tdigestPercentiles().values();
            if (values.isKeyed()) {
                return values.keyed().values().stream().findFirst().map(FigureMath::metric).orElse(null);
            }
            return values.array().isEmpty() ? null : FigureMath.metric(values.array().get(0).value());
        }
    }

    private static long count(Map<String, Map<String, Map<String, Cell>>> bySet, CaseSet set, String row,
                              String period) {
        Cell c = cell(bySet, set, row, period);
        return c == null ? 0 : c.count();
    }

    private static Cell cell(Map<String, Map<String, Map<String, Cell>>> bySet, CaseSet set, String row,
                             String period) {
        return bySet.getOrDefault(set.param(), Map.of()).getOrDefault(row, Map.of()).get(period);
    }

    /** row → period → cell for one set. */
    private Map<String, Map<String, Cell>> aggregate(CaseSet set, Dimension dimension, List<String> unitRows,
                                                     List<Period> periods, String scope, String onlyStaff) {
        Query query = FigureQueries.rowsQuery(set, dimension, scope, onlyStaff, periods);
        SearchResponse<Void> response;
        try {
            response = index.client().search(s -> s.index(index.alias()).size(0).trackTotalHits(t -> t.enabled(false))
                    .query(query)
                    .aggregations(FigureQueries.ROWS, FigureQueries.rowsAggregation(set, dimension, unitRows, periods,
                            STAFF_LIMIT)), Void.class);
        } catch (IOException | RuntimeException e) {
            throw unavailable(e);
        }
        Aggregate rows = response.aggregations().get(FigureQueries.ROWS);
        Map<String, Map<String, Cell>> out = new HashMap<>();
        if (dimension == Dimension.STAFF) {
            if (rows.sterms().sumOtherDocCount() != null && rows.sterms().sumOtherDocCount() > 0) {
                throw tooMany("more than " + STAFF_LIMIT + " staff members");
            }
            for (StringTermsBucket b : rows.sterms().buckets().array()) {
                out.put(b.key().stringValue(), periods(b.aggregations().get(FigureQueries.PERIODS), periods));
            }
        } else {
            for (Map.Entry<String, FiltersBucket> e : rows.filters().buckets().keyed().entrySet()) {
                out.put(e.getKey(), periods(e.getValue().aggregations().get(FigureQueries.PERIODS), periods));
            }
        }
        return out;
    }

    private static Map<String, Cell> periods(Aggregate aggregate, List<Period> periods) {
        Map<String, Cell> out = new HashMap<>();
        if (aggregate.isFilters()) {
            aggregate.filters().buckets().keyed().forEach((key, b) -> out.put(key, Cell.of(b.docCount(),
                    b.aggregations())));
            return out;
        }
        Granularity g = periods.get(0).granularity();
        for (DateHistogramBucket b : aggregate.dateHistogram().buckets().array()) {
            String key = Period.containing(g, Instant.ofEpochMilli(b.key())).key();
            out.put(key, Cell.of(b.docCount(), b.aggregations()));
        }
        return out;
    }

    /**
     * A page of the cases behind one figure: the members of {@code set} for one row in one period, by case id.
     *
     * @param key   the row: a window, centre or unit id, or a staff id for the staff dimension
     * @param scope for the staff dimension, the subtree the staff member's cases are counted in
     * @param after the last case id of the previous page, or null
     */
    public Explanation explain(CaseSet set, Dimension dimension, String key, String scope, Period period, int size,
                               String after) {
        index.ensureReady();
        Query query = FigureQueries.members(set, dimension, key, scope, period);
        SearchResponse<CaseSearchDocument> response;
        try {
            response = index.client().search(s -> {
                s.index(index.alias()).query(query).size(size + 1).trackTotalHits(t -> t.enabled(true))
                        .sort(o -> o.field(f -> f.field("caseId").order(SortOrder.Asc)));
                if (after != null) {
                    s.searchAfter(FieldValue.of(after));
                }
                return s;
            }, CaseSearchDocument.class);
        } catch (IOException | RuntimeException e) {
            throw unavailable(e);
        }
        List<Hit<CaseSearchDocument>> hits = response.hits().hits();
        List<ExplainedCase> items = new ArrayList<>();
        for (int i = 0; i < Math.min(size, hits.size()); i++) {
            items.add(ExplainedCase.of(hits.get(i).source()));
        }
        String next = hits.size() > size ? items.get(items.size() - 1).caseId() : null;
        long total = response.hits().total() == null ? items.size() : response.hits().total().value();
        return new Explanation(set.param(), dimension.param(), key, dimension == Dimension.STAFF ? scope : null,
                period.key(), period.granularity().param(), period.start().toString(), period.end().toString(),
                set.cohort(), set.attribution().describe(dimension), total, items, next);
    }

    /**
     * The cases behind a figure.
     *
     * @param total the number of cases, equal to the figure's {@code count} (or the rate's numerator or denominator)
     * @param next  pass as {@code after} for the following page; null after the last
     */
    public record Explanation(String figure, String dimension, String key, String scope, String period,
                              String granularity, String start, String end, String cohort, String attributedTo,
                              long total, List<ExplainedCase> items, String next) {
    }

    /** A case behind a figure: ids and the fields figures are computed from (no personal data). */
    public record ExplainedCase(String caseId, String trackingNumber, String status, String receivedAt, String window,
                                String officer, String completedAt, String completingUnit, String completingStaff,
                                Boolean onTime, Integer workingDaysNet, Integer workingDaysGross, String overdueAt,
                                String overdueHolder, String grade, String gradedAt, int rectified, int breaches) {
        static ExplainedCase of(CaseSearchDocument d) {
            return new ExplainedCase(d.caseId(), d.trackingNumber(), d.status(), d.receivedAt(), d.window(),
                    d.officer(), d.completedAt(), d.completingUnit(), d.completingStaff(), d.onTime(),
                    d.workingDaysNet(), d.workingDaysGross(), d.overdueAt(), d.overdueHolder(), d.grade(),
                    d.gradedAt(), d.rectified(), d.breaches());
        }
    }

    private List<String> unitsWithin(String unit, OrgUnitKind kind) {
        UnitId top = new UnitId(unit);
        return orgTree.all().stream().filter(u -> u.kind() == kind && orgTree.isWithin(u.id(), top))
                .map(u -> u.id().value()).sorted().toList();
    }

    private static DomainException tooMany(String what) {
        return new DomainException(ErrorCode.VALIDATION_FAILED, "The request asks for too much at once (" + what
                + "); narrow the unit, the staff member or the periods.", Map.of("unit", "narrow the request"));
    }

    private RuntimeException unavailable(Exception e) {
        if (e instanceof DomainException d) {
            return d;
        }
        if (e instanceof ElasticsearchException es && es.status() == 400) {
            return tooMany("Elasticsearch refused the aggregation: " + es.error().type());
        }
        index.recheck();
        return e instanceof SearchUnavailableException s ? s
                : new SearchUnavailableException("Elasticsearch figures query failed: " + e, e);
    }
}
