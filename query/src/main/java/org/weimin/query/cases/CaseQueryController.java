package org.weimin.query.cases;

import static org.weimin.projections.cases.CaseViewProjection.ERASED;

import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.weimin.events.CaseId;
import org.weimin.events.DomainException;
import org.weimin.events.ErrorCode;
import org.weimin.events.ServiceItemCode;
import org.weimin.events.StaffId;
import org.weimin.events.StaffMember;
import org.weimin.events.UnitId;
import org.weimin.events.catalogue.ServiceCatalogue;
import org.weimin.events.cases.CaseStatus;
import org.weimin.events.cases.TrackingNumber;
import org.weimin.events.cases.VerificationCode;
import org.weimin.events.org.OrgTree;
import org.weimin.events.org.OrgUnit;
import org.weimin.events.privacy.KeyedHasher;
import org.weimin.projections.cases.CaseView;
import org.weimin.projections.cases.CaseViews;
import org.weimin.query.cases.PublicCaseView.Named;

/**
 * Read API for one case, by key only. Staff: {@code GET /api/cases/{id}}. Public (no login):
 * {@code GET /api/public/cases/{trackingNumber}} and, with the verification code in header
 * {@code X-Verification-Code}, {@code GET /api/public/cases/{trackingNumber}/details}. A tracking number is normalised
 * (full width, lower case, missing hyphens) and its check character verified before any lookup (400
 * {@code INVALID_TRACKING_NUMBER}); an unknown case is a 404 {@code CASE_NOT_FOUND} with the same body whatever the
 * reason.
 */
@RestController
public class CaseQueryController {
    private final CaseViews views;
    private final OrgTree orgTree;
    private final ServiceCatalogue catalogue;
    private final KeyedHasher hasher;

    public CaseQueryController(CaseViews views, OrgTree orgTree, ServiceCatalogue catalogue, KeyedHasher hasher) {
        this.views = views;
        this.orgTree = orgTree;
        this.catalogue = catalogue;
        this.hasher = hasher;
    }

    /**
     * The staff view. Readable by the first-contact officer and by staff of a unit that holds, held at receipt or
     * completed the case, or that lies above one of those (supervisors of the subtree).
     *
     * @throws DomainException {@code CASE_NOT_FOUND} (404), {@code FORBIDDEN} (403)
     */
    @GetMapping("/api/cases/{caseId}")
    public StaffCaseView staffView(StaffMember staff, @PathVariable String caseId) {
        return toStaffView(staff, views.byId(CaseId.of(caseId)).orElseThrow(CaseQueryController::notFound));
    }

    /**
     * The staff view of a case document, for a reader in scope.
     *
     * @throws DomainException {@code FORBIDDEN} when the case is outside the reader's scope
     */
    StaffCaseView toStaffView(StaffMember staff, CaseView view) {
        if (!mayRead(staff, view)) {
            throw new DomainException(ErrorCode.FORBIDDEN, "This case is outside your unit's scope.");
        }
        return new StaffCaseView(view.caseId(), view.trackingNumber(), view.status().name(),
                serviceItem(view.serviceItem()), view.channel(), unit(view.window()), unit(view.holder()),
                view.firstContactOfficer(), view.receivedAt(), view.limitWorkingDays(), view.deadline(),
                view.deadlineProvisional(), view.calendarRevision(),
                new StaffCaseView.Applicant(view.applicantNameMasked(), view.applicantIdType(),
                        view.applicantIdNumberMasked(), view.applicantPhoneMasked(), view.applicantAddressMasked()),
                view.subject(), view.description(),
                view.completions() == 0 ? null : new StaffCaseView.Completion(view.completions(), view.result(),
                        view.resultText(), unit(view.completingUnit()), view.onTime(), view.completedAt()),
                view.grade() == null ? null
                        : new StaffCaseView.Evaluation(view.grade(), view.evaluationComment(), view.evaluatedAt()),
                view.steps().stream().map(s -> new StaffCaseView.Step(s.sequence(), s.kind(), s.occurredAt(),
                        s.recordedAt(), s.unit() == null ? null : unit(s.unit()), s.actorKind(), s.actorId(),
                        s.detail())).toList(),
                view.awaitingAcceptance(), view.returnWindowClosesAt(), view.paused(), view.remainingWorkingDays(),
                view.round(), view.custody(), view.notices(), view.supplements(), view.notifications(),
                view.completionHistory(), view.warned(), view.overdue(), view.extensions(), view.alerts(),
                view.supervisionOrders(), view.supervisionActs(), view.rectifications(), view.lastSequence(),
                view.erasure());
    }

