package org.weimin.events.cases;

import java.time.Instant;
import org.axonframework.serialization.Revision;
import org.weimin.events.Actor;
import org.weimin.events.CaseId;
import org.weimin.events.UnitId;

/**
 * An overdue case escalated (once per case) to the supervisors of the holding unit's parent unit: an entry in their
 * queue. A system event.
 *
 * @param toUnit the unit whose supervisors now watch the case (the holder's parent)
 */
@Revision("1")
public record CaseEscalated(
        CaseId caseId,
        UnitId holder,
        UnitId toUnit,
        String reason,
        Actor actor,
        Instant occurredAt,
        Instant recordedAt) implements CaseEvent {
}
