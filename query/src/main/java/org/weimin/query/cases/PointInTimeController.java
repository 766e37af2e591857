package org.weimin.query.cases;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.weimin.events.CaseId;
import org.weimin.events.access.AccessPolicy;
import org.weimin.events.access.Action;
import org.weimin.events.DomainException;
import org.weimin.events.ErrorCode;
import org.weimin.events.StaffMember;
import org.weimin.projections.cases.CaseHistory;
import org.weimin.projections.cases.CaseView;
import org.weimin.projections.cases.CaseViews;

/**
 * {@code GET /api/supervision/cases/{id}?asOf=<instant>}: the case as the record stood at that recording time
 * (status, holder, deadline, what the applicant had been told), rebuilt from the events; without {@code asOf}, the
 * case as it stands now. Same scope as the staff view. A time before the case existed is a 404.
 */
@RestController
public class PointInTimeController {
    private final CaseHistory history;
    private final CaseViews views;
    private final CaseQueryController staffViews;

    public PointInTimeController(CaseHistory history, CaseViews views, CaseQueryController staffViews) {
        this.history = history;
        this.views = views;
        this.staffViews = staffViews;
    }

    /**
     * Same readers as the staff view ({@link Action#READ_CASE}), judged on the case as it stands now
     * (a unit that held it only later still reads its past).
     *
     * @throws DomainException {@code FORBIDDEN}, {@code VALIDATION_FAILED} for a malformed instant, {@code CASE_NOT_FOUND}
     */
    @GetMapping("/api/supervision/cases/{caseId}")
    public StaffCaseView asOf(StaffMember staff, @PathVariable String caseId,
                              @RequestParam(name = "asOf", required = false) String asOf) {
        AccessPolicy.requireRole(staff, Action.READ_CASE);
        CaseId id = CaseId.of(caseId);
        CaseView now = views.byId(id).orElse(null);
        CaseView view = asOf == null || asOf.isBlank() ? now : history.asOf(id, parse(asOf)).orElse(null);
        if (view == null) {
            throw CaseQueryController.notFound();
        }
        // Scope on the case as it stands (a unit that held it only later reads its past); on the past view while
        // the read model has not caught up with a new case.
        staffViews.toStaffView(staff, now != null ? now : view);
        return staffViews.render(view);
    }

    private static Instant parse(String asOf) {
        try {
            return java.time.OffsetDateTime.parse(asOf).toInstant();
        } catch (DateTimeParseException notOffset) {
            try {
                return Instant.parse(asOf);
            } catch (DateTimeParseException e) {
                throw new DomainException(ErrorCode.VALIDATION_FAILED,
                        "asOf is an ISO-8601 instant, e.g. 2025-03-04T10:00:00+08:00.", Map.of("asOf", asOf));
            }
        }
    }
}
