package org.weimin.command.api;

import jakarta.validation.Valid;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.weimin.command.api.StaffRequests.ExtensionRequest;
import org.weimin.command.api.StaffRequests.FindingRequest;
import org.weimin.command.api.StaffRequests.SupervisionOrderRequest;
import org.weimin.command.api.StaffRequests.TextRequest;
import org.weimin.command.api.StaffRequests.ForwardRequest;
import org.weimin.command.api.StaffRequests.NoticeRequest;
import org.weimin.command.api.StaffRequests.NotificationRequest;
import org.weimin.command.api.StaffRequests.ReasonRequest;
import org.weimin.command.api.StaffRequests.SupplementRequest;
import org.weimin.command.cases.CaseCommandService;
import org.weimin.events.CaseId;
import org.weimin.events.DomainException;
import org.weimin.events.ErrorCode;
import org.weimin.events.StaffMember;

/**
 * Staff command API, one endpoint per command under {@code /api/cases}. Every request is authenticated; the
 * {@link StaffMember} comes from the bearer token. Replies come after the events are durably committed and carry the
 * sequence of the last event. An optional {@code If-Match} header with the sequence the caller last saw turns a
 * concurrent change into a retryable 409 {@code CONCURRENT_MODIFICATION} instead of acting on a stale picture.
 * Errors are RFC 9457 problem details with a stable {@code code}.
 */
@RestController
@RequestMapping("/api/cases")
public class CaseCommandController {
    private static final String IF_MATCH = "If-Match";
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

    /** Forward (转办) to another unit with a reason. */
    @PostMapping("/{caseId}/forward")
    public CommandReply forward(StaffMember staff, @PathVariable String caseId,
                                @RequestHeader(name = IF_MATCH, required = false) String ifMatch,
                                @Valid @RequestBody ForwardRequest request) {
        return service.forward(staff, CaseId.of(caseId), expectedVersion(ifMatch), request);
    }

    /** Accept (签收) a case forwarded to the caller's unit. */
    @PostMapping("/{caseId}/acceptance")
    public CommandReply accept(StaffMember staff, @PathVariable String caseId,
                               @RequestHeader(name = IF_MATCH, required = false) String ifMatch) {
        return service.accept(staff, CaseId.of(caseId), expectedVersion(ifMatch));
    }

    /** Return (退回) a case forwarded to the caller's unit, within the return window. */
    @PostMapping("/{caseId}/return")
    public CommandReply returnCase(StaffMember staff, @PathVariable String caseId,
                                   @RequestHeader(name = IF_MATCH, required = false) String ifMatch,
                                   @Valid @RequestBody ReasonRequest request) {
        return service.returnCase(staff, CaseId.of(caseId), expectedVersion(ifMatch), request);
    }

    /** One-time notice (一次性告知) of missing materials; pauses the clock. */
    @PostMapping("/{caseId}/missing-materials-notices")
    public CommandReply notifyMissingMaterials(StaffMember staff, @PathVariable String caseId,
                                               @RequestHeader(name = IF_MATCH, required = false) String ifMatch,
                                               @Valid @RequestBody NoticeRequest request) {
        return service.notifyMissingMaterials(staff, CaseId.of(caseId), expectedVersion(ifMatch), request);
    }

    /** Supplement (补正): the applicant supplied materials; the clock resumes. */
    @PostMapping("/{caseId}/supplement")
    public CommandReply supplement(StaffMember staff, @PathVariable String caseId,
                                   @RequestHeader(name = IF_MATCH, required = false) String ifMatch,
                                   @Valid @RequestBody SupplementRequest request) {
        return service.supplement(staff, CaseId.of(caseId), expectedVersion(ifMatch), request);
    }

    /** A supervisor marks the one-time-notice breach of notice {@code noticeNumber} as justified. */
    @PostMapping("/{caseId}/breaches/{noticeNumber}/justification")
    public CommandReply justifyBreach(StaffMember staff, @PathVariable String caseId, @PathVariable int noticeNumber,
                                      @RequestHeader(name = IF_MATCH, required = false) String ifMatch,
                                      @Valid @RequestBody ReasonRequest request) {
        return service.justifyBreach(staff, CaseId.of(caseId), expectedVersion(ifMatch), noticeNumber, request);
    }

    /** Record what the applicant was told about progress. */
    @PostMapping("/{caseId}/progress-notices")
    public CommandReply notifyProgress(StaffMember staff, @PathVariable String caseId,
                                       @RequestHeader(name = IF_MATCH, required = false) String ifMatch,
                                       @Valid @RequestBody NotificationRequest request) {
        return service.notifyProgress(staff, CaseId.of(caseId), expectedVersion(ifMatch), request);
    }

    /** Record how the applicant was told the result. */
    @PostMapping("/{caseId}/result-notices")
    public CommandReply notifyResult(StaffMember staff, @PathVariable String caseId,
                                     @RequestHeader(name = IF_MATCH, required = false) String ifMatch,
                                     @Valid @RequestBody NotificationRequest request) {
        return service.notifyResult(staff, CaseId.of(caseId), expectedVersion(ifMatch), request);
    }

    /** Complete (办结) a case held by the caller's unit. */
    @PostMapping("/{caseId}/completion")
    public CommandReply complete(StaffMember staff, @PathVariable String caseId,
                                 @RequestHeader(name = IF_MATCH, required = false) String ifMatch,
                                 @Valid @RequestBody CompleteCaseRequest request) {
        return service.complete(staff, CaseId.of(caseId), expectedVersion(ifMatch), request);
    }

