package org.weimin.events.cases;

import java.time.Instant;
import org.axonframework.serialization.Revision;
import org.weimin.events.Actor;
import org.weimin.events.CaseId;
import org.weimin.events.UnitId;

/**
 * The return window of a forward closed with neither acceptance nor return: the case is deemed accepted by the target
 * unit, whose supervisors are warned (rules.md "Custody"). A system event.
 */
@Revision("1")
public record CaseDeemedAccepted(
        CaseId caseId,
        UnitId unit,
        Instant returnWindowClosedAt,
        Actor actor,
        Instant occurredAt,
        Instant recordedAt) implements CaseEvent {
}
