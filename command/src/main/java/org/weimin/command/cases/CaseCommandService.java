package org.weimin.command.cases;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.stereotype.Service;
import org.weimin.command.api.ApplicantInput;
import org.weimin.command.api.CommandReply;
import org.weimin.command.api.CompleteCaseRequest;
import org.weimin.command.api.EvaluationRequest;
import org.weimin.command.api.Receipt;
import org.weimin.command.api.ReceiveCaseRequest;
import org.weimin.events.Actor;
import org.weimin.events.CaseId;
import org.weimin.events.DomainException;
import org.weimin.events.ErrorCode;
import org.weimin.events.ServiceItemCode;
import org.weimin.events.StaffMember;
import org.weimin.events.UnitId;
import org.weimin.events.calendar.WorkingCalendar;
import org.weimin.events.catalogue.ServiceCatalogue;
import org.weimin.events.catalogue.ServiceItem;
import org.weimin.events.cases.TrackingNumber;
import org.weimin.events.cases.VerificationCode;
import org.weimin.events.org.OrgTree;
import org.weimin.events.org.OrgUnit;
import org.weimin.events.org.OrgUnitKind;
import org.weimin.events.privacy.ApplicantKeyId;
import org.weimin.events.privacy.IdDocument;
import org.weimin.events.privacy.KeyedHasher;
import org.weimin.events.privacy.PersonalDataVault;
import org.weimin.events.privacy.PhoneNumbers;
import org.weimin.events.privacy.Sealed;
import org.weimin.events.privacy.SealedApplicant;

/**
 * Turns staff and public requests into commands: resolves and validates reference data, normalises the applicant's
 * identifiers, draws ids, seals personal data (the data key is durable before the command is sent), stamps times from
 * the injected {@link Clock}, and dispatches. Returns only after the events are committed.
 */
@Service
public class CaseCommandService {
    /** Attempts to draw a free tracking number (a collision has probability about n / 2^50). */
    private static final int TRACKING_NUMBER_ATTEMPTS = 5;

    private final CommandGateway commands;
    private final OrgTree orgTree;
    private final ServiceCatalogue catalogue;
    private final WorkingCalendar calendar;
    private final PersonalDataVault vault;
    private final KeyedHasher hasher;
    private final CaseIdentities identities;
    private final CaseDirectory directory;
    private final Clock clock;

    public CaseCommandService(CommandGateway commands, OrgTree orgTree, ServiceCatalogue catalogue,
                              WorkingCalendar calendar, PersonalDataVault vault, KeyedHasher hasher,
                              CaseIdentities identities, CaseDirectory directory, Clock clock) {
        this.commands = commands;
        this.orgTree = orgTree;
        this.catalogue = catalogue;
        this.calendar = calendar;
        this.vault = vault;
        this.hasher = hasher;
        this.identities = identities;
        this.directory = directory;
        this.clock = clock;
    }

