package org.weimin.events.cases;

import java.time.Instant;
import org.axonframework.serialization.Revision;
import org.weimin.events.Actor;
import org.weimin.events.CaseId;
import org.weimin.events.UnitId;

/** The unit a case was forwarded to accepted it (签收); it holds and handles it from now on. */
@Revision("1")
public record CaseAccepted(
        CaseId caseId,
        UnitId unit,
        Actor actor,
        Instant occurredAt,
        Instant recordedAt) implements CaseEvent {
}
