package org.weimin.command.cases;

import java.time.Instant;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.weimin.events.Actor;
import org.weimin.events.CaseId;
import org.weimin.events.ServiceItemCode;
import org.weimin.events.StaffId;
import org.weimin.events.UnitId;
import org.weimin.events.cases.Channel;
import org.weimin.events.cases.NoticeItem;
import org.weimin.events.cases.NotificationChannel;
import org.weimin.events.cases.TrackingNumber;
import org.weimin.events.privacy.Sealed;
import org.weimin.events.privacy.SealedApplicant;

/**
 * Receive (受理) a new case. Ids, the verification-code hash and the sealed personal data are produced by
 * {@link CaseCommandService} before dispatch, so the aggregate stays free of randomness and holds ciphertext only.
 * Reference data (window, holder, service item, limit) is already resolved and validated.
 *
 * <p>{@code missingAtOnce}: required materials known to be missing at receipt (an online submission that did not
 * answer them, issue 9); when not empty, the one-time notice listing them is sent in the same command, through
 * {@code noticeChannel}, so the case never exists without it (rules.md "One-time notice and the paused clock").
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
        Instant recordedAt,
        List<NoticeItem> missingAtOnce,
        NotificationChannel noticeChannel) {

    /** Normalises {@code missingAtOnce} to an immutable list (empty: no notice at receipt). */
    public ReceiveCase {
        missingAtOnce = missingAtOnce == null ? List.of() : List.copyOf(missingAtOnce);
    }

    /** A receipt with nothing known to be missing. */
    public ReceiveCase(CaseId caseId, TrackingNumber trackingNumber, String verificationCodeHash,
                       ServiceItemCode serviceItem, UnitId window, UnitId holder, Channel channel,
                       StaffId firstContactOfficer, SealedApplicant applicant, Sealed subject, Sealed description,
                       int limitWorkingDays, Actor actor, Instant occurredAt, Instant recordedAt) {
        this(caseId, trackingNumber, verificationCodeHash, serviceItem, window, holder, channel, firstContactOfficer,
                applicant, subject, description, limitWorkingDays, actor, occurredAt, recordedAt, List.of(), null);
    }
}