    /** A supervisor reopens (重办) a completed case with a reason. */
    @PostMapping("/{caseId}/reopen")
    public CommandReply reopen(StaffMember staff, @PathVariable String caseId,
                               @RequestHeader(name = IF_MATCH, required = false) String ifMatch,
                               @Valid @RequestBody ReasonRequest request) {
        return service.reopen(staff, CaseId.of(caseId), expectedVersion(ifMatch), request);
    }

    /** The holder requests an extension (延期). */
    @PostMapping("/{caseId}/extension-requests")
    public CommandReply requestExtension(StaffMember staff, @PathVariable String caseId,
                                         @RequestHeader(name = IF_MATCH, required = false) String ifMatch,
                                         @Valid @RequestBody ExtensionRequest request) {
        return service.requestExtension(staff, CaseId.of(caseId), expectedVersion(ifMatch), request);
    }

    /** A supervisor approves extension request {@code number}: the working days are added to the deadline. */
    @PostMapping("/{caseId}/extension-requests/{number}/approval")
    public CommandReply approveExtension(StaffMember staff, @PathVariable String caseId, @PathVariable int number,
                                         @RequestHeader(name = IF_MATCH, required = false) String ifMatch) {
        return service.approveExtension(staff, CaseId.of(caseId), expectedVersion(ifMatch), number);
    }

    /** A supervisor refuses extension request {@code number}, with a reason. */
    @PostMapping("/{caseId}/extension-requests/{number}/refusal")
    public CommandReply refuseExtension(StaffMember staff, @PathVariable String caseId, @PathVariable int number,
                                        @RequestHeader(name = IF_MATCH, required = false) String ifMatch,
                                        @Valid @RequestBody ReasonRequest request) {
        return service.refuseExtension(staff, CaseId.of(caseId), expectedVersion(ifMatch), number, request);
    }

    /** A supervisor issues a supervision order (督办) with a due date. */
    @PostMapping("/{caseId}/supervision-orders")
    public CommandReply issueSupervisionOrder(StaffMember staff, @PathVariable String caseId,
                                              @RequestHeader(name = IF_MATCH, required = false) String ifMatch,
                                              @Valid @RequestBody SupervisionOrderRequest request) {
        return service.issueSupervisionOrder(staff, CaseId.of(caseId), expectedVersion(ifMatch), request);
    }

    /** The holder answers supervision order {@code number}. */
    @PostMapping("/{caseId}/supervision-orders/{number}/answer")
    public CommandReply answerSupervisionOrder(StaffMember staff, @PathVariable String caseId,
                                               @PathVariable int number,
                                               @RequestHeader(name = IF_MATCH, required = false) String ifMatch,
                                               @Valid @RequestBody TextRequest request) {
        return service.answerSupervisionOrder(staff, CaseId.of(caseId), expectedVersion(ifMatch), number, request);
    }

    /** A supervisor urges (催办) the holder. */
    @PostMapping("/{caseId}/urge")
    public CommandReply urge(StaffMember staff, @PathVariable String caseId,
                             @RequestHeader(name = IF_MATCH, required = false) String ifMatch,
                             @Valid @RequestBody TextRequest request) {
        return service.urge(staff, CaseId.of(caseId), expectedVersion(ifMatch), request);
    }

    /** A supervisor records an accountability finding (问责). */
    @PostMapping("/{caseId}/findings")
    public CommandReply recordFinding(StaffMember staff, @PathVariable String caseId,
                                      @RequestHeader(name = IF_MATCH, required = false) String ifMatch,
                                      @Valid @RequestBody FindingRequest request) {
        return service.recordFinding(staff, CaseId.of(caseId), expectedVersion(ifMatch), request);
    }

    /**
     * The unit owing a rectification (整改) records a step: {@code verification}, {@code rectification}, then
     * {@code reply}; after the reply the applicant may grade once more.
     */
    @PostMapping("/{caseId}/rectification/{step}")
    public CommandReply rectificationStep(StaffMember staff, @PathVariable String caseId, @PathVariable String step,
                                          @RequestHeader(name = IF_MATCH, required = false) String ifMatch,
                                          @Valid @RequestBody TextRequest request) {
        String recorded = switch (step) {
            case "verification" -> "VERIFIED";
            case "rectification" -> "RECTIFIED";
            case "reply" -> "REPLIED";
            default -> throw new DomainException(ErrorCode.VALIDATION_FAILED,
                    "The rectification steps are verification, rectification and reply.", Map.of("step", step));
        };
        return service.recordRectificationStep(staff, CaseId.of(caseId), expectedVersion(ifMatch), recorded, request);
    }

    /** {@code If-Match: 3} or {@code If-Match: "3"} → 3; absent → null. */
    static Long expectedVersion(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank()) {
            return null;
        }
        String digits = ifMatch.strip().replace("\"", "").replaceFirst("^W/", "");
        if (!digits.matches("\\d{1,18}")) {
            throw new DomainException(ErrorCode.VALIDATION_FAILED,
                    "If-Match carries the case's sequence number, e.g. If-Match: \"3\".", Map.of("If-Match", ifMatch));
        }
        return Long.parseLong(digits);
    }
}
