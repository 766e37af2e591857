package org.weimin.command.privacy;

import jakarta.validation.Valid;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.weimin.command.privacy.PersonalDataRequests.ErasureReply;
import org.weimin.command.privacy.PersonalDataRequests.ErasureRequest;
import org.weimin.command.privacy.PersonalDataRequests.UnmaskedApplicant;
import org.weimin.command.privacy.PersonalDataRequests.ViewRequest;
import org.weimin.events.CaseId;
import org.weimin.events.StaffMember;

/**
 * Personal-data endpoints of issue 7 (see {@link PersonalDataService} for the rules):
 * <ul>
 *   <li>{@code POST /api/cases/{caseId}/personal-data/views} {@code {"reason": "..."}} (auditors; staff of the unit
 *       holding the case now): the applicant's values unmasked, after the view is recorded; {@code Cache-Control:
 *       no-store};</li>
 *   <li>{@code POST /api/admin/applicants/erasure} (administrators): crypto-shredding of one applicant.</li>
 * </ul>
 * Errors are RFC 9457 problem details with stable codes.
 */
@RestController
public class PersonalDataController {
    private final PersonalDataService service;

    public PersonalDataController(PersonalDataService service) {
        this.service = service;
    }

    /** An unmasked view of the case's applicant, recorded before it is answered. */
    @PostMapping("/api/cases/{caseId}/personal-data/views")
    public ResponseEntity<UnmaskedApplicant> view(StaffMember staff, @PathVariable String caseId,
                                                  @Valid @RequestBody ViewRequest request) {
        return ResponseEntity.ok().cacheControl(CacheControl.noStore())
                .body(service.view(staff, CaseId.of(caseId), request));
    }

    /** Erases an applicant's personal data; 200 with what was done, also when it had been done before. */
    @PostMapping("/api/admin/applicants/erasure")
    public ErasureReply erase(StaffMember admin, @Valid @RequestBody ErasureRequest request) {
        return service.erase(admin, request);
    }
}
