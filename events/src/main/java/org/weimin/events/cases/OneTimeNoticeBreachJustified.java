package org.weimin.events.cases;

import java.time.Instant;
import org.axonframework.serialization.Revision;
import org.weimin.events.Actor;
import org.weimin.events.CaseId;

/** A supervisor marked a one-time-notice breach as justified, with a reason; the breach stays on record. */
@Revision("1")
public record OneTimeNoticeBreachJustified(
        CaseId caseId,
        int noticeNumber,
        String reason,
        Actor actor,
        Instant occurredAt,
        Instant recordedAt) implements CaseEvent {
}