    /**
     * Receives a case at a window of the staff member's unit; the staff member becomes the first-contact officer.
     *
     * @throws DomainException for unknown or inactive reference data, a window outside the staff member's unit, or an
     *                         invalid personal identifier (all 400)
     */
    public Receipt receive(StaffMember staff, ReceiveCaseRequest request) {
        OrgUnit window = orgTree.require(UnitId.of(request.window()));
        if (window.kind() != OrgUnitKind.WINDOW || !staff.unit().equals(window.parent())) {
            throw new DomainException(ErrorCode.NOT_A_WINDOW_OF_STAFF_UNIT,
                    "Unit " + window.id() + " is not a window of your unit " + staff.unit() + ".",
                    Map.of("window", request.window()));
        }
        ServiceItem item = catalogue.require(ServiceItemCode.of(request.serviceItem()));
        if (!window.active() || !orgTree.require(window.parent()).active()) {
            throw new DomainException(ErrorCode.INACTIVE_REFERENCE, "Window " + window.id() + " is closed.",
                    Map.of("window", request.window()));
        }
        if (!item.active()) {
            throw new DomainException(ErrorCode.INACTIVE_REFERENCE,
                    "Service item " + item.code() + " is no longer offered.",
                    Map.of("serviceItem", request.serviceItem()));
        }
        ApplicantInput input = request.applicant();
        IdDocument idDocument = idDocument(input);
        String phone = blankToNull(input.phone()) == null ? null : PhoneNumbers.normalise(input.phone());

        CaseId caseId = identities.newCaseId();
        ApplicantKeyId key = idDocument != null
                ? vault.keyForIdDocument(idDocument)
                : ApplicantKeyId.of("case:" + caseId.value());
        SealedApplicant applicant = new SealedApplicant(key,
                vault.seal(key, input.name().strip()),
                idDocument == null ? null : vault.seal(key, idDocument.type().name() + ":" + idDocument.number()),
                phone == null ? null : vault.seal(key, phone),
                sealOrNull(key, input.address()));
        Sealed subject = vault.seal(key, request.subject());
        Sealed description = sealOrNull(key, request.description());
        Instant now = clock.instant();

        for (int attempt = 1; ; attempt++) {
            TrackingNumber trackingNumber = identities.newTrackingNumber();
            VerificationCode code = identities.newVerificationCode();
            ReceiveCase command = new ReceiveCase(caseId, trackingNumber,
                    hasher.hash(KeyedHasher.VERIFICATION_CODE, code.value()), item.code(), window.id(),
                    window.parent(), request.channel(), staff.id(), applicant, subject, description,
                    item.limitWorkingDays(), staff.asActor(), now, now);
            try {
                commands.sendAndWait(command);
            } catch (RuntimeException e) {
                if (isTrackingNumberCollision(e) && attempt < TRACKING_NUMBER_ATTEMPTS) {
                    continue;
                }
                throw e;
            }
            var deadline = calendar.deadline(now, item.limitWorkingDays());
            return new Receipt(caseId.value(), trackingNumber.value(), code.value(), item.code().value(),
                    item.limitWorkingDays(), deadline.dueAt(), deadline.provisional(), 0L);
        }
    }

    /**
     * Completes a case held by the staff member's unit.
     *
     * @throws DomainException {@code CASE_NOT_FOUND}, or the aggregate's rejections
     */
    public CommandReply complete(StaffMember staff, CaseId caseId, CompleteCaseRequest request) {
        CaseDirectory.Entry entry = directory.find(caseId).orElseThrow(() -> notFound());
        Instant now = clock.instant();
        Long sequence = commands.sendAndWait(new CompleteCase(caseId, request.result(), request.resultText(),
                staff.asActor(), staff.unit(), now, now));
        return new CommandReply(caseId.value(), entry.trackingNumber().value(), sequence);
    }

    /**
     * The applicant's evaluation, proved with the verification code.
     *
     * @param rawTrackingNumber as typed (normalised here; a wrong check character is a 400 before any lookup)
     * @throws DomainException {@code INVALID_TRACKING_NUMBER}, {@code CASE_NOT_FOUND}, {@code WRONG_VERIFICATION_CODE},
     *                         or the aggregate's rejections
     */
    public CommandReply evaluate(String rawTrackingNumber, EvaluationRequest request) {
        TrackingNumber trackingNumber = TrackingNumber.parse(rawTrackingNumber);
        CaseDirectory.Entry entry = directory.find(trackingNumber).orElseThrow(() -> notFound());
        VerificationCode code = VerificationCode.parse(request.verificationCode());
        Sealed comment = sealOrNull(entry.applicantKey(), request.comment());
        Instant now = clock.instant();
        Long sequence = commands.sendAndWait(new EvaluateCase(entry.caseId(),
                hasher.hash(KeyedHasher.VERIFICATION_CODE, code.value()), request.grade(), comment,
                Actor.applicant(trackingNumber.value()), now, now));
        return new CommandReply(entry.caseId().value(), trackingNumber.value(), sequence);
    }

    private static DomainException notFound() {
        return new DomainException(ErrorCode.CASE_NOT_FOUND, "No such case.");
    }

    private static IdDocument idDocument(ApplicantInput input) {
        boolean hasNumber = blankToNull(input.idNumber()) != null;
        if (input.idType() == null && !hasNumber) {
            return null;
        }
        if (input.idType() == null || !hasNumber) {
            throw new DomainException(ErrorCode.VALIDATION_FAILED, "ID document type and number go together.",
                    Map.of(input.idType() == null ? "applicant.idType" : "applicant.idNumber", "required with the other"));
        }
        return IdDocument.parse(input.idType(), input.idNumber());
    }

    private Sealed sealOrNull(ApplicantKeyId key, String text) {
        return blankToNull(text) == null ? null : vault.seal(key, text);
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }

    private static boolean isTrackingNumberCollision(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof CaseDirectory.TrackingNumberCollision) {
                return true;
            }
        }
        return false;
    }
}
