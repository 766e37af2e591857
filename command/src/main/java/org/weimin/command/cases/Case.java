package org.weimin.command.cases;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateLifecycle;
import org.axonframework.spring.stereotype.Aggregate;
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
import org.weimin.events.CaseId;
import org.weimin.events.DomainException;
import org.weimin.events.ErrorCode;
import org.weimin.events.StaffId;
import org.weimin.events.UnitId;
import org.weimin.events.calendar.Deadline;
import org.weimin.events.calendar.WorkingCalendar;
import org.weimin.events.cases.ApplicantNotifiedOfProgress;
import org.weimin.events.cases.ApplicantNotifiedOfResult;
import org.weimin.events.cases.CaseAccepted;
import org.weimin.events.cases.CaseCompleted;
import org.weimin.events.cases.CaseEvaluated;
import org.weimin.events.cases.CaseForwarded;
import org.weimin.events.cases.CaseReceived;
import org.weimin.events.cases.CaseReopened;
import org.weimin.events.cases.CaseReturned;
import org.weimin.events.cases.MaterialsSupplemented;
import org.weimin.events.cases.MissingMaterialsNotified;
import org.weimin.events.cases.NoticeItem;
import org.weimin.events.cases.OneTimeNoticeBreachJustified;
import org.weimin.events.cases.OneTimeNoticeBreached;
import org.weimin.events.cases.ResultType;
import org.weimin.events.org.OrgTree;

/**
 * The case aggregate: one resident's matter from receipt to evaluation. Command handlers guard, then apply; state
 * changes only in event-sourcing handlers. It never reads the clock or draws randomness (times and ids come with the
 * commands) and holds personal data only as ciphertext. The working calendar and the org tree come in as injected,
 * pure resources.
 *
 * <p>Custody (rules.md "Custody"): the holder is the unit responsible now; a forward makes the target the holder at
 * once, awaiting its acceptance; staff act only on cases their unit holds (including awaiting its acceptance), and
 * supervisors only on cases held within their unit's subtree.
 *
 * <p>Handlers other than receipt return the sequence number of the last event they applied, so that callers can wait
 * for read models to reach it.
 */
@Aggregate
public class Case {

    @AggregateIdentifier
    private CaseId caseId;
    private UnitId holder;
    private String verificationCodeHash;
    private boolean open;
    private int limitWorkingDays;

    // custody
    private boolean awaitingAcceptance;
    private UnitId forwardedFrom;
    private Instant returnWindowClosesAt;

    // the clock
    private Deadline deadline;
    private Instant runStart;
    private int budget;
    private boolean paused;
    private int remainingWhilePaused;

    // one-time notice: notices are numbered over the case's life; the listed items are per handling round
    private int round = 1;
    private int noticeCount;
    private StaffId firstNoticeBy;
    private final Set<String> listedItems = new HashSet<>();
    /** notice number → justified? */
    private final Map<Integer, Boolean> breaches = new HashMap<>();

    // completion and evaluation
    private int completions;
    private UnitId completingUnit;
    private boolean latestCompletionEvaluated;

    /** For Axon's event sourcing. */
    protected Case() {
    }

    /** Receives a case: fixes the committed deadline through the working calendar. */
    @CommandHandler
    public Case(ReceiveCase command, WorkingCalendar calendar) {
        Deadline committed = calendar.deadline(command.occurredAt(), command.limitWorkingDays());
        apply(new CaseReceived(command.caseId(), command.trackingNumber(), command.verificationCodeHash(),
                command.serviceItem(), command.window(), command.holder(), command.channel(),
                command.firstContactOfficer(), command.applicant(), command.subject(), command.description(),
                command.limitWorkingDays(), committed, command.actor(), command.occurredAt(), command.recordedAt()));
    }

    /**
     * Forwards the case to another unit; the target holds it at once, awaiting its acceptance.
     *
     * @throws DomainException {@code CASE_ALREADY_COMPLETED}, {@code NOT_CASE_HOLDER}, {@code NOT_ACCEPTED_YET} (the
     *                         holder must accept a forwarded case before forwarding it onwards),
     *                         {@code FORWARD_TO_HOLDER}
     */
    @CommandHandler
    public long handle(ForwardCase command, WorkingCalendar calendar) {
        requireOpen();
        requireHolder(command.by().unit());
        if (awaitingAcceptance) {
            throw new DomainException(ErrorCode.NOT_ACCEPTED_YET,
                    "Accept or return the case before forwarding it onwards.");
        }
        if (holder.equals(command.toUnit())) {
            throw new DomainException(ErrorCode.FORWARD_TO_HOLDER, "Unit " + holder + " already holds the case.");
        }
        requireReason(command.reason());
        Instant windowCloses = calendar.deadline(command.by().occurredAt(), command.returnWindowWorkingDays()).dueAt();
        apply(new CaseForwarded(caseId, holder, command.toUnit(), command.reason(), windowCloses,
                command.by().actor(), command.by().occurredAt(), command.by().recordedAt()));
        return AggregateLifecycle.getVersion();
    }

