package org.weimin.query.cases;

import java.time.Instant;
import java.util.List;
import org.weimin.projections.cases.CaseRecords;

/**
 * The staff view of a case: everything on record, personal data masked (rules.md "Personal data": name 张**, phone
 * 139****5678, ID first 6 + last 4). The applicant's own text (subject, description, comment) is shown: staff need it
 * to handle the case.
 *
 * @param paused               the clock is paused by a missing-materials notice
 * @param remainingWorkingDays while paused, the budget left
 * @param custody              every custody change with the reasons staff gave
 * @param notices              every missing-materials notice, with its breach and justification if any
 * @param notifications        the statement of record of what the applicant was told
 * @param completionHistory    every completion (a reopened case keeps its earlier ones)
 * @param warned               yellow: the warning for the deadline in force was given
 * @param overdue              red: the deadline in force passed while open
 * @param extensions           extension requests and their outcomes
 * @param alerts               warnings, overdue findings and escalations, with the holder at the time
 * @param sequence             sequence of the last event applied; compare with a command reply's sequence
 * @param erasure              when, by whom and on what basis the applicant's personal data was erased (then every
 *                             personal field shows {@code (erased)}); null while it is not (issue 7)
 */
public record StaffCaseView(
        String caseId,
        String trackingNumber,
        String status,
        PublicCaseView.Named serviceItem,
        String channel,
        PublicCaseView.Named window,
        PublicCaseView.Named holder,
        String firstContactOfficer,
        Instant receivedAt,
        int limitWorkingDays,
        Instant deadline,
        boolean deadlineProvisional,
        String calendarRevision,
        Applicant applicant,
        String subject,
        String description,
        Completion completion,
        Evaluation evaluation,
        List<Step> steps,
        boolean awaitingAcceptance,
        Instant returnWindowClosesAt,
        boolean paused,
        Integer remainingWorkingDays,
        int round,
        List<CaseRecords.CustodyChange> custody,
        List<CaseRecords.Notice> notices,
        List<CaseRecords.Supplement> supplements,
        List<CaseRecords.Notification> notifications,
        List<CaseRecords.Completion> completionHistory,
        boolean warned,
        boolean overdue,
        List<CaseRecords.Extension> extensions,
        List<CaseRecords.Alert> alerts,
        List<CaseRecords.SupervisionOrder> supervisionOrders,
        List<CaseRecords.SupervisionAct> supervisionActs,
        List<CaseRecords.Rectification> rectifications,
        long sequence,
        CaseRecords.Erasure erasure) {

    /** The applicant, masked. */
    public record Applicant(String name, String idType, String idNumber, String phone, String address) {
    }

    /** The latest completion. */
    public record Completion(int number, String result, String resultText, PublicCaseView.Named unit,
                             Boolean onTime, Instant completedAt) {
    }

    /** The evaluation of the latest completion. */
    public record Evaluation(String grade, String comment, Instant evaluatedAt) {
    }

    /** One step with its actor and both times. */
    public record Step(long sequence, String kind, Instant occurredAt, Instant recordedAt,
                       PublicCaseView.Named unit, String actorKind, String actorId, String detail) {
    }
}
