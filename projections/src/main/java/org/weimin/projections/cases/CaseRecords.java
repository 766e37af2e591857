package org.weimin.projections.cases;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;
import org.weimin.events.cases.NoticeItem;

/** Parts of the case document that staff views (and, for notices, the applicant's details) show. */
public final class CaseRecords {
    private CaseRecords() {
    }

    /**
     * A custody change: FORWARDED, ACCEPTED, RETURNED, REOPENED, with the reason staff gave (not public).
     *
     * @param returnWindowClosesAt for a forward, when the target's return window closes
     */
    public record CustodyChange(long sequence, String kind, String fromUnit, String toUnit, String reason,
                                Instant occurredAt, String actorId, Instant returnWindowClosesAt) {
    }

    /**
     * A missing-materials notice and, when it asked for unlisted items, its one-time-notice breach.
     *
     * @param unlistedItems    empty when the notice was no breach
     * @param responsibleStaff the sender of the round's first notice, for a breach
     * @param justification    a supervisor's reason when the breach was marked justified, else null
     */
    public record Notice(int number, List<NoticeItem> items, String channel, Instant occurredAt, String actorId,
                         int usedWorkingDays, int remainingWorkingDays, List<NoticeItem> unlistedItems,
                         String responsibleStaff, String justification, String justifiedBy) {
        Notice withBreach(List<NoticeItem> unlisted, String responsible) {
            return new Notice(number, items, channel, occurredAt, actorId, usedWorkingDays, remainingWorkingDays,
                    unlisted, responsible, justification, justifiedBy);
        }

        Notice justified(String reason, String by) {
            return new Notice(number, items, channel, occurredAt, actorId, usedWorkingDays, remainingWorkingDays,
                    unlistedItems, responsibleStaff, reason, by);
        }

        /** Whether this notice breached the one-time-notice rule. */
        @JsonProperty("breach")
        public boolean breach() {
            return unlistedItems != null && !unlistedItems.isEmpty();
        }
    }

    /** A supplement and the deadline it set. */
    public record Supplement(List<NoticeItem> items, Instant occurredAt, String actorId, Instant deadline,
                             boolean deadlineProvisional, int remainingWorkingDays) {
    }

    /** What the applicant was told (PROGRESS or RESULT), how and when: the statement of record. */
    public record Notification(String kind, String channel, String text, Instant occurredAt, String actorId) {
    }

    /** A completion, kept when the case is reopened. */
    public record Completion(int number, String result, String resultText, String unit, boolean onTime,
                             Instant completedAt, String actorId) {
    }

    /** An extension request and its outcome (PENDING, APPROVED, REFUSED). */
    public record Extension(int number, int workingDays, String reason, String requestedBy, Instant requestedAt,
                            String outcome, String decidedBy, Instant decidedAt, String refusalReason,
                            Instant newDeadline) {
        Extension decided(String outcome, String by, Instant at, String refusal, Instant deadline) {
            return new Extension(number, workingDays, reason, requestedBy, requestedAt, outcome, by, at, refusal,
                    deadline);
        }
    }

    /** A timer's finding about the case: WARNED, OVERDUE, ESCALATED (to a unit's supervisors), with the holder. */
    public record Alert(String kind, Instant dueAt, String holder, String toUnit, Instant occurredAt) {
    }

    /** A supervision order: OPEN, ANSWERED or OVERDUE (an overdue order may still be answered). */
    public record SupervisionOrder(int number, String text, Instant dueAt, String toUnit, String issuedBy,
                                   Instant issuedAt, String state, String answer, String answeredBy,
                                   Instant answeredAt) {
        SupervisionOrder answered(String text, String by, Instant at) {
            return new SupervisionOrder(number, this.text, dueAt, toUnit, issuedBy, issuedAt, "ANSWERED", text, by, at);
        }

        SupervisionOrder overdue() {
            return new SupervisionOrder(number, text, dueAt, toUnit, issuedBy, issuedAt, "OVERDUE", answer, answeredBy,
                    answeredAt);
        }
    }

    /** An urge (催办) or an accountability finding (问责), as supervisors recorded it. */
    public record SupervisionAct(String kind, String text, String unit, String staff, String actorId,
                                 Instant occurredAt) {
    }

    /** A rectification: its steps and whether it ran overdue. */
    public record Rectification(int completion, String grade, String unit, Instant dueAt, List<String> steps,
                                boolean overdue, String regrade) {
        Rectification step(String step, String text) {
            List<String> more = new java.util.ArrayList<>(steps);
            more.add(step + ": " + text);
            return new Rectification(completion, grade, unit, dueAt, more, overdue, regrade);
        }

        Rectification overdueNow() {
            return new Rectification(completion, grade, unit, dueAt, steps, true, regrade);
        }

        Rectification regraded(String newGrade) {
            return new Rectification(completion, grade, unit, dueAt, steps, overdue, newGrade);
        }
    }

    /**
     * An unmasked view of the applicant's personal data (issue 7): who ({@code actorId}, of {@code unit}), when, on
     * what ground ({@code AUDITOR} or {@code HOLDING_UNIT}, the holder then) and why. Never the values seen.
     */
    public record PersonalDataView(long sequence, String actorId, String unit, String access, String holder,
                                   String reason, Instant occurredAt, Instant recordedAt) {
    }

    /** The erasure of the applicant's personal data (issue 7): when, by whom, on what basis. */
    public record Erasure(long sequence, String actorId, String basis, Instant occurredAt, Instant recordedAt) {
    }
}
