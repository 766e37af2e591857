package org.weimin.command.cases;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.weimin.events.Actor;
import org.weimin.events.CaseId;
import org.weimin.events.ServiceItemCode;
import org.weimin.events.StaffId;
import org.weimin.events.UnitId;
import org.weimin.events.cases.Channel;
import org.weimin.events.cases.TrackingNumber;
import org.weimin.events.privacy.Sealed;
import org.weimin.events.privacy.SealedApplicant;

/**
 * Receive (受理) a new case. Ids, the verification-code hash and the sealed personal data are produced by
 * {@link CaseCommandService} before dispatch, so the aggregate stays free of randomness and holds ciphertext only.
 * Reference data (window, holder, service item, limit) is already resolved and validated.
 */
public record ReceiveCase(
        @TargetAggregateIdentifier CaseId caseId,
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
        Actor actor,
        Instant occurredAt,
        Instant recordedAt) {
}
