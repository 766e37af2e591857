package org.weimin.ops.figures;

import static org.assertj.core.api.Assertions.assertThat;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import co.elastic.clients.transport.rest_client.RestClientTransport;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.http.HttpHost;
import org.elasticsearch.client.RestClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.weimin.events.UnitId;
import org.weimin.events.org.OrgTree;
import org.weimin.events.org.OrgUnit;
import org.weimin.events.org.OrgUnitKind;
import org.weimin.projections.search.CaseSearchDocument;
import org.weimin.projections.search.CaseSearchIndex;
import org.weimin.query.figures.CaseSet;
import org.weimin.query.figures.Dimension;
import org.weimin.query.figures.Figure;
import org.weimin.query.figures.FiguresService;
import org.weimin.query.figures.Granularity;
import org.weimin.query.figures.Period;

/**
 * Assessment figures (rules.md "Figures (assessment)") against the real Elasticsearch the build starts for the ITs
 * ({@code weimin.test.elasticsearch.url}): hand-built case documents in an index of this run's own prefix, the rules'
 * worked example, cases on either side of midnight Beijing time at month ends, a regrade and an overdue case; every
 * figure checked, and for every figure of every row and period the explanation lists exactly the cases counted.
 */
class FiguresIT {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-06-01T00:00:00Z"), ZoneOffset.UTC);
    private static final OrgTree TREE = OrgTree.of(List.of(
            unit("SFS", OrgUnitKind.CITY, null),
            unit("SFQ", OrgUnitKind.DISTRICT, "SFS"),
            unit("SFQ-MZJ", OrgUnitKind.LINE_DEPARTMENT, "SFQ"),
            unit("JJD", OrgUnitKind.STREET, "SFQ"),
            unit("JJD-WM", OrgUnitKind.SERVICE_CENTRE, "JJD"),
            unit("JJD-ZX", OrgUnitKind.SERVICE_CENTRE, "JJD-WM"),
            unit("JJD-ZX-W01", OrgUnitKind.WINDOW, "JJD-ZX"),
            unit("JJD-ZX-W02", OrgUnitKind.WINDOW, "JJD-ZX"),
            unit("YJD", OrgUnitKind.STREET, "SFQ"),
            unit("YJD-ZX", OrgUnitKind.SERVICE_CENTRE, "YJD"),
            unit("YJD-ZX-W01", OrgUnitKind.WINDOW, "YJD-ZX")));

    private static RestClient rest;
    private static CaseSearchIndex index;
    private static FiguresService figures;

    @BeforeAll
    static void indexTheCases() throws Exception {
        String url = System.getProperty("weimin.test.elasticsearch.url");
        assertThat(url).as("system property weimin.test.elasticsearch.url (set by the build)").isNotBlank();
        rest = RestClient.builder(HttpHost.create(url)).build();
        ElasticsearchClient client = new ElasticsearchClient(new RestClientTransport(rest, new JacksonJsonpMapper()));
        index = new CaseSearchIndex(client, "it-figures-" + UUID.randomUUID().toString().substring(0, 8), CLOCK);
        index.ensureReady();
        index.write(List.of(
                // rules.md worked example: received at 甲街道 window 2 in March, forwarded to 区民政局, completed there
                // in April on time, graded 满意 in April.
                new Doc("A-example").received("2026-03-10T02:00:00Z", "JJD-ZX-W02", "jjd-window")
                        .held("JJD-ZX", "SFQ-MZJ")
                        .completed("2026-04-08T03:00:00Z", "SFQ-MZJ", "mzj-handler", true, 5, 7)
                        .graded("SATISFIED", "2026-04-09T01:00:00Z").build(),
                // 23:59:59 on 31 March Beijing time: a March receipt; completed at 00:00 on 1 May Beijing time: May.
                new Doc("B-midnight").received("2026-03-31T15:59:59Z", "JJD-ZX-W01", "jjd-window")
                        .completed("2026-04-30T16:00:00Z", "JJD-ZX", "jjd-window", false, 20, 22).build(),
                // 00:00 on 1 April Beijing time: an April receipt; overdue at 00:00 on 16 April while JJD-ZX held it.
                new Doc("C-overdue").received("2026-03-31T16:00:00Z", "JJD-ZX-W01", "jjd-window")
                        .overdue("2026-04-15T16:00:00Z", "JJD-ZX").build(),
                // Graded 不满意 in March, rectified, regraded 满意 in April: only the April grade counts.
                new Doc("D-regrade").received("2026-02-10T01:00:00Z", "JJD-ZX-W02", "jjd-window")
                        .completed("2026-03-05T08:00:00Z", "JJD-ZX", "jjd-window", true, 3, 3)
                        .graded("SATISFIED", "2026-04-20T02:00:00Z").rectified(1).build(),
                // Two one-time-notice breaches; paused, so net and gross differ.
                new Doc("E-breaches").received("2026-03-02T01:00:00Z", "JJD-ZX-W01", "jjd-window")
                        .completed("2026-03-20T07:00:00Z", "JJD-ZX", "jjd-window", true, 4, 9).breaches(2).build(),
                // Still open.
                new Doc("F-open").received("2026-03-25T03:00:00Z", "JJD-ZX-W01", "jjd-window").build(),
                // Another street: never in 甲街道's figures.
                new Doc("G-elsewhere").received("2026-03-12T03:00:00Z", "YJD-ZX-W01", "yjd-window")
                        .completed("2026-03-13T03:00:00Z", "YJD-ZX", "yjd-window", true, 1, 1)
                        .graded("DISSATISFIED", "2026-03-14T03:00:00Z").build()),
                List.of(index.alias()));
        client.indices().refresh(r -> r.index(index.alias()));
        figures = new FiguresService(index, TREE);
    }

