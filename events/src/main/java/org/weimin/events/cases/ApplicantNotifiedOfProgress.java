package org.weimin.events.cases;

import java.time.Instant;
import org.axonframework.serialization.Revision;
import org.weimin.events.Actor;
import org.weimin.events.CaseId;

/** The statement of record of what the applicant was told about progress, when and through which channel. */
@Revision("1")
public record ApplicantNotifiedOfProgress(
        CaseId caseId,
        NotificationChannel channel,
        String text,
        Actor actor,
        Instant occurredAt,
        Instant recordedAt) implements CaseEvent {
}
