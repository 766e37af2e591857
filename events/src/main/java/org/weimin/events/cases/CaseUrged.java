package org.weimin.events.cases;

import java.time.Instant;
import org.axonframework.serialization.Revision;
import org.weimin.events.Actor;
import org.weimin.events.CaseId;
import org.weimin.events.UnitId;

/** A supervisor urged (催办) the current holder, with a text. */
@Revision("1")
public record CaseUrged(
        CaseId caseId,
        String text,
        UnitId toUnit,
        Actor actor,
        Instant occurredAt,
        Instant recordedAt) implements CaseEvent {
}
