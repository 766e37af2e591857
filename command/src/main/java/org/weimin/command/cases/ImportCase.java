package org.weimin.command.cases;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.weimin.events.Actor;
import org.weimin.events.CaseId;
import org.weimin.events.ServiceItemCode;
import org.weimin.events.StaffId;
import org.weimin.events.UnitId;
import org.weimin.events.cases.Channel;
import org.weimin.events.cases.ResultType;
import org.weimin.events.cases.TrackingNumber;
import org.weimin.events.privacy.Sealed;
import org.weimin.events.privacy.SealedApplicant;

/**
 * Imports one historical case (issue 6): the receipt at its historical business time and, where the record has them,
 * the forward to the unit that handled it and the completion with its result, all as the events staff commands
 * produce, with the importer as actor ({@code IMPORTER}, id = the import source) and today as recording time.
 * Prepared by {@code ImportService} (reference data resolved, personal data sealed, times validated: receipt ≤
 * forward ≤ completion ≤ now).
 *
 * @param forwardTo   the unit the case went to, or null when the receiving centre handled it
 * @param completedAt null for a case still open (then its timers are scheduled like any other)
 */
public record ImportCase(
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
        Instant receivedAt,
        UnitId forwardTo,
        Instant forwardedAt,
        String forwardReason,
        ResultType result,
        String resultText,
        Instant completedAt,
        Instant recordedAt) {
}
