package org.weimin.query.figures;

import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import java.util.ArrayList;
import java.util.List;
import org.weimin.events.cases.Grade;

/**
 * The sets of cases that figures count, each with its cohort (rules.md "Figures (assessment)": "every figure states its
 * cohort"), the instant that puts a case in a period, its {@link Attribution} and any further condition. A count is
 * the size of a set; a rate is the size of one set over another (see {@link FigureMath}). The explain endpoint lists a
 * set's members with exactly the query the count was aggregated with ({@link FigureQueries#members}).
 *
 * <p>Names ({@link #param()}) are what {@code figure=} takes on the explain endpoint: {@code received},
 * {@code receivedCompleted}, {@code completed}, {@code onTime}, {@code overdue}, {@code openInPeriod}, {@code graded},
 * {@code good}, {@code grade.VERY_SATISFIED} … {@code grade.VERY_DISSATISFIED}, {@code rectified}, {@code breaches}.
 *
 * @param param      the set's name
 * @param dateField  the instant field that puts a case in a period; null for {@code openInPeriod} (an overlap)
 * @param attribution whom the set is attributed to
 * @param cohort     the cohort in words
 * @param condition  a further condition on the case, or null
 */
public record CaseSet(String param, String dateField, Attribution attribution, String cohort, Query condition) {

    public static final CaseSet RECEIVED = new CaseSet("received", "receivedAt", Attribution.INTAKE,
            "cases received in the period", null);
    public static final CaseSet RECEIVED_COMPLETED = new CaseSet("receivedCompleted", "receivedAt",
            Attribution.INTAKE, "cases received in the period and completed by now", exists("completedAt"));
    public static final CaseSet COMPLETED = new CaseSet("completed", "completedAt", Attribution.COMPLETION,
            "cases completed in the period (the last completion, when reopened)", null);
    public static final CaseSet ON_TIME = new CaseSet("onTime", "completedAt", Attribution.COMPLETION,
            "cases completed in the period at or before the deadline in force", isTrue("onTime"));
    public static final CaseSet OVERDUE = new CaseSet("overdue", "overdueAt", Attribution.OVERDUE,
            "cases that became overdue in the period (first time)", null);
    public static final CaseSet OPEN_IN_PERIOD = new CaseSet("openInPeriod", null, Attribution.INVOLVED,
            "cases open at any time in the period (received before its end, not completed before its start)", null);
    public static final CaseSet GRADED = new CaseSet("graded", "gradedAt", Attribution.GRADE,
            "cases whose grade in force was given in the period (a regrade replaces the earlier grade)", null);
    public static final CaseSet GOOD = new CaseSet("good", "gradedAt", Attribution.GRADE,
            "cases whose grade in force, given in the period, is good (非常满意, 满意, 基本满意)", isTrue("gradeGood"));
    public static final CaseSet RECTIFIED = new CaseSet("rectified", "gradedAt", Attribution.GRADE,
            "cases graded in the period (grade in force) after a rectification reached the RECTIFIED step", atLeastOne(
                    "rectified"));
    public static final CaseSet BREACHES = new CaseSet("breaches", "completedAt", Attribution.COMPLETION,
            "cases completed in the period with at least one one-time-notice breach (the index records neither the "
                    + "sender nor the time of a breach)", atLeastOne("breaches"));

    /** The cases whose grade in force, given in the period, is {@code grade}. */
    public static CaseSet grade(Grade grade) {
        return new CaseSet("grade." + grade.name(), "gradedAt", Attribution.GRADE,
                "cases whose grade in force, given in the period, is " + grade.chineseName(),
                Query.of(q -> q.term(t -> t.field("grade").value(grade.name()))));
    }

    /** Every set, in the order figures list them. */
    public static List<CaseSet> all() {
        List<CaseSet> all = new ArrayList<>(List.of(RECEIVED, RECEIVED_COMPLETED, COMPLETED, ON_TIME, OVERDUE,
                OPEN_IN_PERIOD, GRADED, GOOD));
        for (Grade g : Grade.values()) {
            all.add(grade(g));
        }
        all.add(RECTIFIED);
        all.add(BREACHES);
        return List.copyOf(all);
    }

    /** @return the set of that name, or null when there is none */
    public static CaseSet fromParam(String param) {
        return all().stream().filter(s -> s.param.equals(param)).findFirst().orElse(null);
    }

    private static Query exists(String field) {
        return Query.of(q -> q.exists(e -> e.field(field)));
    }

    private static Query isTrue(String field) {
        return Query.of(q -> q.term(t -> t.field(field).value(true)));
    }

    private static Query atLeastOne(String field) {
        return Query.of(q -> q.range(r -> r.number(n -> n.field(field).gte(1.0))));
    }
}
