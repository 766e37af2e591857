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
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateLifecycle;
import org.axonframework.modelling.command.CommandHandlerInterceptor;
import org.axonframework.spring.stereotype.Aggregate;
import java.time.Clock;
import org.weimin.command.cases.CaseTimers.Timer;
import org.weimin.command.cases.CaseTimers.OrderTimer;
import org.weimin.command.cases.PersonalDataCommands.EraseApplicantData;
import org.weimin.command.cases.PersonalDataCommands.ErasureRecorded;
import org.weimin.command.cases.PersonalDataCommands.PersonalDataViewGranted;
import org.weimin.command.cases.PersonalDataCommands.RecordPersonalDataView;
import org.weimin.command.cases.StaffCommands.AcceptCase;
import org.weimin.command.cases.StaffCommands.AnswerSupervisionOrder;
import org.weimin.command.cases.StaffCommands.IssueSupervisionOrder;
import org.weimin.command.cases.StaffCommands.RecordFinding;
import org.weimin.command.cases.StaffCommands.RecordRectificationStep;
import org.weimin.command.cases.StaffCommands.UrgeCase;
import org.weimin.command.cases.StaffCommands.ApproveExtension;
import org.weimin.command.cases.StaffCommands.RefuseExtension;
import org.weimin.command.cases.StaffCommands.RequestExtension;
import org.weimin.command.cases.StaffCommands.CompleteCase;
import org.weimin.command.cases.StaffCommands.ForwardCase;
import org.weimin.command.cases.StaffCommands.JustifyBreach;
import org.weimin.command.cases.StaffCommands.NotifyMissingMaterials;
import org.weimin.command.cases.StaffCommands.NotifyProgress;
import org.weimin.command.cases.StaffCommands.NotifyResult;
import org.weimin.command.cases.StaffCommands.ReopenCase;
import org.weimin.command.cases.StaffCommands.ReturnCase;
import org.weimin.command.cases.StaffCommands.SupplementMaterials;
import org.weimin.events.Actor;
import org.weimin.events.CaseId;
import org.weimin.events.DomainException;
import org.weimin.events.ErrorCode;
import org.weimin.events.StaffId;
import org.weimin.events.UnitId;
import org.weimin.events.access.AccessPolicy;
import org.weimin.events.access.CaseCustody;
import org.weimin.events.calendar.Deadline;
import org.weimin.events.calendar.WorkingCalendar;
import org.weimin.events.cases.ApplicantDataErased;
import org.weimin.events.cases.ApplicantNotifiedOfProgress;
import org.weimin.events.cases.PersonalDataAccess;
import org.weimin.events.cases.PersonalDataViewed;
import org.weimin.events.privacy.SealedApplicant;
import org.weimin.events.cases.ApplicantNotifiedOfResult;
import org.weimin.events.cases.AccountabilityFindingRecorded;
import org.weimin.events.cases.CaseAccepted;
import org.weimin.events.cases.CaseRegraded;
import org.weimin.events.cases.CaseUrged;
import org.weimin.events.cases.Grade;
import org.weimin.events.cases.RectificationOpened;
import org.weimin.events.cases.RectificationOverdue;
import org.weimin.events.cases.RectificationProgressed;
import org.weimin.events.cases.SupervisionOrderAnswered;
import org.weimin.events.cases.SupervisionOrderIssued;
import org.weimin.events.cases.SupervisionOrderOverdue;
import org.weimin.events.cases.CaseBecameOverdue;
import org.weimin.events.cases.CaseDeemedAccepted;
import org.weimin.events.cases.CaseEscalated;
import org.weimin.events.cases.CaseWarned;
import org.weimin.events.cases.DeadlineRevised;
import org.weimin.events.cases.ExtensionApproved;
import org.weimin.events.cases.ExtensionRefused;
import org.weimin.events.cases.ExtensionRequested;
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
import org.weimin.events.org.OrgUnit;

