package org.weimin.query.figures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.weimin.events.DomainException;
import org.weimin.events.ErrorCode;
import org.weimin.events.StaffId;
import org.weimin.events.StaffMember;
import org.weimin.events.UnitId;
import org.weimin.events.org.OrgTree;
import org.weimin.events.org.OrgUnit;
import org.weimin.events.org.OrgUnitKind;

/** Who may ask for which figures; refusals happen before Elasticsearch is asked anything (no index here). */
class FiguresControllerTest {
    private static final OrgTree TREE = OrgTree.of(List.of(
            unit("SFQ", OrgUnitKind.DISTRICT, null),
            unit("SFQ-MZJ", OrgUnitKind.LINE_DEPARTMENT, "SFQ"),
            unit("JJD", OrgUnitKind.STREET, "SFQ"),
            unit("JJD-ZX", OrgUnitKind.SERVICE_CENTRE, "JJD"),
            unit("JJD-ZX-W01", OrgUnitKind.WINDOW, "JJD-ZX")));
    private final FiguresController controller = new FiguresController(new FiguresService(null, TREE), TREE);

    @Test
    void windowStaffAndHandlersGetNoFigures() {
        assertThat(refusal(() -> controller.figures(staff("JJD-ZX", "window-staff"),
                params("dimension", "unit", "period", "2026-03")))).isEqualTo(ErrorCode.FORBIDDEN);
        assertThat(refusal(() -> controller.explain(staff("SFQ-MZJ", "handler"),
                params("figure", "onTime", "dimension", "unit", "unit", "SFQ-MZJ", "period", "2026-03"))))
                .isEqualTo(ErrorCode.FORBIDDEN);
    }

    @Test
    void aSupervisorSeesOnlyTheirOwnSubtree() {
        StaffMember jjd = staff("JJD", "supervisor");
        assertThat(refusal(() -> controller.figures(jjd, params("dimension", "unit", "unit", "SFQ-MZJ",
                "period", "2026-03")))).isEqualTo(ErrorCode.FORBIDDEN);
        assertThat(refusal(() -> controller.explain(jjd, params("figure", "received", "dimension", "unit",
                "unit", "SFQ", "period", "2026-03")))).isEqualTo(ErrorCode.FORBIDDEN);
        assertThat(refusal(() -> controller.figures(jjd, params("dimension", "unit", "unit", "NOPE",
                "period", "2026-03")))).isEqualTo(ErrorCode.UNKNOWN_ORG_UNIT);
    }

    @Test
    void explainRowsMustBeOfTheDimensionsKind() {
        StaffMember auditor = staff("SFQ", "auditor");
        assertThat(refusal(() -> controller.explain(auditor, params("figure", "received", "dimension", "window",
                "unit", "JJD-ZX", "period", "2026-03")))).isEqualTo(ErrorCode.VALIDATION_FAILED);
        assertThat(refusal(() -> controller.explain(auditor, params("figure", "received", "dimension", "centre",
                "unit", "JJD-ZX-W01", "period", "2026-03")))).isEqualTo(ErrorCode.VALIDATION_FAILED);
    }

    @Test
    void badParametersAreA400BeforeAnySearch() {
        assertThat(refusal(() -> controller.figures(staff("SFQ", "auditor"),
                params("dimension", "unit", "granularity", "week", "period", "2026-03"))))
                .isEqualTo(ErrorCode.VALIDATION_FAILED);
    }

    private static ErrorCode refusal(Runnable call) {
        DomainException e = catchThrowableOfType(call::run, DomainException.class);
        assertThat(e).as("a domain refusal").isNotNull();
        return e.code();
    }

    private static StaffMember staff(String unit, String role) {
        return new StaffMember(new StaffId("someone"), new UnitId(unit), Set.of(role));
    }

    private static OrgUnit unit(String id, OrgUnitKind kind, String parent) {
        return new OrgUnit(new UnitId(id), id, kind, parent == null ? null : new UnitId(parent), true);
    }

    private static MultiValueMap<String, String> params(String... pairs) {
        MultiValueMap<String, String> p = new LinkedMultiValueMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            p.add(pairs[i], pairs[i + 1]);
        }
        return p;
    }
}