    @AfterAll
    static void deleteTheIndex() throws Exception {
        if (index != null) {
            index.indexBehind(index.alias()).ifPresent(index::delete);
        }
        if (rest != null) {
            rest.close();
        }
    }

    @Test
    void theWorkedExampleCountsIntakeForTheWindowAndCompletionForTheCompletingUnit() {
        // March: +1 received for window 2.
        Map<String, Figure> w2March = cell(report(Dimension.WINDOW, "JJD-ZX", "2026-03"), "JJD-ZX-W02", "2026-03");
        assertThat(w2March.get("received").count()).isEqualTo(1);
        assertThat(w2March.get("completed").count()).isZero();
        // April: +1 completed and on time for 区民政局 and its officer, +1 good grade for window 2 and for 区民政局.
        Map<String, Figure> mzjApril = cell(report(Dimension.UNIT, "SFQ-MZJ", "2026-04"), "SFQ-MZJ", "2026-04");
        assertThat(mzjApril.get("completed").count()).isEqualTo(1);
        assertThat(mzjApril.get("onTime").count()).isEqualTo(1);
        assertThat(mzjApril.get("onTimeRate").rate()).isEqualTo(1.0);
        assertThat(mzjApril.get("good").count()).isEqualTo(1);
        assertThat(mzjApril.get("grade.SATISFIED").count()).isEqualTo(1);
        assertThat(mzjApril.get("received").count()).isZero();
        assertThat(mzjApril.get("completionRate").rate()).as("no intake: undefined, not 0").isNull();
        assertThat(mzjApril.get("workingDays").averageNet()).isEqualTo(5.0);
        assertThat(mzjApril.get("workingDays").averageGross()).isEqualTo(7.0);
        assertThat(mzjApril.get("workingDays").p90Net()).isEqualTo(5.0);

        Map<String, Figure> w2April = cell(report(Dimension.WINDOW, "JJD-ZX", "2026-04"), "JJD-ZX-W02", "2026-04");
        assertThat(w2April.get("good").count()).as("A and the regraded D").isEqualTo(2);
        assertThat(w2April.get("completed").count()).isZero();

        FiguresService.Report staff = report(Dimension.STAFF, "SFQ", "2026-04");
        Map<String, Figure> handler = cell(staff, "mzj-handler", "2026-04");
        assertThat(handler.get("completed").count()).isEqualTo(1);
        assertThat(handler.get("onTime").count()).isEqualTo(1);
        assertThat(handler.get("good").count()).isEqualTo(1);
        assertThat(handler.get("overdue").attributed()).isFalse();
        assertThat(cell(report(Dimension.STAFF, "SFQ", "2026-03"), "jjd-window", "2026-03").get("received").count())
                .as("A, B, E, F received by the first-contact officer in March").isEqualTo(4);
    }