    /** @throws DomainException {@code NOT_CASE_HOLDER}, {@code NOT_AWAITING_ACCEPTANCE} */
    @CommandHandler
    public long handle(AcceptCase command) {
        requireOpen();
        requireHolder(command.by().unit());
        if (!awaitingAcceptance) {
            throw new DomainException(ErrorCode.NOT_AWAITING_ACCEPTANCE, "The case is not awaiting acceptance.");
        }
        apply(new CaseAccepted(caseId, holder, command.by().actor(), command.by().occurredAt(),
                command.by().recordedAt()));
        return AggregateLifecycle.getVersion();
    }

    /**
     * Returns a forwarded case to the forwarding unit: only before accepting and within the return window.
     *
     * @throws DomainException {@code NOT_CASE_HOLDER}, {@code RETURN_WINDOW_CLOSED}
     */
    @CommandHandler
    public long handle(ReturnCase command) {
        requireOpen();
        requireHolder(command.by().unit());
        if (!awaitingAcceptance || command.by().occurredAt().isAfter(returnWindowClosesAt)) {
            throw new DomainException(ErrorCode.RETURN_WINDOW_CLOSED, awaitingAcceptance
                    ? "The return window closed at " + returnWindowClosesAt + "; handle the case or forward it onwards."
                    : "The case was accepted; handle it or forward it onwards with a reason.");
        }
        requireReason(command.reason());
        apply(new CaseReturned(caseId, holder, forwardedFrom, command.reason(), command.by().actor(),
                command.by().occurredAt(), command.by().recordedAt()));
        return AggregateLifecycle.getVersion();
    }

    /**
     * Sends a missing-materials notice; pauses the clock. Asking for items no earlier notice of the round listed is
     * accepted and additionally recorded as a breach against the sender of the round's first notice.
     */
    @CommandHandler
    public long handle(NotifyMissingMaterials command, WorkingCalendar calendar) {
        requireOpen();
        requireHolder(command.by().unit());
        requireAccepted();
        if (command.items() == null || command.items().isEmpty()) {
            throw new DomainException(ErrorCode.VALIDATION_FAILED, "A notice lists at least one item.",
                    Map.of("items", "at least one"));
        }
        List<NoticeItem> unlisted = OneTimeNoticeRule.unlistedItems(listedItems, command.items());
        int used;
        int remaining;
        if (paused) {
            used = budget - remainingWhilePaused;
            remaining = remainingWhilePaused;
        } else {
            used = PausedClock.used(calendar, runStart, command.by().occurredAt());
            remaining = budget - used;
        }
        int number = noticeCount + 1;
        apply(new MissingMaterialsNotified(caseId, number, List.copyOf(command.items()), command.channel(), used,
                remaining, command.by().actor(), command.by().occurredAt(), command.by().recordedAt()));
        if (!unlisted.isEmpty()) {
            apply(new OneTimeNoticeBreached(caseId, number, unlisted, firstNoticeBy, command.by().actor(),
                    command.by().occurredAt(), command.by().recordedAt()));
        }
        return AggregateLifecycle.getVersion();
    }

    /** Records the supplement; the clock resumes (rules.md examples A and B). @throws DomainException {@code NOT_PAUSED} */
    @CommandHandler
    public long handle(SupplementMaterials command, WorkingCalendar calendar) {
        requireOpen();
        requireHolder(command.by().unit());
        if (!paused) {
            throw new DomainException(ErrorCode.NOT_PAUSED, "No missing-materials notice is waiting for a supplement.");
        }
        Deadline resumed = PausedClock.resumed(calendar, command.by().occurredAt(), remainingWhilePaused, deadline);
        apply(new MaterialsSupplemented(caseId, List.copyOf(command.items()), remainingWhilePaused, resumed,
                command.by().actor(), command.by().occurredAt(), command.by().recordedAt()));
        return AggregateLifecycle.getVersion();
    }

