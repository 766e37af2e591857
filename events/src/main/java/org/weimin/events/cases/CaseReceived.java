package org.weimin.events.cases;

import java.time.Instant;
import org.axonframework.serialization.Revision;
import org.weimin.events.Actor;
import org.weimin.events.CaseId;
import org.weimin.events.ServiceItemCode;
import org.weimin.events.StaffId;
import org.weimin.events.UnitId;
import org.weimin.events.calendar.Deadline;
import org.weimin.events.privacy.Sealed;
import org.weimin.events.privacy.SealedApplicant;

/**
 * A case was received (受理) at a window by a staff member, who becomes its first-contact responsible officer
 * (首问责任人) for the case's whole life. The holder is the unit the window belongs to (rules.md "Custody").
 *
 * @param verificationCodeHash keyed hash (HMAC-SHA256, hex) of the verification code; the code itself is only on
 *                             the receipt
 * @param applicant            the applicant's personal data, sealed under the applicant's data key
 * @param subject              the applicant's own text, sealed like personal data
 * @param description          the applicant's own text, sealed like personal data
 * @param limitWorkingDays     the service item's time limit at receipt
 * @param deadline             the committed deadline computed from {@code occurredAt} and the limit
 */
@Revision("1")
public record CaseReceived(
        CaseId caseId,
        TrackingNumber trackingNumber,
        String verificationCodeHash,
        ServiceItemCode serviceItem,
        UnitId window,
        UnitId holder,
        Channel channel,
        StaffId firstContactOfficer,
        SealedApplicant applicant,
        Sealed subject,
        Sealed description,
        int limitWorkingDays,
        Deadline deadline,
        Actor actor,
        Instant occurredAt,
        Instant recordedAt) implements CaseEvent {
}
