package org.weimin.events.cases;

import java.time.Instant;
import org.axonframework.serialization.Revision;
import org.weimin.events.Actor;
import org.weimin.events.CaseId;
import org.weimin.events.UnitId;

/**
 * Overdue (超期, red): the deadline in force passed while the case was open and not paused. Names the holder at that
 * moment, to whom the overdue figure is attributed (rules.md "Figures"). A system event.
 */
@Revision("1")
public record CaseBecameOverdue(
        CaseId caseId,
        Instant dueAt,
        UnitId holder,
        Actor actor,
        Instant occurredAt,
        Instant recordedAt) implements CaseEvent {
}
