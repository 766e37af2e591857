package org.weimin.command.api;

import java.time.Instant;

/**
 * The receipt returned to staff after receiving a case. The verification code appears here and nowhere else (it is
 * stored only as a keyed hash): print it for the applicant.
 *
 * @param deadline            the committed deadline (24:00 Asia/Shanghai at the end of the last working day)
 * @param deadlineProvisional true when the deadline may still move when the holiday calendar is loaded
 * @param sequence            sequence number of the receipt event (always 0)
 */
public record Receipt(
        String caseId,
        String trackingNumber,
        String verificationCode,
        String serviceItem,
        int limitWorkingDays,
        Instant deadline,
        boolean deadlineProvisional,
        long sequence) {
}
