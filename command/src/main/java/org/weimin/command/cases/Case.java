package org.weimin.command.cases;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateLifecycle;
import org.axonframework.spring.stereotype.Aggregate;
import org.weimin.events.CaseId;
import org.weimin.events.DomainException;
import org.weimin.events.ErrorCode;
import org.weimin.events.UnitId;
import org.weimin.events.calendar.Deadline;
import org.weimin.events.calendar.WorkingCalendar;
import org.weimin.events.cases.CaseCompleted;
import org.weimin.events.cases.CaseEvaluated;
import org.weimin.events.cases.CaseReceived;
import org.weimin.events.cases.ResultType;

/**
 * The case aggregate: one resident's matter from receipt to evaluation. Command handlers guard, then apply;
 * state changes only in event-sourcing handlers. It never reads the clock or draws randomness (times and ids come
 * with the commands) and holds personal data only as ciphertext.
 *
 * <p>Command handlers other than receipt return the sequence number of the last event they applied, so that
 * callers can wait for read models to reach it.
 */
@Aggregate
public class Case {

    @AggregateIdentifier
    private CaseId caseId;
    private UnitId holder;
    private Deadline deadline;
    private String verificationCodeHash;
    private boolean open;
    /** Number of completions so far (a reopened case completes again). */
    private int completions;
    /** Whether the latest completion has been evaluated. */
    private boolean latestCompletionEvaluated;

    /** For Axon's event sourcing. */
    protected Case() {
    }

    /**
     * Receives a case: fixes the committed deadline through the working calendar.
     *
     * @param calendar the working-day calendar port (injected)
     */
    @CommandHandler
    public Case(ReceiveCase command, WorkingCalendar calendar) {
        Deadline committed = calendar.deadline(command.occurredAt(), command.limitWorkingDays());
        apply(new CaseReceived(command.caseId(), command.trackingNumber(), command.verificationCodeHash(),
                command.serviceItem(), command.window(), command.holder(), command.channel(),
                command.firstContactOfficer(), command.applicant(), command.subject(), command.description(),
                command.limitWorkingDays(), committed, command.actor(), command.occurredAt(), command.recordedAt()));
    }

    /**
     * Completes the case.
     *
     * @return the sequence number of the completion event
     * @throws DomainException {@code CASE_ALREADY_COMPLETED}; {@code NOT_CASE_HOLDER} when the actor's unit does not
     *                         hold the case; {@code REFUSAL_NEEDS_REASONS} for a refusal without text
     */
    @CommandHandler
    public long handle(CompleteCase command) {
        if (!open) {
            throw new DomainException(ErrorCode.CASE_ALREADY_COMPLETED,
                    "Case " + caseId + " is already completed; a supervisor may reopen it.");
        }
        if (!holder.equals(command.actorUnit())) {
            throw new DomainException(ErrorCode.NOT_CASE_HOLDER,
                    "Case " + caseId + " is held by " + holder + ", not by " + command.actorUnit() + ".");
        }
        if (command.result() == ResultType.REFUSED
                && (command.resultText() == null || command.resultText().isBlank())) {
            throw new DomainException(ErrorCode.REFUSAL_NEEDS_REASONS,
                    "A refusal must state its reasons in the result text.");
        }
        boolean onTime = OnTimeRule.isOnTime(command.occurredAt(), deadline);
        apply(new CaseCompleted(caseId, completions + 1, command.result(), command.resultText(), holder, onTime,
                command.actor(), command.occurredAt(), command.recordedAt()));
        return AggregateLifecycle.getVersion();
    }

    /**
     * Records the applicant's evaluation of the latest completion.
     *
     * @return the sequence number of the evaluation event
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
        open = true;
    }

    @EventSourcingHandler
    void on(CaseCompleted event) {
        open = false;
        completions = event.completion();
        latestCompletionEvaluated = false;
    }

    @EventSourcingHandler
    void on(CaseEvaluated event) {
        latestCompletionEvaluated = true;
    }
}
