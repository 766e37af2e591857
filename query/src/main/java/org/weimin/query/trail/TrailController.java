package org.weimin.query.trail;

import java.time.Clock;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.weimin.events.CaseId;
import org.weimin.events.DomainException;
import org.weimin.events.ErrorCode;
import org.weimin.events.StaffMember;
import org.weimin.events.UnitId;
import org.weimin.events.calendar.WorkingCalendar;
import org.weimin.events.org.OrgTree;
import org.weimin.events.org.OrgUnit;
import org.weimin.projections.cases.CaseView;
import org.weimin.projections.cases.CaseViews;

/**
 * {@code GET /api/supervision/cases/{id}/trail}: the accountability trail of a case, for supervisors whose subtree
 * contains a unit that held it (and auditors later). Built from the case document by key; nothing is scanned.
 */
@RestController
public class TrailController {
    private final CaseViews views;
    private final OrgTree orgTree;
    private final TrailBuilder trails;
    private final Clock clock;

    public TrailController(CaseViews views, OrgTree orgTree, WorkingCalendar calendar, Clock clock) {
        this.views = views;
        this.orgTree = orgTree;
        this.clock = clock;
        this.trails = new TrailBuilder(calendar,
                unit -> orgTree.find(UnitId.of(unit)).map(OrgUnit::name).orElse(unit));
    }

    /** @throws DomainException {@code CASE_NOT_FOUND}, {@code FORBIDDEN} */
    @GetMapping("/api/supervision/cases/{caseId}/trail")
    public CaseTrail trail(StaffMember staff, @PathVariable String caseId) {
        CaseView view = views.byId(CaseId.of(caseId))
                .orElseThrow(() -> new DomainException(ErrorCode.CASE_NOT_FOUND, "No such case."));
        CaseTrail trail = trails.build(view, clock.instant());
        boolean inScope = staff.hasRole("supervisor") && (trail.custody().stream()
                .anyMatch(c -> orgTree.isWithin(UnitId.of(c.unit()), staff.unit()))
                || orgTree.isWithin(UnitId.of(view.window()), staff.unit()));
        if (!inScope) {
            throw new DomainException(ErrorCode.FORBIDDEN,
                    "The trail is for supervisors of a unit that held the case.");
        }
        return trail;
    }
}
