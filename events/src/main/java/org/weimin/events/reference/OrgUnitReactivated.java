package org.weimin.events.reference;

import org.weimin.events.UnitId;
import java.time.Instant;
import org.axonframework.serialization.Revision;
import org.weimin.events.Actor;

/** A closed org unit takes cases again. */
@Revision("1")
public record OrgUnitReactivated(
        UnitId unit,
        Actor actor,
        Instant occurredAt,
        Instant recordedAt) implements ReferenceEvent {
}
