package org.weimin.query.cases;

import java.time.Instant;
import java.util.List;

/**
 * What the public sees with the tracking number only (rules.md "What the public sees"): status, service item, the
 * units that held the case, the date and kind of each step, the deadline. Never personal data, staff names or the
 * applicant's own text.
 *
 * @param deadline            the committed deadline (24:00 Asia/Shanghai at the end of the last working day); null
 *                            while paused
 * @param paused              the clock is paused waiting for the applicant's materials
 * @param remainingWorkingDays while paused: the working days left when counting resumes
 * @param deadlineProvisional true while the holiday calendar for the deadline's stretch is not published
 * @param currentUnit         the unit now handling the case
 * @param sequence            how far the record shown has caught up (sequence of the last event applied)
 */
public record PublicCaseView(
        String trackingNumber,
        String status,
        Named serviceItem,
        Instant receivedAt,
        Instant deadline,
        boolean deadlineProvisional,
        boolean paused,
        Integer remainingWorkingDays,
        Named currentUnit,
        String resultType,
        Instant completedAt,
        List<PublicStep> steps,
        long sequence) {

    /** A reference by code and display name. */
    public record Named(String code, String name) {
    }

    /**
     * One step: its kind (RECEIVED, FORWARDED, ACCEPTED, RETURNED, NOTICE_SENT, SUPPLEMENTED, PROGRESS_NOTIFIED,
     * RESULT_NOTIFIED, COMPLETED, EVALUATED, REOPENED), when, at which unit, and a detail only where rules.md allows
     * one: the number of items of a notice, the result type of a completion.
     */
    public record PublicStep(String kind, Instant at, Named unit, String detail) {
    }
}