    @Test
    void aUnitRollsUpItsSubtreeMonthByMonthInBeijingTime() {
        FiguresService.Report jjd = figures.figures(Dimension.UNIT, months("2026-02", "2026-05"), "JJD", null);
        Map<String, Figure> march = cell(jjd, "JJD", "2026-03");
        assertThat(march.get("received").count()).as("A, B (23:59:59), E, F; not C (00:00 1 April)").isEqualTo(4);
        assertThat(march.get("completionRate").numerator()).isEqualTo(3);
        assertThat(march.get("completionRate").rate()).isEqualTo(0.75);
        assertThat(march.get("completed").count()).as("D, E").isEqualTo(2);
        assertThat(march.get("onTimeRate").rate()).isEqualTo(1.0);
        assertThat(march.get("workingDays").averageNet()).isEqualTo(3.5);
        assertThat(march.get("workingDays").averageGross()).isEqualTo(6.0);
        assertThat(march.get("workingDays").p90Net()).isBetween(3.0, 4.0);
        assertThat(march.get("graded").count()).as("D's March grade was replaced by its April regrade").isZero();
        assertThat(march.get("satisfactionRate").rate()).isNull();
        assertThat(march.get("breaches").count()).isEqualTo(1);
        assertThat(march.get("breaches").sum()).isEqualTo(2);

        Map<String, Figure> april = cell(jjd, "JJD", "2026-04");
        assertThat(april.get("received").count()).isEqualTo(1);
        assertThat(april.get("completed").count()).as("B was completed at 00:00 1 May Beijing time").isZero();
        assertThat(april.get("onTimeRate").rate()).isNull();
        assertThat(april.get("overdue").count()).isEqualTo(1);
        assertThat(april.get("openInPeriod").count()).as("A, B, C, F").isEqualTo(4);
        assertThat(april.get("overdueRate").rate()).isEqualTo(0.25);
        assertThat(april.get("graded").count()).isEqualTo(2);
        assertThat(april.get("satisfactionRate").rate()).isEqualTo(1.0);
        assertThat(april.get("rectified").count()).isEqualTo(1);

        Map<String, Figure> may = cell(jjd, "JJD", "2026-05");
        assertThat(may.get("completed").count()).isEqualTo(1);
        assertThat(may.get("onTimeRate").rate()).isEqualTo(0.0);

        Map<String, Figure> february = cell(jjd, "JJD", "2026-02");
        assertThat(february.get("received").count()).isEqualTo(1);

        // 示范区 holds both window 2 and 区民政局: A's grade counts once.
        Map<String, Figure> district = cell(report(Dimension.UNIT, "SFQ", "2026-04"), "SFQ", "2026-04");
        assertThat(district.get("graded").count()).isEqualTo(2);
        Map<String, Figure> districtMarch = cell(report(Dimension.UNIT, "SFQ", "2026-03"), "SFQ", "2026-03");
        assertThat(districtMarch.get("received").count()).as("甲街道's four and G").isEqualTo(5);
        assertThat(districtMarch.get("satisfactionRate").rate()).as("G's 不满意").isEqualTo(0.0);
    }

    @Test
    void daysAndYearsAreCutAtMidnightBeijingTimeToo() {
        FiguresService.Report days = figures.figures(Dimension.WINDOW, List.of(
                Period.parse(Granularity.DAY, "2026-03-31"), Period.parse(Granularity.DAY, "2026-04-01")),
                "JJD-ZX", null);
        assertThat(cell(days, "JJD-ZX-W01", "2026-03-31").get("received").count()).isEqualTo(1);
        assertThat(cell(days, "JJD-ZX-W01", "2026-04-01").get("received").count()).isEqualTo(1);
        FiguresService.Report year = figures.figures(Dimension.CENTRE, List.of(Period.parse(Granularity.YEAR, "2026")),
                "JJD", null);
        assertThat(year.rows()).extracting(FiguresService.Row::key).containsExactly("JJD-WM", "JJD-ZX");
        assertThat(cell(year, "JJD-WM", "2026").get("received").count()).isEqualTo(6);
        assertThat(cell(year, "JJD-ZX", "2026").get("completed").count()).as("B, D, E").isEqualTo(3);
    }

