package org.weimin.command.cases;

import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;
import org.weimin.events.CaseId;
import org.weimin.events.UnitId;
import org.weimin.events.access.Action;
import org.weimin.events.cases.NoticeItem;
import org.weimin.events.cases.NotificationChannel;
import org.weimin.events.cases.ResultType;

/**
 * The staff commands on an existing case. Each names the case, optionally the sequence number the caller last saw
 * ({@code expectedVersion}: when the case has moved on since, the command fails with a retryable conflict instead of
 * acting on a stale picture; null means no such check), and the {@link StaffAct}.
 */
public final class StaffCommands {
    private StaffCommands() {
    }

    /**
     * A staff command on a case: who acts, and the {@link Action} of the access matrix it is, so that the aggregate
     * judges its scope before anything else ({@code Case#checkScope}).
     */
    public interface StaffCommand {
        /** Who acts, for which unit, when. */
        StaffAct by();

        /** The action of {@link org.weimin.events.access.AccessPolicy}'s matrix. */
        Action action();
    }

    /** Forward (转办) to another unit with a reason; {@code returnWindowWorkingDays} per the target's unit type. */
    public record ForwardCase(@TargetAggregateIdentifier CaseId caseId, @TargetAggregateVersion Long expectedVersion,
                              UnitId toUnit, String reason, int returnWindowWorkingDays, StaffAct by) implements StaffCommand {
        @Override
        public Action action() {
            return Action.FORWARD;
        }
    }

    /** Accept (签收) a case forwarded to the actor's unit. */
    public record AcceptCase(@TargetAggregateIdentifier CaseId caseId, @TargetAggregateVersion Long expectedVersion,
                             StaffAct by) implements StaffCommand {
        @Override
        public Action action() {
            return Action.ACCEPT;
        }
    }

    /** Return (退回) a case forwarded to the actor's unit, with a reason, within the return window. */
    public record ReturnCase(@TargetAggregateIdentifier CaseId caseId, @TargetAggregateVersion Long expectedVersion,
                             String reason, StaffAct by) implements StaffCommand {
        @Override
        public Action action() {
            return Action.RETURN;
        }
    }

    /** Tell the applicant what is missing (一次性告知); items are already resolved against the catalogue. */
    public record NotifyMissingMaterials(@TargetAggregateIdentifier CaseId caseId,
                                         @TargetAggregateVersion Long expectedVersion, List<NoticeItem> items,
                                         NotificationChannel channel, StaffAct by) implements StaffCommand {
        @Override
        public Action action() {
            return Action.NOTIFY_MISSING_MATERIALS;
        }
    }

    /** Record the applicant's supplement (补正); the clock resumes. */
    public record SupplementMaterials(@TargetAggregateIdentifier CaseId caseId,
                                      @TargetAggregateVersion Long expectedVersion, List<NoticeItem> items,
                                      StaffAct by) implements StaffCommand {
        @Override
        public Action action() {
            return Action.SUPPLEMENT;
        }
    }

    /** A supervisor marks the breach recorded for a notice as justified. */
    public record JustifyBreach(@TargetAggregateIdentifier CaseId caseId, @TargetAggregateVersion Long expectedVersion,
                                int noticeNumber, String reason, StaffAct by) implements StaffCommand {
        @Override
        public Action action() {
            return Action.JUSTIFY_BREACH;
        }
    }

    /** Record what the applicant was told about progress. */
    public record NotifyProgress(@TargetAggregateIdentifier CaseId caseId, @TargetAggregateVersion Long expectedVersion,
                                 NotificationChannel channel, String text, StaffAct by) implements StaffCommand {
        @Override
        public Action action() {
            return Action.NOTIFY_PROGRESS;
        }
    }

    /** Record how the applicant was told the result of the latest completion. */
    public record NotifyResult(@TargetAggregateIdentifier CaseId caseId, @TargetAggregateVersion Long expectedVersion,
                               NotificationChannel channel, String text, StaffAct by) implements StaffCommand {
        @Override
        public Action action() {
            return Action.NOTIFY_RESULT;
        }
    }

