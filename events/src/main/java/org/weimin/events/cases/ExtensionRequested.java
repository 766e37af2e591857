package org.weimin.events.cases;

import java.time.Instant;
import org.axonframework.serialization.Revision;
import org.weimin.events.Actor;
import org.weimin.events.CaseId;
import org.weimin.events.UnitId;

/** The holder asked for an extension (延期) of the deadline by a number of working days, with a reason. */
@Revision("1")
public record ExtensionRequested(
        CaseId caseId,
        int requestNumber,
        int workingDays,
        String reason,
        UnitId holder,
        Actor actor,
        Instant occurredAt,
        Instant recordedAt) implements CaseEvent {
}
