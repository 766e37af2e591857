package org.weimin.events.cases;

import java.time.Instant;
import org.axonframework.serialization.Revision;
import org.weimin.events.Actor;
import org.weimin.events.CaseId;
import org.weimin.events.UnitId;

/**
 * The unit a case was forwarded to returned it (退回), with a reason, before accepting and within the return window;
 * custody goes back to the forwarding unit (rules.md "Custody").
 */
@Revision("1")
public record CaseReturned(
        CaseId caseId,
        UnitId fromUnit,
        UnitId toUnit,
        String reason,
        Actor actor,
        Instant occurredAt,
        Instant recordedAt) implements CaseEvent {
}
