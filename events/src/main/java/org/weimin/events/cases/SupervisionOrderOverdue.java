package org.weimin.events.cases;

import java.time.Instant;
import org.axonframework.serialization.Revision;
import org.weimin.events.Actor;
import org.weimin.events.CaseId;
import org.weimin.events.UnitId;

/** A supervision order passed its due time unanswered; names the unit it was addressed to. A system event. */
@Revision("1")
public record SupervisionOrderOverdue(
        CaseId caseId,
        int orderNumber,
        Instant dueAt,
        UnitId unit,
        Actor actor,
        Instant occurredAt,
        Instant recordedAt) implements CaseEvent {
}