    /**
     * A supervisor (of the holding unit or above) marks a breach as justified.
     *
     * @throws DomainException {@code FORBIDDEN}, {@code BREACH_NOT_FOUND}, {@code BREACH_ALREADY_JUSTIFIED}
     */
    @CommandHandler
    public long handle(JustifyBreach command, OrgTree orgTree) {
        requireSupervisorOver(holder, command.by(), orgTree);
        Boolean justified = breaches.get(command.noticeNumber());
        if (justified == null) {
            throw new DomainException(ErrorCode.BREACH_NOT_FOUND,
                    "No one-time-notice breach was recorded for notice " + command.noticeNumber() + ".");
        }
        if (justified) {
            throw new DomainException(ErrorCode.BREACH_ALREADY_JUSTIFIED, "That breach is already justified.");
        }
        requireReason(command.reason());
        apply(new OneTimeNoticeBreachJustified(caseId, command.noticeNumber(), command.reason(), command.by().actor(),
                command.by().occurredAt(), command.by().recordedAt()));
        return AggregateLifecycle.getVersion();
    }

    /** Records a progress notice to the applicant; while the case is open, by its holder. */
    @CommandHandler
    public long handle(NotifyProgress command) {
        requireOpen();
        requireHolder(command.by().unit());
        requireText(command.text());
        apply(new ApplicantNotifiedOfProgress(caseId, command.channel(), command.text(), command.by().actor(),
                command.by().occurredAt(), command.by().recordedAt()));
        return AggregateLifecycle.getVersion();
    }

    /** Records how the result was told to the applicant; after completion, by the completing unit. */
    @CommandHandler
    public long handle(NotifyResult command) {
        if (open) {
            throw new DomainException(ErrorCode.CASE_NOT_COMPLETED, "The result can be told once the case is completed.");
        }
        if (!completingUnit.equals(command.by().unit())) {
            throw new DomainException(ErrorCode.NOT_CASE_HOLDER,
                    "Only the completing unit " + completingUnit + " records how the result was told.");
        }
        requireText(command.text());
        apply(new ApplicantNotifiedOfResult(caseId, completions, command.channel(), command.text(),
                command.by().actor(), command.by().occurredAt(), command.by().recordedAt()));
        return AggregateLifecycle.getVersion();
    }

    /**
     * Completes the case; allowed while paused (the pause ends). On time: at or before the deadline in force; while
     * paused, when the pause began with budget left (rules.md "Deadlines and calendar").
     *
     * @throws DomainException {@code CASE_ALREADY_COMPLETED}, {@code NOT_CASE_HOLDER}, {@code NOT_ACCEPTED_YET},
     *                         {@code REFUSAL_NEEDS_REASONS}
     */
    @CommandHandler
    public long handle(CompleteCase command) {
        requireOpen();
        requireHolder(command.by().unit());
        requireAccepted();
        if (command.result() == ResultType.REFUSED
                && (command.resultText() == null || command.resultText().isBlank())) {
            throw new DomainException(ErrorCode.REFUSAL_NEEDS_REASONS,
                    "A refusal must state its reasons in the result text.");
        }
        boolean onTime = paused ? remainingWhilePaused >= 0 : OnTimeRule.isOnTime(command.by().occurredAt(), deadline);
        apply(new CaseCompleted(caseId, completions + 1, command.result(), command.resultText(), holder, onTime,
                command.by().actor(), command.by().occurredAt(), command.by().recordedAt()));
        return AggregateLifecycle.getVersion();
    }

    /**
     * A supervisor over the completing unit reopens the case: back to that unit, fresh commitment from now.
     *
     * @throws DomainException {@code CASE_NOT_COMPLETED}, {@code FORBIDDEN}
     */
    @CommandHandler
    public long handle(ReopenCase command, WorkingCalendar calendar, OrgTree orgTree) {
        if (open) {
            throw new DomainException(ErrorCode.CASE_NOT_COMPLETED, "Only a completed case can be reopened.");
        }
        requireSupervisorOver(completingUnit, command.by(), orgTree);
        requireReason(command.reason());
        Deadline fresh = calendar.deadline(command.by().occurredAt(), command.limitWorkingDays());
        apply(new CaseReopened(caseId, round + 1, command.reason(), completingUnit, command.limitWorkingDays(), fresh,
                command.by().actor(), command.by().occurredAt(), command.by().recordedAt()));
        return AggregateLifecycle.getVersion();
    }

    /**
     * Records the applicant's evaluation of the latest completion.
     *
     * @throws DomainException {@code WRONG_VERIFICATION_CODE}; {@code CASE_NOT_COMPLETED} while open;
     *                         {@code ALREADY_EVALUATED} when this completion was evaluated already
     */
    @CommandHandler
    public long handle(EvaluateCase command) {
        if (!hashesEqual(verificationCodeHash, command.verificationCodeHash())) {
            throw new DomainException(ErrorCode.WRONG_VERIFICATION_CODE,
                    "The verification code does not match this case.");
        }
        if (open) {
            throw new DomainException(ErrorCode.CASE_NOT_COMPLETED,
                    "The case can be evaluated once it is completed.");
        }
        if (latestCompletionEvaluated) {
            throw new DomainException(ErrorCode.ALREADY_EVALUATED,
                    "This completion has already been evaluated; one evaluation per completion.");
        }
        apply(new CaseEvaluated(caseId, completions, command.grade(), command.comment(), command.actor(),
                command.occurredAt(), command.recordedAt()));
        return AggregateLifecycle.getVersion();
    }

