package org.weimin.events.cases;

import java.time.Instant;
import org.axonframework.serialization.Revision;
import org.weimin.events.Actor;
import org.weimin.events.CaseId;
import org.weimin.events.UnitId;

/** A rectification passed its deadline without a reply to the applicant. A system event. */
@Revision("1")
public record RectificationOverdue(
        CaseId caseId,
        int completion,
        Instant dueAt,
        UnitId responsibleUnit,
        Actor actor,
        Instant occurredAt,
        Instant recordedAt) implements CaseEvent {
}
