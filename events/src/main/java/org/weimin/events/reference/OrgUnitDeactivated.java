package org.weimin.events.reference;

import org.weimin.events.UnitId;
import java.time.Instant;
import org.axonframework.serialization.Revision;
import org.weimin.events.Actor;

/**
 * An org unit was closed: it stays known (old cases name it) but takes no new cases and no forwards.
 *
 * @param reason the administrator's reason (no personal data)
 */
@Revision("1")
public record OrgUnitDeactivated(
        UnitId unit,
        String reason,
        Actor actor,
        Instant occurredAt,
        Instant recordedAt) implements ReferenceEvent {
}
