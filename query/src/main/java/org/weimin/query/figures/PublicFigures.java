package org.weimin.query.figures;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * The open figures (issue 9, {@code GET /api/public/figures}): per service centre and per window and per month, the
 * cases received and completed and the completion, on-time and satisfaction rates, with the same definitions and
 * cohorts as the assessment figures ({@link FiguresService}; rules.md "Figures (assessment)"). rules.md: "Public
 * figures are published only for samples of at least 20 cases": a rate whose denominator (its sample: cases received,
 * completed, or grades given) is below {@value #MINIMUM_SAMPLE} is present with {@code value} null and
 * {@code status} {@code "insufficient sample"}. Counts are published as they are (a count is no estimate from a
 * sample). A figure the rules do not attribute to the row's kind has {@code status} {@code "not attributed"}. Windows
 * are rows as the assessment figures have them: intake and grades are theirs; completions count where a window itself
 * completed a case. No personal data, no staff, no case: only counts and rates.
 *
 * @param months  the months shown ({@code yyyy-MM}, Asia/Shanghai)
 * @param centres each service centre (its subtree rolled up)
 * @param windows each window
 */
public record PublicFigures(String timeZone, int minimumSample, List<String> months, List<Row> centres,
                            List<Row> windows, String rules) {
    /** rules.md "Figures (assessment)": the smallest sample a public figure is published for. */
    public static final int MINIMUM_SAMPLE = 20;

    /** One centre or window with its months. */
    public record Row(String code, String name, List<Month> months) {
    }

    /** One month of a row. {@code completed} is null where completions are not attributed to the row's kind. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Month(String month, long received, Long completed, Rate completionRate, Rate onTimeRate,
                        Rate satisfactionRate) {
    }

    /**
     * A rate: {@code value} 0–1 when published, else null; {@code sample} its denominator; {@code status}
     * {@code published}, {@code insufficient sample} or {@code not attributed}; {@code cohort} its definition.
     */
    public record Rate(Double value, Long sample, String status, String cohort) {
    }

    /** The public form of the centre and window reports of the same months. */
    public static PublicFigures of(FiguresService.Report centres, FiguresService.Report windows) {
        return new PublicFigures(centres.timeZone(), MINIMUM_SAMPLE, centres.periods(), rows(centres), rows(windows),
                "rules.md \"Figures (assessment)\"; published only for samples of at least " + MINIMUM_SAMPLE
                        + " cases");
    }

    private static List<Row> rows(FiguresService.Report report) {
        boolean completions = CaseSet.COMPLETED.attribution().applies(Dimension.fromParam(report.dimension()));
        return report.rows().stream().map(r -> new Row(r.key(), r.name(), r.periods().stream()
                .map(p -> month(p.period(), p.figures(), completions)).toList())).toList();
    }

    private static Month month(String period, Map<String, Figure> f, boolean completions) {
        return new Month(period, f.get("received").count(), completions ? f.get("completed").count() : null,
                rate(f.get("completionRate"), true), rate(f.get("onTimeRate"), completions),
                rate(f.get("satisfactionRate"), true));
    }

    /** The threshold of rules.md applied to one rate; {@code attributed}: whether the row's kind gets this figure. */
    static Rate rate(Figure figure, boolean attributed) {
        if (!attributed || Boolean.FALSE.equals(figure.attributed()) || figure.denominator() == null) {
            return new Rate(null, null, "not attributed", figure.cohort());
        }
        boolean enough = figure.denominator() >= MINIMUM_SAMPLE;
        return new Rate(enough ? figure.rate() : null, figure.denominator(),
                enough ? "published" : "insufficient sample", figure.cohort());
    }
}
