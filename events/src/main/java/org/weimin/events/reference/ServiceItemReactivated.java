package org.weimin.events.reference;

import org.weimin.events.ServiceItemCode;
import java.time.Instant;
import org.axonframework.serialization.Revision;
import org.weimin.events.Actor;

/** A withdrawn service item takes cases again. */
@Revision("1")
public record ServiceItemReactivated(
        ServiceItemCode serviceItem,
        Actor actor,
        Instant occurredAt,
        Instant recordedAt) implements ReferenceEvent {
}
