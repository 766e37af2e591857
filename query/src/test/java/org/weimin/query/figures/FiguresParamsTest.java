package org.weimin.query.figures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.api.Test;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.weimin.events.DomainException;
import org.weimin.events.ErrorCode;

class FiguresParamsTest {

    @Test
    void aMonthRangeBecomesEveryMonthInIt() {
        FiguresParams.Figures f = FiguresParams.figures(params("dimension", "unit", "granularity", "month",
                "from", "2025-11", "to", "2026-02", "unit", "SFQ"));
        assertThat(f.periods()).extracting(Period::key).containsExactly("2025-11", "2025-12", "2026-01", "2026-02");
        assertThat(f.dimension()).isEqualTo(Dimension.UNIT);
        assertThat(f.unit()).isEqualTo("SFQ");
    }

    @Test
    void granularityDefaultsToMonth() {
        assertThat(FiguresParams.figures(params("dimension", "window", "period", "2026-03")).granularity())
                .isEqualTo(Granularity.MONTH);
    }

    @Test
    void unknownParametersAreRefusedNotIgnored() {
        assertThat(failure(() -> FiguresParams.figures(params("dimension", "unit", "period", "2026-03",
                "centre", "JJD-ZX")))).containsEntry("centre", "unknown parameter");
    }

    @Test
    void badDimensionGranularityAndPeriodsAreNamed() {
        assertThat(failure(() -> FiguresParams.figures(params("dimension", "street", "period", "2026-03"))))
                .containsKey("dimension");
        assertThat(failure(() -> FiguresParams.figures(params("dimension", "unit", "granularity", "week",
                "period", "2026-03")))).containsKey("granularity");
        assertThat(failure(() -> FiguresParams.figures(params("dimension", "unit", "granularity", "month",
                "period", "2026-03-05")))).containsKey("period");
        assertThat(failure(() -> FiguresParams.figures(params("dimension", "unit", "granularity", "day",
                "period", "2026-02-30")))).containsKey("period");
        assertThat(failure(() -> FiguresParams.figures(params("dimension", "unit", "from", "2026-04", "to",
                "2026-03")))).containsEntry("to", "not before from");
        assertThat(failure(() -> FiguresParams.figures(params("dimension", "unit", "granularity", "day",
                "from", "2025-01-01", "to", "2026-01-01")))).containsKey("to");
        assertThat(failure(() -> FiguresParams.figures(params("dimension", "unit")))).containsKey("from");
        assertThat(failure(() -> FiguresParams.figures(params("dimension", "unit", "period", "2026-03",
                "from", "2026-03")))).containsKey("period");
        assertThat(failure(() -> FiguresParams.figures(params("dimension", "unit", "period", "2026-03",
                "staff", "jjd-window")))).containsKey("staff");
    }

    @Test
    void aRepeatedParameterIsRefused() {
        MultiValueMap<String, String> p = params("dimension", "unit", "period", "2026-03");
        p.add("period", "2026-04");
        assertThat(failure(() -> FiguresParams.figures(p))).containsEntry("period", "given more than once");
    }

    @Test
    void explainNeedsAKnownFigureOnePeriodAndItsRow() {
        FiguresParams.Explain e = FiguresParams.explain(params("figure", "onTime", "dimension", "unit",
                "unit", "SFQ-MZJ", "period", "2026-04", "granularity", "month"));
        assertThat(e.figure()).isEqualTo(CaseSet.ON_TIME);
        assertThat(e.period().key()).isEqualTo("2026-04");
        assertThat(e.size()).isEqualTo(50);
        assertThat(FiguresParams.explain(params("figure", "grade.SATISFIED", "dimension", "window",
                "unit", "JJD-ZX-W02", "period", "2026-04")).figure().param()).isEqualTo("grade.SATISFIED");

        assertThat(failure(() -> FiguresParams.explain(params("figure", "speed", "dimension", "unit",
                "unit", "SFQ", "period", "2026-04")))).containsKey("figure");
        assertThat(failure(() -> FiguresParams.explain(params("figure", "onTime", "dimension", "unit",
                "period", "2026-04")))).containsKey("unit");
        assertThat(failure(() -> FiguresParams.explain(params("figure", "onTime", "dimension", "staff",
                "period", "2026-04")))).containsKey("staff");
        assertThat(failure(() -> FiguresParams.explain(params("figure", "overdue", "dimension", "staff",
                "staff", "mzj-handler", "period", "2026-04")))).containsKey("figure");
        assertThat(failure(() -> FiguresParams.explain(params("figure", "onTime", "dimension", "unit",
                "unit", "SFQ", "period", "2026-04", "size", "500")))).containsKey("size");
        assertThat(failure(() -> FiguresParams.explain(params("figure", "onTime", "dimension", "unit",
                "unit", "SFQ", "from", "2026-04")))).containsKeys("from", "period");
    }

    private static java.util.Map<String, String> failure(Runnable call) {
        DomainException e = catchThrowableOfType(call::run, DomainException.class);
        assertThat(e).as("a VALIDATION_FAILED problem").isNotNull();
        assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_FAILED);
        return e.fields();
    }

    private static MultiValueMap<String, String> params(String... pairs) {
        MultiValueMap<String, String> p = new LinkedMultiValueMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            p.add(pairs[i], pairs[i + 1]);
        }
        return p;
    }
}
