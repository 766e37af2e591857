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
import org.weimin.events.access.AccessPolicy;
import org.weimin.events.access.Action;
import org.weimin.events.access.CaseCustody;
import java.util.HashSet;
import java.util.Set;
import org.weimin.events.catalogue.ServiceCatalogue;
import org.weimin.events.cases.CaseStatus;
import org.weimin.events.cases.TrackingNumber;
import org.weimin.events.cases.VerificationCode;
import org.weimin.events.cases.VerificationLockout;
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
 * {@code INVALID_TRACKING_NUMBER}); then exactly one key lookup ({@link CaseViews#byTrackingNumber}), the same for a
 * known and an unknown number; an unknown case is a 404 {@code CASE_NOT_FOUND} with the same body whatever the reason.
 * What the public sees without and with the code: rules.md "What the public sees".
 */
@RestController
public class CaseQueryController {
    private final CaseViews views;
    private final OrgTree orgTree;
    private final ServiceCatalogue catalogue;
    private final KeyedHasher hasher;
    private final VerificationLockout lockout;

    public CaseQueryController(CaseViews views, OrgTree orgTree, ServiceCatalogue catalogue, KeyedHasher hasher,
                               VerificationLockout lockout) {
        this.views = views;
        this.orgTree = orgTree;
        this.catalogue = catalogue;
        this.hasher = hasher;
        this.lockout = lockout;
    }

    /**
     * The staff view. Readable by its first-contact officer and by staff of a unit that received, holds, held or
     * completed the case; by supervisors over one of those units; by auditors (issue 7, {@link Action#READ_CASE}).
     *
     * @throws DomainException {@code FORBIDDEN} (403) for another role before any lookup, {@code CASE_NOT_FOUND}
     *                         (404), {@code FORBIDDEN} (403) out of scope
     */
    @GetMapping("/api/cases/{caseId}")
    public StaffCaseView staffView(StaffMember staff, @PathVariable String caseId) {
        AccessPolicy.requireRole(staff, Action.READ_CASE);
        return toStaffView(staff, views.byId(CaseId.of(caseId)).orElseThrow(CaseQueryController::notFound));
    }

    /**
     * The staff view of a case document, for a reader in scope.
     *
     * @throws DomainException {@code FORBIDDEN} when the case is outside the reader's scope
     */
    StaffCaseView toStaffView(StaffMember staff, CaseView view) {
        AccessPolicy.requireRead(staff, Action.READ_CASE, custodyOf(view), orgTree);
        return render(view);
    }

    /** The staff view of a case document, without a scope check: the caller has judged it. */
    StaffCaseView render(CaseView view) {
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
     * @throws DomainException {@code WRONG_VERIFICATION_CODE} (403) when the code does not match;
     *                         {@code VERIFICATION_LOCKED} (429, with Retry-After) after repeated wrong codes for the case
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
        lockout.attempt(TrackingNumber.of(view.trackingNumber()), () -> {
            if (!hasher.matches(KeyedHasher.VERIFICATION_CODE, parsed.value(), view.verificationCodeHash())) {
                throw new DomainException(ErrorCode.WRONG_VERIFICATION_CODE,
                        "The verification code does not match this case.");
            }
            return true;
        });
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

    /**
     * The units a case document names (receiving window, holder, every forward's and return's units, completing
     * unit) and its first-contact officer: what read scope is judged on ({@link AccessPolicy#mayRead}).
     */
    public static CaseCustody custodyOf(CaseView view) {
        Set<UnitId> units = new HashSet<>();
        units.add(UnitId.of(view.window()));
        units.add(UnitId.of(view.holder()));
        if (view.completingUnit() != null) {
            units.add(UnitId.of(view.completingUnit()));
        }
        view.custody().forEach(c -> {
            if (c.fromUnit() != null) {
                units.add(UnitId.of(c.fromUnit()));
            }
            if (c.toUnit() != null) {
                units.add(UnitId.of(c.toUnit()));
            }
        });
        return new CaseCustody(UnitId.of(view.holder()),
                view.completingUnit() == null ? null : UnitId.of(view.completingUnit()), units,
                view.firstContactOfficer() == null ? null : StaffId.of(view.firstContactOfficer()));
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
