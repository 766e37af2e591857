package org.weimin.query.figures;

import java.util.Map;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.weimin.events.access.AccessPolicy;
import org.weimin.events.access.Action;
import org.weimin.events.access.Role;
import org.weimin.events.DomainException;
import org.weimin.events.ErrorCode;
import org.weimin.events.StaffMember;
import org.weimin.events.UnitId;
import org.weimin.events.org.OrgTree;
import org.weimin.events.org.OrgUnit;
import org.weimin.events.org.OrgUnitKind;

/**
 * Assessment figures (issue 5; definitions: rules.md "Figures (assessment)"), computed from the case search index:
 * <ul>
 *   <li>{@code GET /api/supervision/figures?dimension=…&granularity=…&period=…} (or {@code from}/{@code to}): per
 *       window, centre, unit (subtree rolled up) or staff member and per day, month or year in Asia/Shanghai, the
 *       counts and rates with their cohort and attribution ({@link FiguresService.Report});</li>
 *   <li>{@code GET /api/supervision/figures/explain?figure=…&dimension=…&unit=…&period=…}: the cases behind one
 *       figure, paged by case id; their {@code total} is the figure's count ({@link FiguresService.Explanation}).</li>
 * </ul>
 * Parameters: {@link FiguresParams}. Scope as for search: supervisors see their own unit's subtree, auditors
 * everything, anyone else gets 403 {@code FORBIDDEN}; a unit outside the caller's subtree is 403 {@code FORBIDDEN}, an
 * unknown one 400 {@code UNKNOWN_ORG_UNIT}. Elasticsearch being down is 503 {@code SEARCH_UNAVAILABLE}.
 */
@RestController
public class FiguresController {
    private final FiguresService figures;
    private final OrgTree orgTree;

    /** @param orgTree resolves units and the caller's subtree */
    public FiguresController(FiguresService figures, OrgTree orgTree) {
        this.figures = figures;
        this.orgTree = orgTree;
    }

    /**
     * The figures report.
     *
     * @throws DomainException {@code FORBIDDEN}, {@code UNKNOWN_ORG_UNIT}, {@code VALIDATION_FAILED}
     */
    @GetMapping("/api/supervision/figures")
    public FiguresService.Report figures(StaffMember staff, @RequestParam MultiValueMap<String, String> params) {
        UnitId scope = scope(staff);
        FiguresParams.Figures request = FiguresParams.figures(params);
        OrgUnit unit = unitInScope(request.unit(), scope, staff);
        return figures.figures(request.dimension(), request.periods(), unit.id().value(), request.staff());
    }

    /**
     * The cases behind one figure of one row and period.
     *
     * @throws DomainException {@code FORBIDDEN}, {@code UNKNOWN_ORG_UNIT}, {@code VALIDATION_FAILED} (also when
     *                         {@code unit} is not of the dimension's kind: a window for {@code window}, a service
     *                         centre for {@code centre})
     */
    @GetMapping("/api/supervision/figures/explain")
    public FiguresService.Explanation explain(StaffMember staff, @RequestParam MultiValueMap<String, String> params) {
        UnitId scope = scope(staff);
        FiguresParams.Explain request = FiguresParams.explain(params);
        OrgUnit unit = unitInScope(request.unit(), scope, staff);
        if (request.dimension() == Dimension.WINDOW && unit.kind() != OrgUnitKind.WINDOW) {
            throw new DomainException(ErrorCode.VALIDATION_FAILED, "With dimension=window, unit names a window.",
                    Map.of("unit", "a window (" + unit.id() + " is " + unit.kind() + ")"));
        }
        if (request.dimension() == Dimension.CENTRE && unit.kind() != OrgUnitKind.SERVICE_CENTRE) {
            throw new DomainException(ErrorCode.VALIDATION_FAILED, "With dimension=centre, unit names a service centre.",
                    Map.of("unit", "a service centre (" + unit.id() + " is " + unit.kind() + ")"));
        }
        String key = request.dimension() == Dimension.STAFF ? request.staff() : unit.id().value();
        return figures.explain(request.figure(), request.dimension(), key, unit.id().value(), request.period(),
                request.size(), request.after());
    }

    /**
     * The subtree the caller may see: auditors the whole tree, supervisors their own unit's.
     *
     * @throws DomainException {@code FORBIDDEN} for anyone else
     */
    private UnitId scope(StaffMember staff) {
        AccessPolicy.requireRole(staff, Action.SEARCH);
        return staff.hasRole(Role.AUDITOR.claim()) ? orgTree.root().id() : staff.unit();
    }

    private OrgUnit unitInScope(String requested, UnitId scope, StaffMember staff) {
        OrgUnit unit = orgTree.require(requested == null ? scope : new UnitId(requested));
        if (!orgTree.isWithin(unit.id(), scope)) {
            throw new DomainException(ErrorCode.FORBIDDEN, "Unit " + unit.id() + " lies outside " + staff.unit()
                    + "'s subtree.");
        }
        return unit;
    }
}
