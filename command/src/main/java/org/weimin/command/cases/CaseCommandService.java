package org.weimin.command.cases;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.stereotype.Service;
import org.weimin.command.api.ApplicantInput;
import org.weimin.command.api.CommandReply;
import org.weimin.command.api.CompleteCaseRequest;
import org.weimin.command.api.EvaluationRequest;
import org.weimin.command.api.Receipt;
import org.weimin.command.api.ReceiveCaseRequest;
import org.weimin.command.api.StaffRequests.ExtensionRequest;
import org.weimin.command.api.StaffRequests.FindingRequest;
import org.weimin.command.api.StaffRequests.SupervisionOrderRequest;
import org.weimin.command.api.StaffRequests.TextRequest;
import org.weimin.command.cases.StaffCommands.AnswerSupervisionOrder;
import org.weimin.command.cases.StaffCommands.IssueSupervisionOrder;
import org.weimin.command.cases.StaffCommands.RecordFinding;
import org.weimin.command.cases.StaffCommands.RecordRectificationStep;
import org.weimin.command.cases.StaffCommands.UrgeCase;
import org.weimin.events.StaffId;
import org.weimin.command.api.StaffRequests.ForwardRequest;
import org.weimin.command.cases.StaffCommands.ApproveExtension;
import org.weimin.command.cases.StaffCommands.RefuseExtension;
import org.weimin.command.cases.StaffCommands.RequestExtension;
import org.weimin.command.api.StaffRequests.NoticeRequest;
import org.weimin.command.api.StaffRequests.NotificationRequest;
import org.weimin.command.api.StaffRequests.ReasonRequest;
import org.weimin.command.api.StaffRequests.SupplementRequest;
import org.weimin.command.cases.StaffCommands.AcceptCase;
import org.weimin.command.cases.StaffCommands.CompleteCase;
import org.weimin.command.cases.StaffCommands.ForwardCase;
import org.weimin.command.cases.StaffCommands.JustifyBreach;
import org.weimin.command.cases.StaffCommands.NotifyMissingMaterials;
import org.weimin.command.cases.StaffCommands.NotifyProgress;
import org.weimin.command.cases.StaffCommands.NotifyResult;
import org.weimin.command.cases.StaffCommands.ReopenCase;
import org.weimin.command.cases.StaffCommands.ReturnCase;
import org.weimin.command.cases.StaffCommands.SupplementMaterials;
import org.weimin.events.catalogue.Material;
import org.weimin.events.cases.NoticeItem;
import org.weimin.events.cases.Channel;
import org.weimin.events.cases.NotificationChannel;
import org.weimin.events.Actor;
import org.weimin.events.CaseId;
import org.weimin.events.DomainException;
import org.weimin.events.ErrorCode;
import org.weimin.events.ServiceItemCode;
import org.weimin.events.StaffMember;
import org.weimin.events.UnitId;
import org.weimin.events.access.AccessPolicy;
import org.weimin.events.access.Action;
import org.weimin.command.cases.StaffCommands.StaffCommand;
import org.weimin.events.calendar.WorkingCalendar;
import org.weimin.events.catalogue.ServiceCatalogue;
import org.weimin.events.catalogue.ServiceItem;
import org.weimin.events.cases.TrackingNumber;
import org.weimin.events.cases.VerificationCode;
import org.weimin.events.cases.VerificationLockout;
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
    private final CustodySettings custody;
    private final TimeLimitSettings timeLimits;
    private final VerificationLockout lockout;

    public CaseCommandService(CommandGateway commands, OrgTree orgTree, ServiceCatalogue catalogue,
                              WorkingCalendar calendar, PersonalDataVault vault, KeyedHasher hasher,
                              CaseIdentities identities, CaseDirectory directory, Clock clock,
                              CustodySettings custody, TimeLimitSettings timeLimits, VerificationLockout lockout) {
        this.lockout = lockout;
        this.custody = custody;
        this.timeLimits = timeLimits;
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
     * @throws DomainException {@code FORBIDDEN} (403) for a role that does not receive cases or a window of another
     *                         unit; unknown or inactive reference data, a unit that is no window, or an invalid
     *                         personal identifier (all 400)
     */
    public Receipt receive(StaffMember staff, ReceiveCaseRequest request) {
        AccessPolicy.requireRole(staff, Action.RECEIVE);
        OrgUnit window = orgTree.require(UnitId.of(request.window()));
        if (window.kind() == OrgUnitKind.WINDOW && !staff.unit().equals(window.parent())) {
            // Out of scope (issue 7): another unit's window is 403 like every out-of-scope act, not a bad request.
            throw new DomainException(ErrorCode.FORBIDDEN,
                    "Window " + window.id() + " belongs to " + window.parent() + ", not to your unit " + staff.unit()
                            + ".", Map.of("window", request.window()));
        }
        if (window.kind() != OrgUnitKind.WINDOW) {
            throw new DomainException(ErrorCode.NOT_A_WINDOW_OF_STAFF_UNIT,
                    "Unit " + window.id() + " is not a window of your unit " + staff.unit() + ".",
                    Map.of("window", request.window()));
        }
        ServiceItem item = activeItemAt(window, ServiceItemCode.of(request.serviceItem()));
        return receiveAt(window, item, request.applicant(), request.subject(), request.description(),
                request.channel(), staff.id(), staff.asActor(), List.of(), null);
    }

    /**
     * Receives a case submitted by an Open311 API client (issue 9) at the window its key is bound to, through the
     * online channel, with the key as actor ({@code API_CLIENT}) and as first-contact officer ({@code open311:<keyId>}:
     * no staff member took it in; intake figures count it for that window and that key). Required materials the
     * client did not answer as supplied are asked for at once by a missing-materials notice sent by the same actor in
     * the same command as the receipt (both events or neither), which pauses the clock (rules.md "One-time notice and the paused clock").
     *
     * @param keyId    the API key's public id
     * @param window   the receiving window the key is bound to
     * @param answers  material code → whether the applicant supplies it (unanswered ones are not supplied)
     * @throws DomainException unknown or inactive window or service item, {@code UNKNOWN_MATERIAL} for a code the item
     *                         does not list, an invalid personal identifier (all 400)
     */
    public OnlineReceipt receiveOnline(String keyId, UnitId window, ServiceItemCode serviceItem, ApplicantInput applicant,
                                       String subject, String description, Map<String, Boolean> answers) {
        OrgUnit unit = orgTree.require(window);
        if (unit.kind() != OrgUnitKind.WINDOW) {
            throw new DomainException(ErrorCode.NOT_A_WINDOW_OF_STAFF_UNIT, "Unit " + unit.id() + " is not a window.",
                    Map.of("window", window.value()));
        }
        ServiceItem item = activeItemAt(unit, serviceItem);
        for (String code : answers.keySet()) {
            if (item.materials().stream().noneMatch(m -> m.code().equals(code))) {
                throw new DomainException(ErrorCode.UNKNOWN_MATERIAL,
                        "Service item " + item.code() + " lists no material " + code + ".", Map.of("attribute", code));
            }
        }
        List<NoticeItem> missing = item.materials().stream()
                .filter(m -> !Boolean.TRUE.equals(answers.get(m.code())))
                .map(m -> new NoticeItem(m.code(), m.name())).toList();
        Actor client = Actor.apiClient(keyId);
        // One command: the receipt and, when something is missing, the notice (the case never exists without it).
        Receipt receipt = receiveAt(unit, item, applicant, subject, description, Channel.ONLINE,
                StaffId.of("open311:" + keyId), client, missing, NotificationChannel.ONLINE);
        return new OnlineReceipt(receipt, missing.size(), missing.isEmpty() ? receipt.sequence() : 1L);
    }

    /**
     * A case received online: the receipt, how many required materials the notice sent at once asks for (0: none
     * sent), and the sequence of the last event appended.
     */
    public record OnlineReceipt(Receipt receipt, int materialsAwaited, long sequence) {
    }

    /** The service item, active, at an open window of an active unit. @throws DomainException 400s */
    private ServiceItem activeItemAt(OrgUnit window, ServiceItemCode code) {
        ServiceItem item = catalogue.require(code);
        if (!window.active() || !orgTree.require(window.parent()).active()) {
            throw new DomainException(ErrorCode.INACTIVE_REFERENCE, "Window " + window.id() + " is closed.",
                    Map.of("window", window.id().value()));
        }
        if (!item.active()) {
            throw new DomainException(ErrorCode.INACTIVE_REFERENCE,
                    "Service item " + item.code() + " is no longer offered.",
                    Map.of("serviceItem", code.value()));
        }
        return item;
    }

    /**
     * Seals the applicant's data, draws the ids and sends {@link ReceiveCase} (retrying a tracking-number clash), with
     * the materials known missing at receipt (empty: none).
     */
    private Receipt receiveAt(OrgUnit window, ServiceItem item, ApplicantInput input, String subjectText,
                              String descriptionText, Channel channel, StaffId officer, Actor actor,
                              List<NoticeItem> missingAtOnce, NotificationChannel noticeChannel) {
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
        Sealed subject = vault.seal(key, subjectText);
        Sealed description = sealOrNull(key, descriptionText);
        Instant now = clock.instant();

        for (int attempt = 1; ; attempt++) {
            TrackingNumber trackingNumber = identities.newTrackingNumber();
            VerificationCode code = identities.newVerificationCode();
            ReceiveCase command = new ReceiveCase(caseId, trackingNumber,
                    hasher.hash(KeyedHasher.VERIFICATION_CODE, code.value()), item.code(), window.id(),
                    window.parent(), channel, officer, applicant, subject, description,
                    item.limitWorkingDays(), actor, now, now, missingAtOnce, noticeChannel);
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
     * @param expectedVersion the sequence the caller last saw, or null
     * @throws DomainException {@code CASE_NOT_FOUND}, or the aggregate's rejections
     */
    public CommandReply complete(StaffMember staff, CaseId caseId, Long expectedVersion, CompleteCaseRequest request) {
        AccessPolicy.requireRole(staff, Action.COMPLETE);
        return dispatch(caseId, by -> new CompleteCase(caseId, expectedVersion, request.result(),
                request.resultText(), by), staff);
    }

    /**
     * Forwards a case to another unit, which must be known, active and able to hold cases (not a window or a
     * residents' group). The return window follows the target's unit kind ({@link CustodySettings}).
     */
    public CommandReply forward(StaffMember staff, CaseId caseId, Long expectedVersion, ForwardRequest request) {
        AccessPolicy.requireRole(staff, Action.FORWARD);
        OrgUnit target = orgTree.require(UnitId.of(request.targetUnit()));
        if (target.kind() == OrgUnitKind.WINDOW || target.kind() == OrgUnitKind.RESIDENTS_GROUP) {
            throw new DomainException(ErrorCode.NOT_A_CASE_HOLDING_UNIT,
                    "Unit " + target.id() + " (" + target.kind() + ") does not hold cases.",
                    Map.of("targetUnit", request.targetUnit()));
        }
        if (!target.active()) {
            throw new DomainException(ErrorCode.INACTIVE_REFERENCE, "Unit " + target.id() + " is no longer active.",
                    Map.of("targetUnit", request.targetUnit()));
        }
        int window = custody.returnWindowFor(target.kind());
        return dispatch(caseId, by -> new ForwardCase(caseId, expectedVersion, target.id(), request.reason(), window,
                by), staff);
    }

    /** Accepts a case forwarded to the staff member's unit. */
    public CommandReply accept(StaffMember staff, CaseId caseId, Long expectedVersion) {
        AccessPolicy.requireRole(staff, Action.ACCEPT);
        return dispatch(caseId, by -> new AcceptCase(caseId, expectedVersion, by), staff);
    }

    /** Returns a case forwarded to the staff member's unit, within the return window. */
    public CommandReply returnCase(StaffMember staff, CaseId caseId, Long expectedVersion, ReasonRequest request) {
        AccessPolicy.requireRole(staff, Action.RETURN);
        return dispatch(caseId, by -> new ReturnCase(caseId, expectedVersion, request.reason(), by), staff);
    }

    /**
     * Sends a missing-materials notice: material codes of the case's service item (unknown codes are a 400
     * {@code UNKNOWN_MATERIAL}) and free-text items.
     */
    public CommandReply notifyMissingMaterials(StaffMember staff, CaseId caseId, Long expectedVersion,
                                               NoticeRequest request) {
        AccessPolicy.requireRole(staff, Action.NOTIFY_MISSING_MATERIALS);
        CaseDirectory.Entry entry = entry(caseId);
        List<NoticeItem> items = noticeItems(entry, request.materials(), request.otherItems());
        if (items.isEmpty()) {
            throw new DomainException(ErrorCode.VALIDATION_FAILED, "A notice lists at least one item.",
                    Map.of("materials", "at least one material or other item"));
        }
        return dispatch(entry, by -> new NotifyMissingMaterials(caseId, expectedVersion, items, request.channel(),
                by), staff);
    }

    /** Records the applicant's supplement; the clock resumes. */
    public CommandReply supplement(StaffMember staff, CaseId caseId, Long expectedVersion,
                                   SupplementRequest request) {
        AccessPolicy.requireRole(staff, Action.SUPPLEMENT);
        CaseDirectory.Entry entry = entry(caseId);
        List<NoticeItem> items = noticeItems(entry, request.materials(), request.otherItems());
        return dispatch(entry, by -> new SupplementMaterials(caseId, expectedVersion, items, by), staff);
    }

    /** A supervisor marks the breach recorded for notice {@code noticeNumber} as justified. */
    public CommandReply justifyBreach(StaffMember staff, CaseId caseId, Long expectedVersion, int noticeNumber,
                                      ReasonRequest request) {
        AccessPolicy.requireRole(staff, Action.JUSTIFY_BREACH);
        return dispatch(caseId, by -> new JustifyBreach(caseId, expectedVersion, noticeNumber, request.reason(), by),
                staff);
    }

    /** Records a progress notice to the applicant. */
    public CommandReply notifyProgress(StaffMember staff, CaseId caseId, Long expectedVersion,
                                       NotificationRequest request) {
        AccessPolicy.requireRole(staff, Action.NOTIFY_PROGRESS);
        return dispatch(caseId, by -> new NotifyProgress(caseId, expectedVersion, request.channel(), request.text(),
                by), staff);
    }

    /** Records how the result was told to the applicant. */
    public CommandReply notifyResult(StaffMember staff, CaseId caseId, Long expectedVersion,
                                     NotificationRequest request) {
        AccessPolicy.requireRole(staff, Action.NOTIFY_RESULT);
        return dispatch(caseId, by -> new NotifyResult(caseId, expectedVersion, request.channel(), request.text(),
                by), staff);
    }

    /** A supervisor reopens a completed case; the fresh commitment is the service item's limit. */
    public CommandReply reopen(StaffMember staff, CaseId caseId, Long expectedVersion, ReasonRequest request) {
        AccessPolicy.requireRole(staff, Action.REOPEN);
        CaseDirectory.Entry entry = entry(caseId);
        int limit = catalogue.require(entry.serviceItem()).limitWorkingDays();
        return dispatch(entry, by -> new ReopenCase(caseId, expectedVersion, request.reason(), limit, by), staff);
    }

    /** The holder requests an extension by a number of working days, with a reason. */
    public CommandReply requestExtension(StaffMember staff, CaseId caseId, Long expectedVersion,
                                         ExtensionRequest request) {
        AccessPolicy.requireRole(staff, Action.REQUEST_EXTENSION);
        return dispatch(caseId, by -> new RequestExtension(caseId, expectedVersion, request.workingDays(),
                request.reason(), by), staff);
    }

    /** A supervisor of the holder's unit or above approves a pending extension request. */
    public CommandReply approveExtension(StaffMember staff, CaseId caseId, Long expectedVersion, int requestNumber) {
        AccessPolicy.requireRole(staff, Action.APPROVE_EXTENSION);
        return dispatch(caseId, by -> new ApproveExtension(caseId, expectedVersion, requestNumber, by), staff);
    }

    /** A supervisor of the holder's unit or above refuses a pending extension request. */
    public CommandReply refuseExtension(StaffMember staff, CaseId caseId, Long expectedVersion, int requestNumber,
                                        ReasonRequest request) {
        AccessPolicy.requireRole(staff, Action.REFUSE_EXTENSION);
        return dispatch(caseId, by -> new RefuseExtension(caseId, expectedVersion, requestNumber, request.reason(),
                by), staff);
    }

    /** A supervisor over the holder issues a supervision order due at the end of {@code dueDate} (Asia/Shanghai). */
    public CommandReply issueSupervisionOrder(StaffMember staff, CaseId caseId, Long expectedVersion,
                                              SupervisionOrderRequest request) {
        AccessPolicy.requireRole(staff, Action.ISSUE_SUPERVISION_ORDER);
        java.time.LocalDate today = clock.instant().atZone(WorkingCalendar.ZONE).toLocalDate();
        if (request.dueDate().isAfter(today.plusYears(1))) {
            throw new DomainException(ErrorCode.VALIDATION_FAILED, "A supervision order is due within a year.",
                    Map.of("dueDate", "within a year"));
        }
        Instant dueAt = request.dueDate().plusDays(1).atStartOfDay(WorkingCalendar.ZONE).toInstant();
        return dispatch(caseId, by -> new IssueSupervisionOrder(caseId, expectedVersion, request.text(), dueAt, by),
                staff);
    }

    /** The holder answers supervision order {@code orderNumber}. */
    public CommandReply answerSupervisionOrder(StaffMember staff, CaseId caseId, Long expectedVersion,
                                               int orderNumber, TextRequest request) {
        AccessPolicy.requireRole(staff, Action.ANSWER_SUPERVISION_ORDER);
        return dispatch(caseId, by -> new AnswerSupervisionOrder(caseId, expectedVersion, orderNumber, request.text(),
                by), staff);
    }

    /** A supervisor over the holder urges it. */
    public CommandReply urge(StaffMember staff, CaseId caseId, Long expectedVersion, TextRequest request) {
        AccessPolicy.requireRole(staff, Action.URGE);
        return dispatch(caseId, by -> new UrgeCase(caseId, expectedVersion, request.text(), by), staff);
    }

    /** A supervisor records an accountability finding against a unit (and optionally one of its staff). */
    public CommandReply recordFinding(StaffMember staff, CaseId caseId, Long expectedVersion,
                                      FindingRequest request) {
        AccessPolicy.requireRole(staff, Action.RECORD_FINDING);
        OrgUnit unit = orgTree.require(UnitId.of(request.againstUnit()));
        StaffId person = request.againstStaff() == null || request.againstStaff().isBlank() ? null
                : StaffId.of(request.againstStaff().strip());
        return dispatch(caseId, by -> new RecordFinding(caseId, expectedVersion, unit.id(), person, request.reason(),
                by), staff);
    }

    /** The unit owing a rectification records its next step (VERIFIED, RECTIFIED, REPLIED). */
    public CommandReply recordRectificationStep(StaffMember staff, CaseId caseId, Long expectedVersion, String step,
                                                TextRequest request) {
        AccessPolicy.requireRole(staff, Action.RECORD_RECTIFICATION_STEP);
        return dispatch(caseId, by -> new RecordRectificationStep(caseId, expectedVersion, step, request.text(), by),
                staff);
    }

    private CommandReply dispatch(CaseId caseId, Function<StaffAct, StaffCommand> command, StaffMember staff) {
        return dispatch(entry(caseId), command, staff);
    }

    /**
     * Stamps and sends a staff command. The role was checked first thing by the caller; whether the staff member acts
     * as supervisor ({@link AccessPolicy#oversees}) goes with the command, and the aggregate judges the scope.
     */
    private CommandReply dispatch(CaseDirectory.Entry entry, Function<StaffAct, StaffCommand> command,
                                  StaffMember staff) {
        Instant now = clock.instant();
        StaffCommand probe = command.apply(new StaffAct(staff.asActor(), staff.unit(), false, now, now));
        StaffAct by = new StaffAct(staff.asActor(), staff.unit(), AccessPolicy.oversees(staff, probe.action()), now,
                now);
        Long sequence = commands.sendAndWait(command.apply(by));
        return new CommandReply(entry.caseId().value(), entry.trackingNumber().value(), sequence);
    }

    private CaseDirectory.Entry entry(CaseId caseId) {
        return directory.find(caseId).orElseThrow(CaseCommandService::notFound);
    }

    private List<NoticeItem> noticeItems(CaseDirectory.Entry entry, List<String> codes, List<String> otherItems) {
        ServiceItem item = catalogue.require(entry.serviceItem());
        List<NoticeItem> items = new ArrayList<>();
        for (String code : codes == null ? List.<String>of() : codes) {
            Material material = item.materials().stream().filter(m -> m.code().equals(code.strip())).findFirst()
                    .orElseThrow(() -> new DomainException(ErrorCode.UNKNOWN_MATERIAL,
                            "Service item " + item.code() + " lists no material " + code + ".",
                            Map.of("materials", code)));
            items.add(new NoticeItem(material.code(), material.name()));
        }
        for (String text : otherItems == null ? List.<String>of() : otherItems) {
            items.add(new NoticeItem(null, text.strip()));
        }
        return items.stream().distinct().toList();
    }

    /**
     * The applicant's evaluation, proved with the verification code.
     *
     * @param rawTrackingNumber as typed (normalised here; a wrong check character is a 400 before any lookup)
     * @throws DomainException {@code INVALID_TRACKING_NUMBER}, {@code CASE_NOT_FOUND}, {@code WRONG_VERIFICATION_CODE},
     *                         {@code VERIFICATION_LOCKED} (after repeated wrong codes, {@link VerificationLockout}),
     *                         or the aggregate's rejections
     */
    public CommandReply evaluate(String rawTrackingNumber, EvaluationRequest request) {
        TrackingNumber trackingNumber = TrackingNumber.parse(rawTrackingNumber);
        CaseDirectory.Entry entry = directory.find(trackingNumber).orElseThrow(() -> notFound());
        VerificationCode code = VerificationCode.parse(request.verificationCode());
        Sealed comment = sealOrNull(entry.applicantKey(), request.comment());
        Instant now = clock.instant();
        Long sequence = lockout.attempt(trackingNumber, () -> commands.<Long>sendAndWait(new EvaluateCase(
                entry.caseId(), hasher.hash(KeyedHasher.VERIFICATION_CODE, code.value()), request.grade(), comment,
                timeLimits.rectificationWorkingDays(), Actor.applicant(trackingNumber.value()), now, now)));
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

    /** True when {@code e} or a cause is the case directory refusing a tracking number already taken. */
    public static boolean isTrackingNumberCollision(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof CaseDirectory.TrackingNumberCollision) {
                return true;
            }
        }
        return false;
    }
}
