package org.weimin.events.cases;

import java.time.Instant;
import org.axonframework.serialization.Revision;
import org.weimin.events.Actor;
import org.weimin.events.CaseId;
import org.weimin.events.UnitId;

/** A supervisor refused an extension request, with a reason; the deadline stays. */
@Revision("1")
public record ExtensionRefused(
        CaseId caseId,
        int requestNumber,
        UnitId holder,
        String reason,
        Actor actor,
        Instant occurredAt,
        Instant recordedAt) implements CaseEvent {
}