    /** A supervisor reopens (重办) a completed case with a reason; {@code limitWorkingDays} is the service item's. */
    public record ReopenCase(@TargetAggregateIdentifier CaseId caseId, @TargetAggregateVersion Long expectedVersion,
                             String reason, int limitWorkingDays, StaffAct by) implements StaffCommand {
        @Override
        public Action action() {
            return Action.REOPEN;
        }
    }

    /** The holder asks for an extension (延期) by a number of working days, with a reason. */
    public record RequestExtension(@TargetAggregateIdentifier CaseId caseId,
                                   @TargetAggregateVersion Long expectedVersion, int workingDays, String reason,
                                   StaffAct by) implements StaffCommand {
        @Override
        public Action action() {
            return Action.REQUEST_EXTENSION;
        }
    }

    /** A supervisor of the holder's unit or above approves a pending extension request. */
    public record ApproveExtension(@TargetAggregateIdentifier CaseId caseId,
                                   @TargetAggregateVersion Long expectedVersion, int requestNumber, StaffAct by) implements StaffCommand {
        @Override
        public Action action() {
            return Action.APPROVE_EXTENSION;
        }
    }

    /** A supervisor of the holder's unit or above refuses a pending extension request, with a reason. */
    public record RefuseExtension(@TargetAggregateIdentifier CaseId caseId,
                                  @TargetAggregateVersion Long expectedVersion, int requestNumber, String reason,
                                  StaffAct by) implements StaffCommand {
        @Override
        public Action action() {
            return Action.REFUSE_EXTENSION;
        }
    }

    /** A supervisor over the holder issues a supervision order (督办) due at {@code dueAt} (24:00 of the due date). */
    public record IssueSupervisionOrder(@TargetAggregateIdentifier CaseId caseId,
                                        @TargetAggregateVersion Long expectedVersion, String text,
                                        java.time.Instant dueAt, StaffAct by) implements StaffCommand {
        @Override
        public Action action() {
            return Action.ISSUE_SUPERVISION_ORDER;
        }
    }

    /** The holder answers a supervision order. */
    public record AnswerSupervisionOrder(@TargetAggregateIdentifier CaseId caseId,
                                         @TargetAggregateVersion Long expectedVersion, int orderNumber, String text,
                                         StaffAct by) implements StaffCommand {
        @Override
        public Action action() {
            return Action.ANSWER_SUPERVISION_ORDER;
        }
    }

    /** A supervisor over the holder urges (催办) it. */
    public record UrgeCase(@TargetAggregateIdentifier CaseId caseId, @TargetAggregateVersion Long expectedVersion,
                           String text, StaffAct by) implements StaffCommand {
        @Override
        public Action action() {
            return Action.URGE;
        }
    }

    /** A supervisor over {@code againstUnit} records an accountability finding (问责). */
    public record RecordFinding(@TargetAggregateIdentifier CaseId caseId, @TargetAggregateVersion Long expectedVersion,
                                UnitId againstUnit, org.weimin.events.StaffId againstStaff, String reason,
                                StaffAct by) implements StaffCommand {
        @Override
        public Action action() {
            return Action.RECORD_FINDING;
        }
    }

    /** The completing unit records a rectification step: VERIFIED, RECTIFIED, REPLIED (in that order). */
    public record RecordRectificationStep(@TargetAggregateIdentifier CaseId caseId,
                                          @TargetAggregateVersion Long expectedVersion, String step, String text,
                                          StaffAct by) implements StaffCommand {
        @Override
        public Action action() {
            return Action.RECORD_RECTIFICATION_STEP;
        }
    }

    /** Complete (办结) with a result; allowed while paused (the pause ends with it). */
    public record CompleteCase(@TargetAggregateIdentifier CaseId caseId, @TargetAggregateVersion Long expectedVersion,
                               ResultType result, String resultText, StaffAct by) implements StaffCommand {
        @Override
        public Action action() {
            return Action.COMPLETE;
        }
    }
}
