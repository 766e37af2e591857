package org.weimin.events.reference;

import org.weimin.events.UnitId;
import org.weimin.events.org.OrgUnitKind;
import java.time.Instant;
import org.axonframework.serialization.Revision;
import org.weimin.events.Actor;

/**
 * An administrator added a unit to the org tree (a window, a centre, a line department...), active from now on.
 *
 * @param parent the unit it sits under (never null: the root comes with the seed file)
 */
@Revision("1")
public record OrgUnitAdded(
        UnitId unit,
        String name,
        OrgUnitKind kind,
        UnitId parent,
        Actor actor,
        Instant occurredAt,
        Instant recordedAt) implements ReferenceEvent {
}
