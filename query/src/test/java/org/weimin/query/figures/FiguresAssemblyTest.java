package org.weimin.query.figures;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Figures of one row and period from the per-set bucket counts: rates divided in Java, cohorts stated. */
class FiguresAssemblyTest {
    private final Map<String, Map<String, Map<String, FiguresService.Cell>>> bySet = new HashMap<>();

    @Test
    void ratesComeFromTheCountsOfTheirTwoSets() {
        put(CaseSet.RECEIVED, 4);
        put(CaseSet.RECEIVED_COMPLETED, 3);
        put(CaseSet.COMPLETED, new FiguresService.Cell(2, 4.5, 6.0, 5.0, 7.0, null));
        put(CaseSet.ON_TIME, 1);
        put(CaseSet.OVERDUE, 1);
        put(CaseSet.OPEN_IN_PERIOD, 5);
        put(CaseSet.GRADED, 2);
        put(CaseSet.GOOD, 1);
        put(CaseSet.BREACHES, new FiguresService.Cell(1, null, null, null, null, 3.0));

        Map<String, Figure> f = FiguresService.figures(Dimension.UNIT, "SFQ", "2026-03", bySet);

        assertThat(f.get("received").count()).isEqualTo(4);
        assertThat(f.get("completionRate").rate()).isEqualTo(0.75);
        assertThat(f.get("completionRate").numerator()).isEqualTo(3);
        assertThat(f.get("completionRate").denominatorCases()).isEqualTo("received");
        assertThat(f.get("onTimeRate").rate()).isEqualTo(0.5);
        assertThat(f.get("overdueRate").rate()).isEqualTo(0.2);
        assertThat(f.get("satisfactionRate").rate()).isEqualTo(0.5);
        assertThat(f.get("workingDays").averageNet()).isEqualTo(4.5);
        assertThat(f.get("workingDays").p90Gross()).isEqualTo(7.0);
        assertThat(f.get("workingDays").unit()).isEqualTo("working days");
        assertThat(f.get("breaches").count()).isEqualTo(1);
        assertThat(f.get("breaches").sum()).isEqualTo(3);
        assertThat(f.get("grade.SATISFIED").count()).isZero();
        assertThat(f.values()).allSatisfy(figure -> {
            assertThat(figure.cohort()).isNotBlank();
            assertThat(figure.attributedTo()).isNotBlank();
        });
    }

    @Test
    void ratesOverEmptyCohortsAreNullAndCountsZero() {
        Map<String, Figure> f = FiguresService.figures(Dimension.WINDOW, "JJD-ZX-W02", "2026-03", bySet);
        assertThat(f.get("received").count()).isZero();
        assertThat(f.get("completionRate").rate()).isNull();
        assertThat(f.get("completionRate").denominator()).isZero();
        assertThat(f.get("onTimeRate").rate()).isNull();
        assertThat(f.get("overdueRate").rate()).isNull();
        assertThat(f.get("satisfactionRate").rate()).isNull();
        assertThat(f.get("workingDays").averageNet()).isNull();
    }

    @Test
    void overdueIsNotAttributedToStaff() {
        put("mzj-handler", CaseSet.COMPLETED, new FiguresService.Cell(1, 3.0, 3.0, 4.0, 4.0, null));
        Map<String, Figure> f = FiguresService.figures(Dimension.STAFF, "mzj-handler", "2026-03", bySet);
        assertThat(f.get("overdue").attributed()).isFalse();
        assertThat(f.get("overdue").count()).isNull();
        assertThat(f.get("overdueRate").attributed()).isFalse();
        assertThat(f).doesNotContainKey("openInPeriod");
        assertThat(f.get("completed").count()).isEqualTo(1);
        assertThat(f.get("completed").attributedTo()).contains("completing staff member");
    }

    private void put(CaseSet set, long count) {
        put(set, new FiguresService.Cell(count, null, null, null, null, null));
    }

    private void put(CaseSet set, FiguresService.Cell cell) {
        put("SFQ", set, cell);
    }

    private void put(String row, CaseSet set, FiguresService.Cell cell) {
        bySet.computeIfAbsent(set.param(), k -> new HashMap<>()).computeIfAbsent(row, k -> new HashMap<>())
                .put("2026-03", cell);
    }
}
