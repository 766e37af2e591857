package org.weimin.events.cases;

import java.time.Instant;
import org.axonframework.serialization.Revision;
import org.weimin.events.Actor;
import org.weimin.events.CaseId;

/** The statement of record of how the applicant was told the result of a completion. */
@Revision("1")
public record ApplicantNotifiedOfResult(
        CaseId caseId,
        int completion,
        NotificationChannel channel,
        String text,
        Actor actor,
        Instant occurredAt,
        Instant recordedAt) implements CaseEvent {
}
