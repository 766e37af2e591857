package org.weimin.query.trail;

import java.time.Clock;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.weimin.events.CaseId;
import org.weimin.events.access.AccessPolicy;
import org.weimin.events.access.Action;
import org.weimin.query.cases.CaseQueryController;
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

    /**
     * For supervisors over a unit that received or held the case, and auditors ({@link Action#READ_TRAIL}).
     *
     * @throws DomainException {@code FORBIDDEN} for other roles (before any lookup) and out of scope,
     *                         {@code CASE_NOT_FOUND}
     */
    @GetMapping("/api/supervision/cases/{caseId}/trail")
    public CaseTrail trail(StaffMember staff, @PathVariable String caseId) {
        AccessPolicy.requireRole(staff, Action.READ_TRAIL);
        CaseView view = views.byId(CaseId.of(caseId))
                .orElseThrow(() -> new DomainException(ErrorCode.CASE_NOT_FOUND, "No such case."));
        AccessPolicy.requireRead(staff, Action.READ_TRAIL, CaseQueryController.custodyOf(view), orgTree);
        return trails.build(view, clock.instant());
    }
}