    /** The public view by tracking number alone. */
    @GetMapping("/api/public/cases/{trackingNumber}")
    public PublicCaseView publicView(@PathVariable String trackingNumber) {
        return toPublic(find(trackingNumber));
    }

    /**
     * The applicant's view, with the verification code.
     *
     * @throws DomainException {@code WRONG_VERIFICATION_CODE} (403) when the code does not match
     */
    @GetMapping("/api/public/cases/{trackingNumber}/details")
    public PublicCaseDetails details(@PathVariable String trackingNumber,
                                     @RequestHeader(name = "X-Verification-Code", required = false) String code) {
        CaseView view = find(trackingNumber);
        if (code == null || code.isBlank()) {
            throw new DomainException(ErrorCode.VALIDATION_FAILED, "The verification code is required.",
                    Map.of("X-Verification-Code", "required"));
        }
        VerificationCode parsed = VerificationCode.parse(code);
        if (!hasher.matches(KeyedHasher.VERIFICATION_CODE, parsed.value(), view.verificationCodeHash())) {
            throw new DomainException(ErrorCode.WRONG_VERIFICATION_CODE,
                    "The verification code does not match this case.");
        }
        // After an erasure anyone holding the old receipt could still open this: staff's texts, which may name the
        // applicant (whose name is no longer known to mask them), show as erased too (issue 7).
        boolean erased = view.erasure() != null;
        return new PublicCaseDetails(toPublic(view), view.applicantNameMasked(),
                view.notices().stream().map(n -> new PublicCaseDetails.NoticeContents(n.number(), n.occurredAt(),
                        n.items().stream().map(i -> i.materialCode() == null && erased ? ERASED : i.text()).toList()))
                        .toList(),
                view.notifications().stream().map(n -> new PublicCaseDetails.Told(n.kind(), n.channel(),
                        n.occurredAt(), erased ? ERASED : n.text())).toList(),
                erased && view.resultText() != null ? ERASED : view.resultText(), view.grade(),
                view.status() == CaseStatus.COMPLETED || regradeOpen(view));
    }

    /** After a rectification was replied, the applicant may grade once more. */
    private static boolean regradeOpen(CaseView view) {
        var rectifications = view.rectifications();
        if (rectifications.isEmpty()) {
            return false;
        }
        var last = rectifications.get(rectifications.size() - 1);
        return last.regrade() == null && last.steps().stream().anyMatch(s -> s.startsWith("REPLIED"));
    }

    private CaseView find(String rawTrackingNumber) {
        TrackingNumber trackingNumber = TrackingNumber.parse(rawTrackingNumber);
        return views.byTrackingNumber(trackingNumber).orElseThrow(CaseQueryController::notFound);
    }

    private PublicCaseView toPublic(CaseView view) {
        return new PublicCaseView(view.trackingNumber(), view.status().name(), serviceItem(view.serviceItem()),
                view.receivedAt(), view.paused() ? null : view.deadline(), view.deadlineProvisional(), view.paused(),
                view.paused() ? view.remainingWorkingDays() : null, unit(view.holder()), view.result(),
                view.completedAt(),
                view.steps().stream().map(s -> new PublicCaseView.PublicStep(s.kind(), s.occurredAt(),
                        s.unit() == null ? null : unit(s.unit()), publicDetail(s.kind(), s.detail()))).toList(),
                view.lastSequence());
    }

    /**
     * rules.md "What the public sees": a notice shows its number of items and a completion its result type; no other
     * step shows a detail (a grade is the applicant's; reasons and channels are staff matters).
     */
    private static String publicDetail(String kind, String detail) {
        return "NOTICE_SENT".equals(kind) || "COMPLETED".equals(kind) || "EXTENDED".equals(kind) ? detail : null;
    }

    private boolean mayRead(StaffMember staff, CaseView view) {
        if (staff.id().equals(StaffId.of(view.firstContactOfficer()))) {
            return true;
        }
        return within(view.holder(), staff.unit()) || within(view.window(), staff.unit())
                || (view.completingUnit() != null && within(view.completingUnit(), staff.unit()))
                || view.custody().stream().anyMatch(c -> within(c.toUnit(), staff.unit()));
    }

    private boolean within(String unit, UnitId ancestor) {
        return unit != null && orgTree.isWithin(UnitId.of(unit), ancestor);
    }

    private Named unit(String id) {
        return new Named(id, orgTree.find(UnitId.of(id)).map(OrgUnit::name).orElse(id));
    }

    private Named serviceItem(String code) {
        return new Named(code, catalogue.find(ServiceItemCode.of(code)).map(i -> i.name()).orElse(code));
    }

    static DomainException notFound() {
        return new DomainException(ErrorCode.CASE_NOT_FOUND, "No case with this tracking number or id.");
    }
}
