package org.weimin.events.reference;

import org.weimin.events.ServiceItemCode;
import java.time.Instant;
import org.axonframework.serialization.Revision;
import org.weimin.events.Actor;

/**
 * A service item was withdrawn: it stays known (old cases name it) but takes no new cases.
 *
 * @param reason the administrator's reason (no personal data)
 */
@Revision("1")
public record ServiceItemDeactivated(
        ServiceItemCode serviceItem,
        String reason,
        Actor actor,
        Instant occurredAt,
        Instant recordedAt) implements ReferenceEvent {
}
