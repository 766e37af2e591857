package org.weimin.command.api;

import jakarta.validation.Valid;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.weimin.command.cases.CaseCommandService;
import org.weimin.events.CaseId;
import org.weimin.events.StaffMember;

/**
 * Staff command API. Every request is authenticated; the {@link StaffMember} comes from the bearer token. Replies
 * come after the events are durably committed. Errors are RFC 9457 problem details with a stable {@code code}.
 */
@RestController
@RequestMapping("/api/cases")
public class CaseCommandController {
    private final CaseCommandService service;

    public CaseCommandController(CaseCommandService service) {
        this.service = service;
    }

    /** Receive (受理) a case; 201 with the receipt, which carries the verification code (only here). */
    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    public Receipt receive(StaffMember staff, @Valid @RequestBody ReceiveCaseRequest request) {
        return service.receive(staff, request);
    }

    /** Complete (办结) a case held by the caller's unit. */
    @PostMapping("/{caseId}/completion")
    public CommandReply complete(StaffMember staff, @PathVariable String caseId,
                                 @Valid @RequestBody CompleteCaseRequest request) {
        return service.complete(staff, CaseId.of(caseId), request);
    }
}
