package org.weimin.command.privacy;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import org.weimin.command.cases.CaseDirectory;
import org.weimin.command.cases.PersonalDataCommands.EraseApplicantData;
import org.weimin.command.cases.PersonalDataCommands.ErasureRecorded;
import org.weimin.command.cases.PersonalDataCommands.PersonalDataViewGranted;
import org.weimin.command.cases.PersonalDataCommands.RecordPersonalDataView;
import org.weimin.command.cases.StaffAct;
import org.weimin.command.privacy.PersonalDataRequests.ErasedCase;
import org.weimin.command.privacy.PersonalDataRequests.ErasureReply;
import org.weimin.command.privacy.PersonalDataRequests.ErasureRequest;
import org.weimin.command.privacy.PersonalDataRequests.UnmaskedApplicant;
import org.weimin.command.privacy.PersonalDataRequests.ViewRequest;
import org.weimin.events.CaseId;
import org.weimin.events.DomainException;
import org.weimin.events.ErrorCode;
import org.weimin.events.access.AccessPolicy;
import org.weimin.events.access.Action;
import org.weimin.events.access.Role;
import org.weimin.events.StaffMember;
import org.weimin.events.privacy.ApplicantKeyId;
import org.weimin.events.privacy.IdDocument;
import org.weimin.events.privacy.PersonalDataInText;
import org.weimin.events.privacy.PersonalDataVault;
import org.weimin.events.privacy.Sealed;
import org.weimin.events.privacy.SealedApplicant;

/**
 * Unmasked views and erasure of applicants' personal data (issue 7; rules.md "Personal data").
 *
 * <p><b>Unmasked view</b>: auditors, and staff of the unit holding the case now (the aggregate decides, from its own
 * state). The view is recorded as {@code PersonalDataViewed} and the sealed values opened in one transaction; the
 * values leave only after it committed, so there is no unrecorded view. A reason naming the applicant's own values is
 * refused inside that transaction (rolled back: nothing recorded) — after the custody check, so that the refusal
 * tells nothing to someone who may not see the case.
 *
 * <p><b>Erasure</b>: administrators. The applicant (by a case of theirs, their ID document, or their key id), every
 * data key of theirs (an applicant who came back after an earlier erasure has a later generation of key) and every
 * case under those keys are found in the vault and the case directory; {@code ApplicantDataErased} is appended to each case and the
 * data key destroyed by that event's handler, all in one transaction: either every case records the erasure and the
 * key is gone, or nothing changed. Repeating it changes nothing and says so.
 */
@Service
public class PersonalDataService {
    private final CommandGateway commands;
    private final CaseDirectory directory;
    private final PersonalDataVault vault;
    private final TransactionTemplate transactions;
    private final Clock clock;

    public PersonalDataService(CommandGateway commands, CaseDirectory directory, PersonalDataVault vault,
                               TransactionTemplate transactions, Clock clock) {
        this.commands = commands;
        this.directory = directory;
        this.vault = vault;
        this.transactions = transactions;
        this.clock = clock;
    }

    /**
     * Records an unmasked view and returns the applicant's values.
     *
     * @throws DomainException {@code FORBIDDEN} (neither auditor nor case-handling staff), {@code CASE_NOT_FOUND},
     *                         {@code NOT_CASE_HOLDER} (403: not the holding unit now), {@code PERSONAL_DATA_IN_TEXT}
     *                         (400), {@code APPLICANT_DATA_ERASED} (410)
     */
    public UnmaskedApplicant view(StaffMember staff, CaseId caseId, ViewRequest request) {
        AccessPolicy.requireRole(staff, Action.VIEW_PERSONAL_DATA);
        boolean auditor = staff.hasRole(Role.AUDITOR.claim());
        String reason = request.reason().strip();
        PersonalDataInText.requireNone("reason", reason, List.of());
        CaseDirectory.Entry entry = directory.find(caseId).orElseThrow(PersonalDataService::caseNotFound);
        Instant now = clock.instant();
        StaffAct by = new StaffAct(staff.asActor(), staff.unit(),
                staff.hasRole(Role.SUPERVISOR.claim()), now, now);
        return transactions.execute(status -> {
            PersonalDataViewGranted granted = commands.sendAndWait(
                    new RecordPersonalDataView(caseId, reason, auditor, by));
            SealedApplicant sealed = granted.applicant();
            String name = open(sealed.name());
            String idDocument = sealed.idDocument() == null ? null : open(sealed.idDocument());
            String phone = sealed.phone() == null ? null : open(sealed.phone());
            String address = sealed.address() == null ? null : open(sealed.address());
            String idType = idDocument == null ? null : idDocument.substring(0, Math.max(0, idDocument.indexOf(':')));
            String idNumber = idDocument == null ? null : idDocument.substring(idDocument.indexOf(':') + 1);
            PersonalDataInText.requireNone("reason", reason, Arrays.asList(name, idNumber, phone, address));
            return new UnmaskedApplicant(entry.caseId().value(), entry.trackingNumber().value(), name, idType,
                    idNumber, phone, address, now, granted.sequence());
        });
    }

