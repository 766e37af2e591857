package org.weimin.projections.cases;

import java.time.Instant;

/**
 * One step of a case's timeline, in the order the events were recorded.
 *
 * @param sequence   the event's sequence number in the case
 * @param kind       RECEIVED, COMPLETED, EVALUATED (more with the lifecycle)
 * @param occurredAt business time of the step
 * @param recordedAt recording time of the step
 * @param unit       the org unit the step happened at (null for the applicant's steps)
 * @param actorKind  STAFF, APPLICANT, SYSTEM, ... (never the staff member's name in public views)
 * @param actorId    the actor's id (for staff views only)
 * @param detail     a public, non-personal detail: the result type or the grade
 */
public record CaseStep(long sequence, String kind, Instant occurredAt, Instant recordedAt, String unit,
                       String actorKind, String actorId, String detail) {
}
