package org.weimin.events.cases;

import java.time.Instant;
import org.axonframework.serialization.Revision;
import org.weimin.events.Actor;
import org.weimin.events.CaseId;
import org.weimin.events.UnitId;

/** The holder responded to a supervision order. */
@Revision("1")
public record SupervisionOrderAnswered(
        CaseId caseId,
        int orderNumber,
        String text,
        UnitId unit,
        Actor actor,
        Instant occurredAt,
        Instant recordedAt) implements CaseEvent {
}