    @Test
    void staffFiguresStayWithinTheRequestedSubtree() {
        FiguresService.Report jjd = report(Dimension.STAFF, "JJD", "2026-04");
        assertThat(jjd.rows()).extracting(FiguresService.Row::key).containsExactly("jjd-window");
        assertThat(cell(jjd, "jjd-window", "2026-04").get("graded").count()).as("D, completed by jjd-window")
                .isEqualTo(1);
    }

    @Test
    void everyExplanationListsExactlyTheCasesItsFigureCounted() {
        List<FiguresService.Report> reports = List.of(
                figures.figures(Dimension.UNIT, months("2026-02", "2026-05"), "SFQ", null),
                figures.figures(Dimension.UNIT, months("2026-02", "2026-05"), "JJD", null),
                figures.figures(Dimension.UNIT, months("2026-03", "2026-04"), "SFQ-MZJ", null),
                figures.figures(Dimension.CENTRE, months("2026-02", "2026-05"), "SFQ", null),
                figures.figures(Dimension.WINDOW, months("2026-02", "2026-05"), "SFQ", null),
                figures.figures(Dimension.STAFF, months("2026-02", "2026-05"), "SFQ", null),
                figures.figures(Dimension.WINDOW, List.of(Period.parse(Granularity.DAY, "2026-03-31"),
                        Period.parse(Granularity.DAY, "2026-04-01")), "JJD", null));
        int checked = 0;
        int nonEmpty = 0;
        for (FiguresService.Report report : reports) {
            Dimension dimension = Dimension.valueOf(report.dimension().toUpperCase());
            Granularity granularity = Granularity.valueOf(report.granularity().toUpperCase());
            for (FiguresService.Row row : report.rows()) {
                for (FiguresService.PeriodFigures cell : row.periods()) {
                    Period period = Period.parse(granularity, cell.period());
                    for (Figure figure : cell.figures().values()) {
                        for (String[] set : List.of(new String[]{figure.cases(), countOf(figure)},
                                new String[]{figure.numeratorCases(), String.valueOf(figure.numerator())},
                                new String[]{figure.denominatorCases(), String.valueOf(figure.denominator())})) {
                            if (set[0] == null) {
                                continue;
                            }
                            Set<String> listed = explainAll(CaseSet.fromParam(set[0]), dimension, row.key(),
                                    report.unit(), period);
                            assertThat((long) listed.size()).as(report.dimension() + " " + row.key() + " "
                                    + cell.period() + " " + set[0]).isEqualTo(Long.parseLong(set[1]));
                            checked++;
                            nonEmpty += listed.isEmpty() ? 0 : 1;
                        }
                    }
                }
            }
        }
        assertThat(checked).isGreaterThan(500);
        assertThat(nonEmpty).isGreaterThan(50);
    }

    @Test
    void theExplanationOfOnTimeFor区民政局InAprilIsTheWorkedExample() {
        FiguresService.Explanation e = figures.explain(CaseSet.ON_TIME, Dimension.UNIT, "SFQ-MZJ", "SFQ-MZJ",
                Period.parse(Granularity.MONTH, "2026-04"), 50, null);
        assertThat(e.total()).isEqualTo(1);
        assertThat(e.items()).extracting(FiguresService.ExplainedCase::caseId).containsExactly("A-example");
        assertThat(e.items().get(0).trackingNumber()).isEqualTo("WM-A-EXAMPLE");
        assertThat(e.cohort()).contains("completed in the period");
        assertThat(e.attributedTo()).contains("completing unit");
        assertThat(e.next()).isNull();
        Set<String> received = explainAll(CaseSet.RECEIVED, Dimension.UNIT, "JJD", "JJD",
                Period.parse(Granularity.MONTH, "2026-03"));
        assertThat(received).containsExactlyInAnyOrder("A-example", "B-midnight", "E-breaches", "F-open");
    }

    /** Every case of the explanation, a page of two at a time (so paging is exercised), with no case twice. */
    private static Set<String> explainAll(CaseSet set, Dimension dimension, String key, String scope, Period period) {
        Set<String> ids = new LinkedHashSet<>();
        String after = null;
        long total = -1;
        do {
            FiguresService.Explanation page = figures.explain(set, dimension, key, scope, period, 2, after);
            total = page.total();
            for (FiguresService.ExplainedCase c : page.items()) {
                assertThat(ids.add(c.caseId())).as("listed once: " + c.caseId()).isTrue();
            }
            after = page.next();
        } while (after != null);
        assertThat((long) ids.size()).isEqualTo(total);
        return ids;
    }

