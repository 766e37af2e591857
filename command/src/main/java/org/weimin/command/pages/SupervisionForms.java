package org.weimin.command.pages;

import jakarta.validation.Validator;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.weimin.command.api.StaffRequests;
import org.weimin.command.cases.CaseCommandService;
import org.weimin.events.DomainException;
import org.weimin.events.ErrorCode;
import org.weimin.events.StaffMember;
import org.weimin.events.CaseId;

/**
 * The supervisor dashboard's forms on the case page (issue 10, behind the staff login, session CSRF token): each runs
 * exactly the API command ({@code POST /api/cases/{id}/supervision-orders}, {@code .../findings},
 * {@code .../extension-requests/{n}/approval}, {@code .../refusal}) through {@link CaseCommandService} with the
 * signed-in {@link StaffMember}, the same request records and constraints, and then shows the case page again. The
 * hidden field {@code sequence} is the case's sequence the supervisor saw, checked like the API's {@code If-Match}
 * (409 {@code CONCURRENT_MODIFICATION} when the case moved on meanwhile).
 */
@Controller
public class SupervisionForms {
    private final CaseCommandService service;
    private final Validator validator;

    public SupervisionForms(CaseCommandService service, Validator validator) {
        this.service = service;
        this.validator = validator;
    }

    /**
     * Issues a supervision order (督办): fields {@code text}, {@code dueDate} (ISO date).
     *
     * @throws DomainException {@code VALIDATION_FAILED}; else as {@link CaseCommandService#issueSupervisionOrder}
     */
    @PostMapping("/supervise/cases/{caseId}/supervision-orders")
    public String order(StaffMember staff, @PathVariable String caseId,
                        @RequestParam(name = "sequence", required = false) Long sequence,
                        @RequestParam(name = "text", required = false) String text,
                        @RequestParam(name = "dueDate", required = false) String dueDate) {
        var request = valid(new StaffRequests.SupervisionOrderRequest(blankToNull(text), date(dueDate)));
        service.issueSupervisionOrder(staff, CaseId.of(caseId), sequence, request);
        return back(caseId);
    }

    /**
     * Records an accountability finding (问责): fields {@code againstUnit}, {@code againstStaff} (optional),
     * {@code reason}.
     *
     * @throws DomainException {@code VALIDATION_FAILED}; else as {@link CaseCommandService#recordFinding}
     */
    @PostMapping("/supervise/cases/{caseId}/findings")
    public String finding(StaffMember staff, @PathVariable String caseId,
                          @RequestParam(name = "sequence", required = false) Long sequence,
                          @RequestParam(name = "againstUnit", required = false) String againstUnit,
                          @RequestParam(name = "againstStaff", required = false) String againstStaff,
                          @RequestParam(name = "reason", required = false) String reason) {
        var request = valid(new StaffRequests.FindingRequest(blankToNull(againstUnit), blankToNull(againstStaff),
                blankToNull(reason)));
        service.recordFinding(staff, CaseId.of(caseId), sequence, request);
        return back(caseId);
    }

    /**
     * Approves extension request {@code number}.
     *
     * @throws DomainException as {@link CaseCommandService#approveExtension}
     */
    @PostMapping("/supervise/cases/{caseId}/extension-requests/{number}/approval")
    public String approve(StaffMember staff, @PathVariable String caseId, @PathVariable int number,
                          @RequestParam(name = "sequence", required = false) Long sequence) {
        service.approveExtension(staff, CaseId.of(caseId), sequence, number);
        return back(caseId);
    }

    /**
     * Refuses extension request {@code number}: field {@code reason}.
     *
     * @throws DomainException {@code VALIDATION_FAILED}; else as {@link CaseCommandService#refuseExtension}
     */
    @PostMapping("/supervise/cases/{caseId}/extension-requests/{number}/refusal")
    public String refuse(StaffMember staff, @PathVariable String caseId, @PathVariable int number,
                         @RequestParam(name = "sequence", required = false) Long sequence,
                         @RequestParam(name = "reason", required = false) String reason) {
        var request = valid(new StaffRequests.ReasonRequest(blankToNull(reason)));
        service.refuseExtension(staff, CaseId.of(caseId), sequence, number, request);
        return back(caseId);
    }

    private <T> T valid(T request) {
        Map<String, String> fields = StaffForms.violations(validator, request);
        if (!fields.isEmpty()) {
            throw new DomainException(ErrorCode.VALIDATION_FAILED, "The form has invalid fields.", fields);
        }
        return request;
    }

    private static String back(String caseId) {
        return "redirect:/supervise/cases/" + CaseId.of(caseId).value();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    private static LocalDate date(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw new DomainException(ErrorCode.VALIDATION_FAILED, "dueDate is an ISO date such as 2026-12-04.",
                    Map.of("dueDate", "an ISO date"));
        }
    }
}
