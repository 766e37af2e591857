package org.weimin.events.reference;

import org.weimin.events.UnitId;
import org.weimin.events.org.OrgUnitKind;
import java.time.Instant;
import org.axonframework.serialization.Revision;
import org.weimin.events.Actor;

/**
 * An administrator renamed, moved (a new {@code parent}) or re-kinded an org unit; the event carries all three values
 * after the change. Cases already recorded keep the unit id they named; their views show the unit as it is now.
 */
@Revision("1")
public record OrgUnitChanged(
        UnitId unit,
        String name,
        OrgUnitKind kind,
        UnitId parent,
        Actor actor,
        Instant occurredAt,
        Instant recordedAt) implements ReferenceEvent {
}