    /** Opens a sealed value; an erased key (the erasure committed meanwhile) rolls the view back. */
    private String open(Sealed sealed) {
        return vault.open(sealed).orElseThrow(() -> new DomainException(ErrorCode.APPLICANT_DATA_ERASED,
                "The applicant's personal data was erased."));
    }

    /**
     * Erases an applicant's personal data: destroys their data key and records the erasure on every case of theirs.
     *
     * @throws DomainException {@code FORBIDDEN} (not an administrator), {@code VALIDATION_FAILED} (not exactly one
     *                         way of naming the applicant, or a malformed one), {@code INVALID_PERSONAL_IDENTIFIER},
     *                         {@code CASE_NOT_FOUND}, {@code APPLICANT_NOT_FOUND}, {@code PERSONAL_DATA_IN_TEXT}
     */
    public ErasureReply erase(StaffMember admin, ErasureRequest request) {
        AccessPolicy.requireRole(admin, Action.ERASE_APPLICANT_DATA);
        String basis = request.basis().strip();
        List<ApplicantKeyId> keys = vault.keysOfApplicant(applicantOf(request, basis));
        List<CaseDirectory.Entry> cases = new ArrayList<>();
        keys.forEach(key -> cases.addAll(directory.findByApplicant(key)));
        if (cases.isEmpty()) {
            throw new DomainException(ErrorCode.APPLICANT_NOT_FOUND, "No case names this applicant.");
        }
        Instant now = clock.instant();
        StaffAct by = new StaffAct(admin.asActor(), admin.unit(), false, now, now);
        List<ErasedCase> done = transactions.execute(status -> {
            List<ErasedCase> list = new ArrayList<>();
            for (CaseDirectory.Entry entry : cases) {
                ErasureRecorded recorded = commands.sendAndWait(
                        new EraseApplicantData(entry.caseId(), entry.applicantKey(), basis, by));
                list.add(new ErasedCase(entry.caseId().value(), entry.trackingNumber().value(), recorded.recorded(),
                        recorded.sequence()));
            }
            return list;
        });
        boolean any = done.stream().anyMatch(ErasedCase::recordedNow);
        return new ErasureReply(keys.stream().map(ApplicantKeyId::value).toList(), any ? "ERASED" : "ALREADY_ERASED",
                now, done);
    }

    private ApplicantKeyId applicantOf(ErasureRequest request, String basis) {
        boolean byCase = notBlank(request.caseId());
        boolean byDocument = request.idType() != null || notBlank(request.idNumber());
        boolean byKey = notBlank(request.applicantKeyId());
        if ((byCase ? 1 : 0) + (byDocument ? 1 : 0) + (byKey ? 1 : 0) != 1) {
            throw new DomainException(ErrorCode.VALIDATION_FAILED,
                    "Name the applicant in exactly one way: caseId, idType with idNumber, or applicantKeyId.",
                    Map.of("applicant", "exactly one of caseId, idType+idNumber, applicantKeyId"));
        }
        if (byCase) {
            PersonalDataInText.requireNone("basis", basis, List.of());
            return directory.find(CaseId.of(request.caseId().strip()))
                    .orElseThrow(PersonalDataService::caseNotFound).applicantKey();
        }
        if (byDocument) {
            IdDocument document = IdDocument.parse(request.idType(), request.idNumber());
            PersonalDataInText.requireNone("basis", basis, List.of(document.number()));
            return vault.keyForIdDocument(document);
        }
        PersonalDataInText.requireNone("basis", basis, List.of());
        try {
            return ApplicantKeyId.of(request.applicantKeyId().strip());
        } catch (IllegalArgumentException e) {
            throw new DomainException(ErrorCode.VALIDATION_FAILED, "An applicant key id starts with idh: or case:.",
                    Map.of("applicantKeyId", "idh:<hex> or case:<case id>"));
        }
    }

    private static boolean notBlank(String s) {
        return s != null && !s.isBlank();
    }

    private static DomainException caseNotFound() {
        return new DomainException(ErrorCode.CASE_NOT_FOUND, "No such case.");
    }
}