    private static String countOf(Figure figure) {
        return String.valueOf(figure.count());
    }

    private static FiguresService.Report report(Dimension dimension, String unit, String month) {
        return figures.figures(dimension, List.of(Period.parse(Granularity.MONTH, month)), unit, null);
    }

    private static List<Period> months(String from, String to) {
        List<Period> periods = new ArrayList<>();
        for (Period p = Period.parse(Granularity.MONTH, from); !p.key().equals(to); p = p.next()) {
            periods.add(p);
        }
        periods.add(Period.parse(Granularity.MONTH, to));
        return periods;
    }

    private static Map<String, Figure> cell(FiguresService.Report report, String row, String period) {
        return report.rows().stream().filter(r -> r.key().equals(row)).findFirst()
                .orElseThrow(() -> new AssertionError("no row " + row + " in " + report.rows().stream()
                        .map(FiguresService.Row::key).toList()))
                .periods().stream().filter(p -> p.period().equals(period)).findFirst().orElseThrow().figures();
    }

    private static OrgUnit unit(String id, OrgUnitKind kind, String parent) {
        return new OrgUnit(new UnitId(id), id, kind, parent == null ? null : new UnitId(parent), true);
    }

    private static List<String> path(String unit) {
        return TREE.path(new UnitId(unit)).stream().map(UnitId::value).toList();
    }

    /** A hand-built case search document: only the fields figures read, the rest empty. */
    private static final class Doc {
        private final String id;
        private String receivedAt;
        private String window;
        private String officer;
        private final Set<String> involved = new LinkedHashSet<>();
        private String holder;
        private String completedAt;
        private String completingUnit;
        private String completingStaff;
        private Boolean onTime;
        private Integer net;
        private Integer gross;
        private String overdueAt;
        private String overdueHolder;
        private String grade;
        private String gradedAt;
        private int rectified;
        private int breaches;

        Doc(String id) {
            this.id = id;
        }

        Doc received(String at, String window, String officer) {
            this.receivedAt = at;
            this.window = window;
            this.officer = officer;
            this.involved.addAll(path(window));
            this.holder = TREE.find(new UnitId(window)).orElseThrow().parent().value();
            this.involved.addAll(path(holder));
            return this;
        }

        Doc held(String... units) {
            for (String u : units) {
                involved.addAll(path(u));
                holder = u;
            }
            return this;
        }

        Doc completed(String at, String unit, String staff, boolean onTime, int net, int gross) {
            held(unit);
            this.completedAt = at;
            this.completingUnit = unit;
            this.completingStaff = staff;
            this.onTime = onTime;
            this.net = net;
            this.gross = gross;
            return this;
        }

        Doc overdue(String at, String holder) {
            held(holder);
            this.overdueAt = at;
            this.overdueHolder = holder;
            return this;
        }

        Doc graded(String grade, String at) {
            this.grade = grade;
            this.gradedAt = at;
            return this;
        }

        Doc rectified(int n) {
            this.rectified = n;
            return this;
        }

        Doc breaches(int n) {
            this.breaches = n;
            return this;
        }

        CaseSearchDocument build() {
            boolean open = completedAt == null;
            Boolean good = grade == null ? null : !grade.contains("DISSATISFIED");
            return new CaseSearchDocument(id, "WM-" + id.toUpperCase(), 1, open ? "IN_PROGRESS" : grade != null
                    ? "EVALUATED" : "COMPLETED", open, "MZ-002", "WINDOW", window, path(window), officer, holder,
                    path(holder), List.copyOf(involved), false, receivedAt, null, false, false, overdueAt != null,
                    false, overdueAt, overdueHolder, overdueHolder == null ? null : path(overdueHolder), completedAt,
                    completingUnit, completingUnit == null ? null : path(completingUnit), completingStaff,
                    open ? null : "GRANTED", onTime, net, gross, grade, good, gradedAt, rectified, rectified,
                    breaches, breaches, 0, 0, null, null, "", "", List.of(), List.of(), "", "", List.of(),
                    List.of(), CLOCK.instant().toString());
        }
    }
}