    private void requireOpen() {
        if (!open) {
            throw new DomainException(ErrorCode.CASE_ALREADY_COMPLETED,
                    "Case " + caseId + " is completed; a supervisor may reopen it.");
        }
    }

    private void requireHolder(UnitId actorUnit) {
        if (!holder.equals(actorUnit)) {
            throw new DomainException(ErrorCode.NOT_CASE_HOLDER,
                    "Case " + caseId + " is held by " + holder + ", not by " + actorUnit + ".");
        }
    }

    private void requireAccepted() {
        if (awaitingAcceptance) {
            throw new DomainException(ErrorCode.NOT_ACCEPTED_YET, "Accept the forwarded case first.");
        }
    }

    private static void requireSupervisorOver(UnitId unit, StaffAct by, OrgTree orgTree) {
        if (!by.supervisor() || !orgTree.isWithin(unit, by.unit())) {
            throw new DomainException(ErrorCode.FORBIDDEN,
                    "Only a supervisor of unit " + unit + " or of a unit above it may do this.");
        }
    }

    private static void requireReason(String reason) {
        if (reason == null || reason.isBlank()) {
            throw new DomainException(ErrorCode.VALIDATION_FAILED, "A reason is required.",
                    Map.of("reason", "required"));
        }
    }

    private static void requireText(String text) {
        if (text == null || text.isBlank()) {
            throw new DomainException(ErrorCode.VALIDATION_FAILED, "The text told to the applicant is required.",
                    Map.of("text", "required"));
        }
    }

    private static boolean hashesEqual(String expected, String given) {
        if (expected == null || given == null) {
            return false;
        }
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                given.getBytes(StandardCharsets.US_ASCII));
    }

    @EventSourcingHandler
    void on(CaseReceived event) {
        caseId = event.caseId();
        holder = event.holder();
        deadline = event.deadline();
        verificationCodeHash = event.verificationCodeHash();
        limitWorkingDays = event.limitWorkingDays();
        runStart = event.occurredAt();
        budget = event.limitWorkingDays();
        open = true;
    }

    @EventSourcingHandler
    void on(CaseForwarded event) {
        forwardedFrom = event.fromUnit();
        holder = event.toUnit();
        awaitingAcceptance = true;
        returnWindowClosesAt = event.returnWindowClosesAt();
    }

    @EventSourcingHandler
    void on(CaseAccepted event) {
        awaitingAcceptance = false;
    }

    @EventSourcingHandler
    void on(CaseReturned event) {
        holder = event.toUnit();
        awaitingAcceptance = false;
    }

    @EventSourcingHandler
    void on(MissingMaterialsNotified event) {
        noticeCount = event.noticeNumber();
        if (firstNoticeBy == null) {
            firstNoticeBy = StaffId.of(event.actor().id());
        }
        event.items().forEach(item -> listedItems.add(item.identity()));
        paused = true;
        remainingWhilePaused = event.remainingWorkingDays();
    }

    @EventSourcingHandler
    void on(OneTimeNoticeBreached event) {
        breaches.put(event.noticeNumber(), false);
    }

    @EventSourcingHandler
    void on(OneTimeNoticeBreachJustified event) {
        breaches.put(event.noticeNumber(), true);
    }

    @EventSourcingHandler
    void on(MaterialsSupplemented event) {
        paused = false;
        deadline = event.deadline();
        runStart = event.occurredAt();
        budget = Math.max(event.remainingWorkingDays(), 0);
    }

    @EventSourcingHandler
    void on(CaseCompleted event) {
        open = false;
        paused = false;
        completions = event.completion();
        completingUnit = event.completingUnit();
        latestCompletionEvaluated = false;
    }

    @EventSourcingHandler
    void on(CaseEvaluated event) {
        latestCompletionEvaluated = true;
    }

    @EventSourcingHandler
    void on(CaseReopened event) {
        open = true;
        round = event.round();
        holder = event.toUnit();
        awaitingAcceptance = false;
        deadline = event.deadline();
        runStart = event.occurredAt();
        budget = event.limitWorkingDays();
        paused = false;
        firstNoticeBy = null;
        listedItems.clear();
    }
}