/**
 * The case aggregate: one resident's matter from receipt to evaluation. Command handlers guard, then apply; state
 * changes only in event-sourcing handlers. It never reads the clock or draws randomness (times and ids come with the
 * commands) and holds personal data only as ciphertext. The working calendar and the org tree come in as injected,
 * pure resources.
 *
 * <p>Custody (rules.md "Custody"): the holder is the unit responsible now; a forward makes the target the holder at
 * once, awaiting its acceptance; staff act only on cases their unit holds (including awaiting its acceptance), and
 * supervisors only on cases held within their unit's subtree. Every staff command's scope is judged first, by
 * {@link #checkScope} (issue 7, {@link AccessPolicy}).
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
    /** Received through the importer (historical record): timers record, but never escalate. */
    private boolean imported;

    // custody
    private boolean awaitingAcceptance;
    private UnitId forwardedFrom;
    private Instant returnWindowClosesAt;
    /** The latest forward to the holder was accepted (or deemed accepted). */
    private boolean acceptedAfterForward;

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

    // timers and extensions
    private Instant warnedFor;
    private Instant overdueFor;
    private boolean escalated;
    private int extensionRequests;
    private final Set<Integer> pendingExtensions = new HashSet<>();
    private final Map<Integer, Integer> extensionDays = new HashMap<>();
    /** Working days added by approved extensions to the current counting run. */
    private int extendedDays;

    // supervision
    private int supervisionOrders;
    /** order number → answered or overdue already (no more timer effect) */
    private final Map<Integer, Boolean> openOrders = new HashMap<>();
    /** order number → the unit it was addressed to */
    private final Map<Integer, UnitId> orderAddressees = new HashMap<>();
    private int findings;

    // rectification of the latest completion
    private Grade latestGrade;
    private boolean rectificationOpen;
    private Instant rectificationDue;
    private UnitId rectificationUnit;
    private String rectificationStep;
    private boolean rectificationOverdueRecorded;
    private boolean regraded;

    // personal data (issue 7): ciphertext only
    private SealedApplicant applicant;
    private boolean applicantDataErased;

    // completion and evaluation
    private int completions;
    private UnitId completingUnit;
    /** Every unit that received (the window) or ever held the case: the scope of findings. */
    private final Set<UnitId> custodians = new HashSet<>();
    private boolean latestCompletionEvaluated;

    /** For Axon's event sourcing. */
    protected Case() {
    }

    /**
     * Receives a case: fixes the committed deadline through the working calendar and schedules its warning and
     * overdue timers.
     */
    @CommandHandler
    public Case(ReceiveCase command, WorkingCalendar calendar, DeadlineManager timers, TimeLimitSettings limits) {
        Deadline committed = calendar.deadline(command.occurredAt(), command.limitWorkingDays());
        apply(new CaseReceived(command.caseId(), command.trackingNumber(), command.verificationCodeHash(),
                command.serviceItem(), command.window(), command.holder(), command.channel(),
                command.firstContactOfficer(), command.applicant(), command.subject(), command.description(),
                command.limitWorkingDays(), committed, command.actor(), command.occurredAt(), command.recordedAt()));
        if (!command.missingAtOnce().isEmpty()) {
            // The first notice, at the moment of receipt: nothing of the budget used yet (rules.md "One-time notice
            // and the paused clock"). In a creating handler the state is applied after return: work from the command.
            int used = PausedClock.used(calendar, command.occurredAt(), command.occurredAt());
            apply(new MissingMaterialsNotified(command.caseId(), 1, command.missingAtOnce(),
                    command.noticeChannel(), used, command.limitWorkingDays() - used, command.actor(),
                    command.occurredAt(), command.recordedAt()));
        }
        scheduleDeadlineTimers(timers, committed, calendar, limits);
    }

    /**
     * Imports a historical case (issue 6) in one transaction, in business-time order: receipt; forward and acceptance
     * when the record names a handling unit; for a completed record the warning and overdue findings its timers would
     * have recorded had it run late (at their own business times, never escalated: imported cases don't escalate) and
     * the completion with its on-time flag; for an open record the usual timers (a past deadline fires at once and is
     * recorded, not escalated).
     */
    @CommandHandler
    public Case(ImportCase command, WorkingCalendar calendar, DeadlineManager timers, TimeLimitSettings limits) {
        // In a creating handler the events are applied to this instance only after it returns: work from the command.
        Deadline committed = calendar.deadline(command.receivedAt(), command.limitWorkingDays());
        CaseId id = command.caseId();
        Actor importer = command.actor();
        Instant recorded = command.recordedAt();
        apply(new CaseReceived(id, command.trackingNumber(), command.verificationCodeHash(),
                command.serviceItem(), command.window(), command.holder(), command.channel(),
                command.firstContactOfficer(), command.applicant(), command.subject(), command.description(),
                command.limitWorkingDays(), committed, importer, command.receivedAt(), recorded));
        Instant due = committed.dueAt();
        Instant warning = CaseTimers.warningAt(due, limits.warningWorkingDays(), calendar);
        boolean forward = command.forwardTo() != null && !command.forwardTo().equals(command.holder());
        boolean late = command.completedAt() != null && command.completedAt().isAfter(due);
        boolean forwardedFirst = forward && (!late || !command.forwardedAt().isAfter(due));
        UnitId holding = command.holder();
        if (forwardedFirst) {
            importForward(command, calendar);
            holding = command.forwardTo();
        }
        if (late) {
            if (warning.isBefore(command.completedAt())) {
                apply(new CaseWarned(id, due, holding, Actor.system(CaseTimers.WARNING), warning, recorded));
            }
            apply(new CaseBecameOverdue(id, due, holding, Actor.system(CaseTimers.OVERDUE), due, recorded));
        }
        if (forward && !forwardedFirst) {
            importForward(command, calendar);
            holding = command.forwardTo();
        }
        if (command.completedAt() != null) {
            apply(new CaseCompleted(id, 1, command.result(), command.resultText(), holding,
                    OnTimeRule.isOnTime(command.completedAt(), committed), importer, command.completedAt(), recorded));
        } else {
            scheduleDeadlineTimers(timers, committed, calendar, limits);
        }
    }

    private static void importForward(ImportCase command, WorkingCalendar calendar) {
        Instant at = command.forwardedAt();
        apply(new CaseForwarded(command.caseId(), command.holder(), command.forwardTo(), command.forwardReason(),
                calendar.deadline(at, 1).dueAt(), command.actor(), at, command.recordedAt()));
        apply(new CaseAccepted(command.caseId(), command.forwardTo(), command.actor(), at, command.recordedAt()));
    }

    /**
     * Judges the scope of every staff command on this case before its handler's own rules, against this aggregate's
     * custody (issue 7; {@link AccessPolicy#requireCommandScope}): so an out-of-scope caller gets 403 whatever the
     * case's state, learns nothing of it, and nothing is appended. The role was checked by the API before sending.
     */
    @CommandHandlerInterceptor
    void checkScope(StaffCommands.StaffCommand command, OrgTree orgTree) {
        AccessPolicy.requireCommandScope(command.action(), command.by().unit(), command.by().supervisor(),
                new CaseCustody(holder, completingUnit, custodians, null), orgTree);
    }

    /**
     * Forwards the case to another unit; the target holds it at once, awaiting its acceptance.
     *
     * @throws DomainException {@code CASE_ALREADY_COMPLETED}, {@code NOT_CASE_HOLDER}, {@code NOT_ACCEPTED_YET} (the
     *                         holder must accept a forwarded case before forwarding it onwards),
     *                         {@code FORWARD_TO_HOLDER}
     */
    @CommandHandler
    public long handle(ForwardCase command, WorkingCalendar calendar, DeadlineManager timers) {
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
        timers.schedule(windowCloses, CaseTimers.RETURN_WINDOW, new Timer(windowCloses, windowCloses));
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
        if (!awaitingAcceptance && !acceptedAfterForward) {
            throw new DomainException(ErrorCode.NOT_AWAITING_ACCEPTANCE,
                    "The case was not forwarded to your unit; only a forwarded case can be returned.");
        }
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
    public long handle(SupplementMaterials command, WorkingCalendar calendar, DeadlineManager timers,
                       TimeLimitSettings limits) {
        requireOpen();
        requireHolder(command.by().unit());
        if (!paused) {
            throw new DomainException(ErrorCode.NOT_PAUSED, "No missing-materials notice is waiting for a supplement.");
        }
        Deadline resumed = PausedClock.resumed(calendar, command.by().occurredAt(), remainingWhilePaused, deadline);
        apply(new MaterialsSupplemented(caseId, List.copyOf(command.items()), remainingWhilePaused, resumed,
                command.by().actor(), command.by().occurredAt(), command.by().recordedAt()));
        scheduleDeadlineTimers(timers, resumed, calendar, limits);
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
    public long handle(ReopenCase command, WorkingCalendar calendar, OrgTree orgTree, DeadlineManager timers,
                       TimeLimitSettings limits) {
        if (open) {
            throw new DomainException(ErrorCode.CASE_NOT_COMPLETED, "Only a completed case can be reopened.");
        }
        requireSupervisorOver(completingUnit, command.by(), orgTree);
        requireReason(command.reason());
        Deadline fresh = calendar.deadline(command.by().occurredAt(), command.limitWorkingDays());
        apply(new CaseReopened(caseId, round + 1, command.reason(), completingUnit, command.limitWorkingDays(), fresh,
                command.by().actor(), command.by().occurredAt(), command.by().recordedAt()));
        scheduleDeadlineTimers(timers, fresh, calendar, limits);
        return AggregateLifecycle.getVersion();
    }

    /**
     * The holder requests an extension of 1–60 working days with a reason.
     *
     * @throws DomainException {@code CASE_ALREADY_COMPLETED}, {@code NOT_CASE_HOLDER}, {@code VALIDATION_FAILED}
     */
    @CommandHandler
    public long handle(RequestExtension command) {
        requireOpen();
        requireHolder(command.by().unit());
        if (command.workingDays() < 1 || command.workingDays() > 60) {
            throw new DomainException(ErrorCode.VALIDATION_FAILED, "An extension is 1 to 60 working days.",
                    Map.of("workingDays", "1..60"));
        }
        requireReason(command.reason());
        apply(new ExtensionRequested(caseId, extensionRequests + 1, command.workingDays(), command.reason(), holder,
                command.by().actor(), command.by().occurredAt(), command.by().recordedAt()));
        return AggregateLifecycle.getVersion();
    }

    /**
     * A supervisor of the holder's unit or above approves a pending extension: the working days are added to the
     * deadline in force (counted from the working day after it), or to the remaining budget while paused.
     *
     * @throws DomainException {@code FORBIDDEN}, {@code NO_PENDING_EXTENSION}
     */
    @CommandHandler
    public long handle(ApproveExtension command, WorkingCalendar calendar, OrgTree orgTree, DeadlineManager timers,
                       TimeLimitSettings limits) {
        requireOpen();
        requireSupervisorOver(holder, command.by(), orgTree);
        int days = pendingDays(command.requestNumber());
        if (paused) {
            apply(new ExtensionApproved(caseId, command.requestNumber(), holder, days, null, remainingWhilePaused + days,
                    command.by().actor(), command.by().occurredAt(), command.by().recordedAt()));
        } else {
            Deadline extended = calendar.deadline(CaseTimers.warningAt(deadline.dueAt()), days);
            apply(new ExtensionApproved(caseId, command.requestNumber(), holder, days, extended, null, command.by().actor(),
                    command.by().occurredAt(), command.by().recordedAt()));
            scheduleDeadlineTimers(timers, extended, calendar, limits);
        }
        return AggregateLifecycle.getVersion();
    }

    /** @throws DomainException {@code FORBIDDEN}, {@code NO_PENDING_EXTENSION} */
    @CommandHandler
    public long handle(RefuseExtension command, OrgTree orgTree) {
        requireOpen();
        requireSupervisorOver(holder, command.by(), orgTree);
        pendingDays(command.requestNumber());
        requireReason(command.reason());
        apply(new ExtensionRefused(caseId, command.requestNumber(), holder, command.reason(), command.by().actor(),
                command.by().occurredAt(), command.by().recordedAt()));
        return AggregateLifecycle.getVersion();
    }

    /**
     * Recounts a provisional deadline with the calendar after a revision (system command from the calendar-revision
     * policy); records {@link DeadlineRevised} only when the deadline moved or firmed up, and reschedules its timers.
     * A completed or paused case, a firm deadline, or a run without budget left is left alone.
     */
    @CommandHandler
    public long handle(RecomputeDeadline command, WorkingCalendar calendar, DeadlineManager timers,
                       TimeLimitSettings limits) {
        int days = budget + extendedDays;
        if (open && !paused && deadline != null && deadline.provisional() && days >= 1) {
            Deadline recounted = calendar.deadline(runStart, days);
            if (!recounted.dueAt().equals(deadline.dueAt()) || recounted.provisional() != deadline.provisional()) {
                apply(new DeadlineRevised(caseId, deadline, recounted, command.calendarRevision(),
                        Actor.system("calendar-revision"), command.recordedAt(), command.recordedAt()));
                scheduleDeadlineTimers(timers, recounted, calendar, limits);
            }
        }
        return AggregateLifecycle.getVersion();
    }

    /** Warning timer: applies only to the deadline still in force on an open, running case, once. */
    @DeadlineHandler(deadlineName = CaseTimers.WARNING)
    void warningDue(Timer timer, Clock clock) {
        if (isCurrentRunningDeadline(timer.about()) && !timer.about().equals(warnedFor)) {
            apply(new CaseWarned(caseId, timer.about(), holder, Actor.system(CaseTimers.WARNING), timer.firesAt(),
                    clock.instant()));
        }
    }

    /**
     * Overdue timer: applies only to the deadline still in force on an open, running case, once; a warning not yet
     * given is recorded first (so the record always reads warning, then overdue); the first time a case becomes
     * overdue it is escalated to the supervisors of the holder's parent unit.
     */
    @DeadlineHandler(deadlineName = CaseTimers.OVERDUE)
    void overdueDue(Timer timer, Clock clock, OrgTree orgTree, WorkingCalendar calendar, TimeLimitSettings limits) {
        if (!isCurrentRunningDeadline(timer.about()) || timer.about().equals(overdueFor)) {
            return;
        }
        if (!timer.about().equals(warnedFor)) {
            // The warning fell due too but has not fired yet (both came due while the service was down): record it
            // first, at its own time, so that the record always reads warning → overdue.
            apply(new CaseWarned(caseId, timer.about(), holder, Actor.system(CaseTimers.WARNING),
                    CaseTimers.warningAt(timer.about(), limits.warningWorkingDays(), calendar), clock.instant()));
        }
        Actor system = Actor.system(CaseTimers.OVERDUE);
        apply(new CaseBecameOverdue(caseId, timer.about(), holder, system, timer.firesAt(), clock.instant()));
        UnitId parent = orgTree.find(holder).map(OrgUnit::parent).orElse(null);
        // Imported historical cases record warning and overdue but trigger no escalation (rules.md).
        if (!escalated && !imported && parent != null) {
            apply(new CaseEscalated(caseId, holder, parent, "overdue since " + timer.about(), system,
                    timer.firesAt(), clock.instant()));
        }
    }

    /** Return-window timer: a forward neither accepted nor returned by then is deemed accepted (rules.md "Custody"). */
    @DeadlineHandler(deadlineName = CaseTimers.RETURN_WINDOW)
    void returnWindowClosed(Timer timer, Clock clock) {
        if (open && awaitingAcceptance && timer.about().equals(returnWindowClosesAt)) {
            apply(new CaseDeemedAccepted(caseId, holder, timer.about(), Actor.system(CaseTimers.RETURN_WINDOW),
                    timer.firesAt(), clock.instant()));
        }
    }

    private boolean isCurrentRunningDeadline(Instant about) {
        return open && !paused && deadline != null && deadline.dueAt().equals(about);
    }

    private int pendingDays(int requestNumber) {
        if (!pendingExtensions.contains(requestNumber)) {
            throw new DomainException(ErrorCode.NO_PENDING_EXTENSION,
                    "Extension request " + requestNumber + " is not pending.");
        }
        return extensionDays.get(requestNumber);
    }

    private static void scheduleDeadlineTimers(DeadlineManager timers, Deadline deadline, WorkingCalendar calendar,
                                               TimeLimitSettings limits) {
        Instant warning = CaseTimers.warningAt(deadline.dueAt(), limits.warningWorkingDays(), calendar);
        timers.schedule(warning, CaseTimers.WARNING, new Timer(deadline.dueAt(), warning));
        timers.schedule(deadline.dueAt(), CaseTimers.OVERDUE, new Timer(deadline.dueAt(), deadline.dueAt()));
    }

    /**
     * Records the applicant's evaluation of the latest completion. A bad grade opens a rectification with its own
     * limit; once the rectification is replied, the applicant may grade once more ({@link CaseRegraded}).
     *
     * @throws DomainException {@code WRONG_VERIFICATION_CODE}; {@code CASE_NOT_COMPLETED} while open;
     *                         {@code ALREADY_EVALUATED} when this completion was evaluated (and no regrade is due)
     */
    @CommandHandler
    public long handle(EvaluateCase command, WorkingCalendar calendar, DeadlineManager timers) {
        if (!hashesEqual(verificationCodeHash, command.verificationCodeHash())) {
            throw new DomainException(ErrorCode.WRONG_VERIFICATION_CODE,
                    "The verification code does not match this case.");
        }
        if (open) {
            throw new DomainException(ErrorCode.CASE_NOT_COMPLETED,
                    "The case can be evaluated once it is completed.");
        }
        if (latestCompletionEvaluated) {
            if ("REPLIED".equals(rectificationStep) && !regraded) {
                apply(new CaseRegraded(caseId, completions, latestGrade, command.grade(), command.comment(),
                        command.actor(), command.occurredAt(), command.recordedAt()));
                return AggregateLifecycle.getVersion();
            }
            throw new DomainException(ErrorCode.ALREADY_EVALUATED,
                    "This completion has already been evaluated; one evaluation per completion.");
        }
        apply(new CaseEvaluated(caseId, completions, command.grade(), command.comment(), command.actor(),
                command.occurredAt(), command.recordedAt()));
        if (!command.grade().isGood()) {
            Deadline due = calendar.deadline(command.occurredAt(), command.rectificationLimitWorkingDays());
            apply(new RectificationOpened(caseId, completions, command.grade(), completingUnit,
                    command.rectificationLimitWorkingDays(), due, Actor.system("rectification-rule"),
                    command.occurredAt(), command.recordedAt()));
            timers.schedule(due.dueAt(), CaseTimers.RECTIFICATION, new Timer(due.dueAt(), due.dueAt()));
        }
        return AggregateLifecycle.getVersion();
    }

    /**
     * A supervisor over the holder issues a supervision order due at the end of a future day.
     *
     * @throws DomainException {@code FORBIDDEN}, {@code CASE_ALREADY_COMPLETED}, {@code DUE_DATE_IN_THE_PAST}
     */
    @CommandHandler
    public long handle(IssueSupervisionOrder command, OrgTree orgTree, DeadlineManager timers) {
        requireOpen();
        requireSupervisorOver(holder, command.by(), orgTree);
        requireText(command.text());
        if (!command.dueAt().isAfter(command.by().occurredAt())) {
            throw new DomainException(ErrorCode.DUE_DATE_IN_THE_PAST, "The order's due date must lie ahead.",
                    Map.of("dueDate", "in the future"));
        }
        int number = supervisionOrders + 1;
        apply(new SupervisionOrderIssued(caseId, number, command.text(), command.dueAt(), holder,
                command.by().actor(), command.by().occurredAt(), command.by().recordedAt()));
        timers.schedule(command.dueAt(), CaseTimers.SUPERVISION_ORDER, new OrderTimer(number, command.dueAt()));
        return AggregateLifecycle.getVersion();
    }

    /** The holder answers an open supervision order. @throws DomainException {@code NO_OPEN_SUPERVISION_ORDER} */
    @CommandHandler
    public long handle(AnswerSupervisionOrder command) {
        requireHolder(command.by().unit());
        if (!openOrders.containsKey(command.orderNumber())) {
            throw new DomainException(ErrorCode.NO_OPEN_SUPERVISION_ORDER,
                    "Supervision order " + command.orderNumber() + " is not open.");
        }
        requireText(command.text());
        apply(new SupervisionOrderAnswered(caseId, command.orderNumber(), command.text(), holder,
                command.by().actor(), command.by().occurredAt(), command.by().recordedAt()));
        return AggregateLifecycle.getVersion();
    }

    /** A supervisor over the holder urges it (催办). */
    @CommandHandler
    public long handle(UrgeCase command, OrgTree orgTree) {
        requireOpen();
        requireSupervisorOver(holder, command.by(), orgTree);
        requireText(command.text());
        apply(new CaseUrged(caseId, command.text(), holder, command.by().actor(), command.by().occurredAt(),
                command.by().recordedAt()));
        return AggregateLifecycle.getVersion();
    }

    /** A supervisor over the unit records an accountability finding (问责) against it or one of its staff. */
    @CommandHandler
    public long handle(RecordFinding command, OrgTree orgTree) {
        requireSupervisorOver(command.againstUnit(), command.by(), orgTree);
        requireReason(command.reason());
        apply(new AccountabilityFindingRecorded(caseId, findings + 1, command.againstUnit(), command.againstStaff(),
                command.reason(), command.by().actor(), command.by().occurredAt(), command.by().recordedAt()));
        return AggregateLifecycle.getVersion();
    }

    /**
     * The unit that owes a rectification records its next step: VERIFIED, then RECTIFIED, then REPLIED.
     *
     * @throws DomainException {@code RECTIFICATION_STEP_OUT_OF_ORDER}, {@code NOT_CASE_HOLDER}
     */
    @CommandHandler
    public long handle(RecordRectificationStep command) {
        String expected = rectificationStep == null ? "VERIFIED"
                : "VERIFIED".equals(rectificationStep) ? "RECTIFIED"
                : "RECTIFIED".equals(rectificationStep) ? "REPLIED" : null;
        if (!rectificationOpen || expected == null || !expected.equals(command.step())) {
            throw new DomainException(ErrorCode.RECTIFICATION_STEP_OUT_OF_ORDER, rectificationOpen && expected != null
                    ? "The next rectification step is " + expected + "."
                    : "No rectification is open on this case.");
        }
        if (!rectificationUnit.equals(command.by().unit())) {
            throw new DomainException(ErrorCode.NOT_CASE_HOLDER,
                    "The rectification is owed by " + rectificationUnit + ".");
        }
        requireText(command.text());
        apply(new RectificationProgressed(caseId, completions, command.step(), command.text(), rectificationUnit,
                command.by().actor(), command.by().occurredAt(), command.by().recordedAt()));
        return AggregateLifecycle.getVersion();
    }

    /** A supervision order's due time: unanswered, it becomes overdue (once). */
    @DeadlineHandler(deadlineName = CaseTimers.SUPERVISION_ORDER)
    void supervisionOrderDue(OrderTimer timer, Clock clock) {
        if (Boolean.FALSE.equals(openOrders.get(timer.orderNumber()))) {
            apply(new SupervisionOrderOverdue(caseId, timer.orderNumber(), timer.dueAt(),
                    orderAddressees.getOrDefault(timer.orderNumber(), holder),
                    Actor.system(CaseTimers.SUPERVISION_ORDER), timer.dueAt(), clock.instant()));
        }
    }

    /** A rectification's due time: not yet replied, it becomes overdue (once). */
    @DeadlineHandler(deadlineName = CaseTimers.RECTIFICATION)
    void rectificationDue(Timer timer, Clock clock) {
        if (rectificationOpen && !"REPLIED".equals(rectificationStep) && timer.about().equals(rectificationDue)
                && !rectificationOverdueRecorded) {
            apply(new RectificationOverdue(caseId, completions, timer.about(), rectificationUnit,
                    Actor.system(CaseTimers.RECTIFICATION), timer.firesAt(), clock.instant()));
        }
    }

    /**
     * Records an unmasked view of the applicant's personal data (rules.md "Personal data": unmasked values only for
     * auditors, and for the holding unit's staff with a stated reason, each such view recorded). The holder is this
     * aggregate's, so a view is checked against custody as it is now, not as a lagging read model shows it.
     *
     * @return the sequence of the recorded view and the sealed applicant, to be opened by the caller
     * @throws DomainException {@code APPLICANT_DATA_ERASED} (nothing left to see, nothing recorded),
     *                         {@code NOT_CASE_HOLDER} for a non-auditor outside the holding unit,
     *                         {@code VALIDATION_FAILED} without a reason
     */
    @CommandHandler
    public PersonalDataViewGranted handle(RecordPersonalDataView command) {
        if (applicantDataErased) {
            throw new DomainException(ErrorCode.APPLICANT_DATA_ERASED,
                    "The applicant's personal data on case " + caseId + " was erased.");
        }
        PersonalDataAccess access;
        if (command.auditor()) {
            access = PersonalDataAccess.AUDITOR;
        } else if (holder.equals(command.by().unit())) {
            access = PersonalDataAccess.HOLDING_UNIT;
        } else {
            throw new DomainException(ErrorCode.NOT_CASE_HOLDER, "Only auditors and staff of the unit holding case "
                    + caseId + " now (" + holder + ") may see its personal data unmasked.");
        }
        requireReason(command.reason());
        apply(new PersonalDataViewed(caseId, command.by().unit(), access, holder, command.reason(),
                command.by().actor(), command.by().occurredAt(), command.by().recordedAt()));
        return new PersonalDataViewGranted(AggregateLifecycle.getVersion(), applicant);
    }

    /**
     * Records the erasure of the applicant's data on this case (issue 7, crypto-shredding): the data key is destroyed
     * by the handler of the event, in the same transaction. Once recorded, a repeat appends nothing.
     *
     * @throws DomainException {@code VALIDATION_FAILED} when the key named is not this case's applicant's, or without
     *                         a basis
     */
    @CommandHandler
    public ErasureRecorded handle(EraseApplicantData command) {
        if (!applicant.key().equals(command.applicantKeyId())) {
            throw new DomainException(ErrorCode.VALIDATION_FAILED,
                    "Case " + caseId + " belongs to another applicant key.", Map.of("applicantKeyId", "mismatch"));
        }
        if (applicantDataErased) {
            return new ErasureRecorded(AggregateLifecycle.getVersion(), false);
        }
        if (command.basis() == null || command.basis().isBlank()) {
            throw new DomainException(ErrorCode.VALIDATION_FAILED, "A legal basis is required.",
                    Map.of("basis", "required"));
        }
        apply(new ApplicantDataErased(caseId, command.applicantKeyId(), command.basis(), command.by().actor(),
                command.by().occurredAt(), command.by().recordedAt()));
        return new ErasureRecorded(AggregateLifecycle.getVersion(), true);
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
        custodians.add(event.window());
        custodians.add(holder);
        deadline = event.deadline();
        verificationCodeHash = event.verificationCodeHash();
        limitWorkingDays = event.limitWorkingDays();
        imported = event.actor().kind() == org.weimin.events.ActorKind.IMPORTER;
        runStart = event.occurredAt();
        budget = event.limitWorkingDays();
        open = true;
        applicant = event.applicant();
    }

    @EventSourcingHandler
    void on(ApplicantDataErased event) {
        applicantDataErased = true;
    }

    @EventSourcingHandler
    void on(CaseForwarded event) {
        acceptedAfterForward = false;
        forwardedFrom = event.fromUnit();
        holder = event.toUnit();
        custodians.add(holder);
        awaitingAcceptance = true;
        returnWindowClosesAt = event.returnWindowClosesAt();
    }

    @EventSourcingHandler
    void on(CaseAccepted event) {
        awaitingAcceptance = false;
        acceptedAfterForward = true;
    }

    @EventSourcingHandler
    void on(CaseReturned event) {
        acceptedAfterForward = false;
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
        // An overdue case keeps its negative budget: later notices and completions stay late (rules.md "On time").
        budget = event.remainingWorkingDays();
        extendedDays = 0;
    }

    @EventSourcingHandler
    void on(CaseCompleted event) {
        rectificationOpen = false;
        rectificationStep = null;
        open = false;
        paused = false;
        completions = event.completion();
        completingUnit = event.completingUnit();
        latestCompletionEvaluated = false;
    }

    @EventSourcingHandler
    void on(CaseEvaluated event) {
        latestCompletionEvaluated = true;
        latestGrade = event.grade();
    }

    @EventSourcingHandler
    void on(RectificationOpened event) {
        rectificationOpen = true;
        rectificationDue = event.deadline().dueAt();
        rectificationUnit = event.responsibleUnit();
        rectificationStep = null;
        rectificationOverdueRecorded = false;
        regraded = false;
    }

    @EventSourcingHandler
    void on(RectificationProgressed event) {
        rectificationStep = event.step();
    }

    @EventSourcingHandler
    void on(RectificationOverdue event) {
        rectificationOverdueRecorded = true;
    }

    @EventSourcingHandler
    void on(CaseRegraded event) {
        regraded = true;
        latestGrade = event.grade();
        rectificationOpen = false;
    }

    @EventSourcingHandler
    void on(SupervisionOrderIssued event) {
        supervisionOrders = event.orderNumber();
        openOrders.put(event.orderNumber(), false);
        orderAddressees.put(event.orderNumber(), event.toUnit());
    }

    @EventSourcingHandler
    void on(SupervisionOrderAnswered event) {
        openOrders.remove(event.orderNumber());
    }

    @EventSourcingHandler
    void on(SupervisionOrderOverdue event) {
        openOrders.put(event.orderNumber(), true);
    }

    @EventSourcingHandler
    void on(AccountabilityFindingRecorded event) {
        findings = event.findingNumber();
    }

    @EventSourcingHandler
    void on(CaseWarned event) {
        warnedFor = event.dueAt();
    }

    @EventSourcingHandler
    void on(CaseBecameOverdue event) {
        overdueFor = event.dueAt();
    }

    @EventSourcingHandler
    void on(CaseEscalated event) {
        escalated = true;
    }

    @EventSourcingHandler
    void on(CaseDeemedAccepted event) {
        awaitingAcceptance = false;
        acceptedAfterForward = true;
    }

    @EventSourcingHandler
    void on(ExtensionRequested event) {
        extensionRequests = event.requestNumber();
        pendingExtensions.add(event.requestNumber());
        extensionDays.put(event.requestNumber(), event.workingDays());
    }

    @EventSourcingHandler
    void on(DeadlineRevised event) {
        deadline = event.deadline();
    }

    @EventSourcingHandler
    void on(ExtensionApproved event) {
        pendingExtensions.remove(event.requestNumber());
        if (event.deadline() != null) {
            extendedDays += event.workingDays();
            deadline = event.deadline();
        } else {
            remainingWhilePaused = event.remainingWorkingDays();
        }
    }

    @EventSourcingHandler
    void on(ExtensionRefused event) {
        pendingExtensions.remove(event.requestNumber());
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
        extendedDays = 0;
        paused = false;
        firstNoticeBy = null;
        listedItems.clear();
    }
}
