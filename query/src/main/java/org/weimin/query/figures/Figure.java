package org.weimin.query.figures;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One figure of one row in one period, with its cohort and attribution in words (rules.md "Figures (assessment)":
 * every figure states its cohort). Absent fields are left out of the JSON.
 *
 * <ul>
 *   <li>a count: {@code count} (cases), and for breaches also {@code sum} (breaches in those cases); {@code cases}
 *       names the set the explain endpoint lists;</li>
 *   <li>a rate: {@code rate} (a fraction 0–1, null when the denominator is 0), {@code numerator},
 *       {@code denominator} and the sets behind each ({@code numeratorCases}, {@code denominatorCases});</li>
 *   <li>working days to completion: {@code averageNet}, {@code p90Net} (net of paused days) with {@code averageGross},
 *       {@code p90Gross} beside them, over {@code count} completions, in {@code unit} = "working days" (the holiday
 *       calendar's working days, not calendar time); the 90th percentile is Elasticsearch's TDigest estimate,
 *       interpolated between values for small samples.</li>
 * </ul>
 * A figure the rules do not attribute to the row's kind (overdue for staff) has {@code attributed = false} and no
 * values.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Figure(Long count, Long sum, Double rate, Long numerator, Long denominator, Double averageNet,
                     Double p90Net, Double averageGross, Double p90Gross, String unit, String cohort,
                     String attributedTo, Boolean attributed, String cases, String numeratorCases,
                     String denominatorCases) {

    static Figure count(CaseSet set, Dimension dimension, long count) {
        return new Figure(count, null, null, null, null, null, null, null, null, null, set.cohort(),
                set.attribution().describe(dimension), null, set.param(), null, null);
    }

    static Figure sum(CaseSet set, Dimension dimension, long count, long sum) {
        return new Figure(count, sum, null, null, null, null, null, null, null, null, set.cohort(),
                set.attribution().describe(dimension), null, set.param(), null, null);
    }

    /** {@code numerator} set ⊆ {@code denominator} set: the rate of the one in the other. */
    static Figure rate(String cohort, CaseSet numerator, long num, CaseSet denominator, long den, Dimension dimension) {
        return new Figure(null, null, FigureMath.rate(num, den), num, den, null, null, null, null, null, cohort,
                denominator.attribution().describe(dimension), null, null, numerator.param(), denominator.param());
    }

    static Figure workingDays(Dimension dimension, long count, Double averageNet, Double p90Net, Double averageGross,
                              Double p90Gross) {
        return new Figure(count, null, null, null, null, averageNet, p90Net, averageGross, p90Gross, "working days",
                CaseSet.COMPLETED.cohort() + "; working days from receipt to completion, net of paused days (gross "
                        + "beside it)", CaseSet.COMPLETED.attribution().describe(dimension), null,
                CaseSet.COMPLETED.param(), null, null);
    }

    static Figure notAttributed(String cohort, Attribution attribution, Dimension dimension) {
        return new Figure(null, null, null, null, null, null, null, null, null, null, cohort,
                attribution.describe(dimension), false, null, null, null);
    }
}
