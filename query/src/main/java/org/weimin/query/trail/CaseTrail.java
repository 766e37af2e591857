package org.weimin.query.trail;

import java.time.Instant;
import java.util.List;
import org.weimin.projections.cases.CaseRecords;

/**
 * The accountability trail of a case (问效问责): the chain of custody with the working days each unit held it and
 * how many of those were paused or late, every step with its actor and both times, and the supervision record
 * (orders, urges, findings, one-time-notice breaches, extensions). Working days are counted in Asia/Shanghai with the
 * calendar in force; a day belongs to the unit holding the case at the end of that day (rules.md "Custody").
 *
 * @param lateWorkingDays   working days past the deadline in force, net of paused days (0 when on time)
 * @param personalDataViews every unmasked view of the applicant's personal data: who, of which unit, on what ground,
 *                          when and why (issue 7; never the values seen)
 * @param erasure           the erasure of the applicant's personal data, or null
 */
public record CaseTrail(
        String caseId,
        String trackingNumber,
        String firstContactOfficer,
        Instant receivedAt,
        Instant deadline,
        Instant completedAt,
        boolean late,
        int lateWorkingDays,
        List<Custody> custody,
        List<Step> steps,
        List<CaseRecords.Notice> breaches,
        List<CaseRecords.SupervisionOrder> supervisionOrders,
        List<CaseRecords.SupervisionAct> supervisionActs,
        List<CaseRecords.Extension> extensions,
        List<CaseRecords.Alert> alerts,
        List<CaseRecords.PersonalDataView> personalDataViews,
        CaseRecords.Erasure erasure) {

    /**
     * One holder's stretch of custody.
     *
     * @param until               when it ended (a forward, a return, a completion); null while the unit still holds it
     * @param heldWorkingDays     working days whose end fell in the stretch
     * @param pausedWorkingDays   of those, days the clock was paused waiting for the applicant
     * @param lateWorkingDays     of those, days past the deadline in force (not paused): where lateness accrued
     * @param staff               staff members of the unit who acted on the case in the stretch
     * @param actions             what they did (step kinds), in order
     */
    public record Custody(String unit, String unitName, Instant from, Instant until, int heldWorkingDays,
                          int pausedWorkingDays, int lateWorkingDays, List<String> staff, List<String> actions) {
    }

    /** One step with its actor, business time and recording time. */
    public record Step(long sequence, String kind, String unit, String actorKind, String actorId, Instant occurredAt,
                       Instant recordedAt, String detail) {
    }
}
