package org.weimin.query.figures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.weimin.events.DomainException;
import org.weimin.events.ErrorCode;
import org.weimin.events.UnitId;
import org.weimin.events.org.OrgTree;
import org.weimin.events.org.OrgUnit;
import org.weimin.events.org.OrgUnitKind;

/**
 * The open figures (issue 9): rules.md "Public figures are published only for samples of at least 20 cases" on each
 * rate's own sample, counts as they are, and the request reaching the assessment figures for every centre and window
 * of the whole tree with the same month periods (no index here: the service is a stub that records the calls).
 */
class PublicFiguresTest {
    private static final OrgTree TREE = OrgTree.of(List.of(
            new OrgUnit(new UnitId("SFS"), "示范市", OrgUnitKind.CITY, null, true),
            new OrgUnit(new UnitId("JJD-ZX"), "甲街道政务服务中心", OrgUnitKind.SERVICE_CENTRE, new UnitId("SFS"), true),
            new OrgUnit(new UnitId("JJD-ZX-W01"), "1号窗口", OrgUnitKind.WINDOW, new UnitId("JJD-ZX"), true)));

    /** One cell: received/received-completed, completed/on time, graded/good. */
    private static Map<String, Figure> cell(Dimension d, long received, long receivedCompleted, long completed,
                                            long onTime, long graded, long good) {
        Map<String, Figure> f = new LinkedHashMap<>();
        f.put("received", Figure.count(CaseSet.RECEIVED, d, received));
        f.put("completionRate", Figure.rate("c", CaseSet.RECEIVED_COMPLETED, receivedCompleted, CaseSet.RECEIVED,
                received, d));
        f.put("completed", Figure.count(CaseSet.COMPLETED, d, completed));
        f.put("onTimeRate", Figure.rate("o", CaseSet.ON_TIME, onTime, CaseSet.COMPLETED, completed, d));
        f.put("satisfactionRate", Figure.rate("s", CaseSet.GOOD, good, CaseSet.GRADED, graded, d));
        return f;
    }

    private static FiguresService.Report report(Dimension d, String key, Map<String, Figure> figures) {
        return new FiguresService.Report(d.param(), "month", "Asia/Shanghai", "SFS", List.of("2026-03"),
                List.of(new FiguresService.Row(key, key, "X", List.of(new FiguresService.PeriodFigures("2026-03",
                        "s", "e", figures)))), "rules");
    }

    @Test
    void aRateIsPublishedFromASampleOf20AndWithheldBelowWhileCountsStay() {
        PublicFigures figures = PublicFigures.of(
                report(Dimension.CENTRE, "JJD-ZX", cell(Dimension.CENTRE, 20, 15, 19, 19, 25, 24)),
                report(Dimension.WINDOW, "JJD-ZX-W01", cell(Dimension.WINDOW, 19, 19, 0, 0, 20, 10)));
        assertThat(figures.minimumSample()).isEqualTo(20);
        PublicFigures.Month centre = figures.centres().get(0).months().get(0);
        assertThat(centre.received()).isEqualTo(20);
        assertThat(centre.completed()).isEqualTo(19);
        assertThat(centre.completionRate()).extracting(PublicFigures.Rate::value, PublicFigures.Rate::sample,
                PublicFigures.Rate::status).containsExactly(0.75, 20L, "published");
        assertThat(centre.onTimeRate()).extracting(PublicFigures.Rate::value, PublicFigures.Rate::sample,
                PublicFigures.Rate::status).containsExactly(null, 19L, "insufficient sample");
        assertThat(centre.satisfactionRate().value()).isEqualTo(0.96);

        PublicFigures.Month window = figures.windows().get(0).months().get(0);
        assertThat(window.received()).isEqualTo(19);
        assertThat(window.completionRate()).extracting(PublicFigures.Rate::value, PublicFigures.Rate::status)
                .containsExactly(null, "insufficient sample");
        assertThat(window.onTimeRate().status()).isEqualTo("insufficient sample");
        assertThat(window.satisfactionRate()).extracting(PublicFigures.Rate::value, PublicFigures.Rate::status)
                .containsExactly(0.5, "published");
    }

    @Test
    void everyCentreAndWindowOfTheWholeTreeForTheMonthsAskedAndNoOtherParameter() {
        List<String> calls = new ArrayList<>();
        FiguresService stub = new FiguresService(null, TREE) {
            @Override
            public Report figures(Dimension dimension, List<Period> periods, String unit, String onlyStaff) {
                calls.add(dimension + " " + unit + " " + periods.stream().map(Period::key).toList());
                String key = dimension == Dimension.CENTRE ? "JJD-ZX" : "JJD-ZX-W01";
                return report(dimension, key, cell(dimension, 1, 1, 1, 1, 1, 1));
            }
        };
        PublicFiguresController controller = new PublicFiguresController(stub, TREE);
        PublicFigures figures = controller.figures(params("from", "2026-01", "to", "2026-03"));
        assertThat(calls).containsExactly("CENTRE SFS [2026-01, 2026-02, 2026-03]",
                "WINDOW SFS [2026-01, 2026-02, 2026-03]");
        assertThat(figures.centres().get(0).months().get(0).completionRate().value()).isNull();

        assertThatThrownBy(() -> controller.figures(params("period", "2026-03", "unit", "JJD-ZX")))
                .isInstanceOfSatisfying(DomainException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_FAILED));
        assertThatThrownBy(() -> controller.figures(params("from", "2025-01", "to", "2026-01")))
                .isInstanceOfSatisfying(DomainException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_FAILED));
        assertThat(calls).hasSize(2);
    }

    private static MultiValueMap<String, String> params(String... pairs) {
        MultiValueMap<String, String> p = new LinkedMultiValueMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            p.add(pairs[i], pairs[i + 1]);
        }
        return p;
    }
}
