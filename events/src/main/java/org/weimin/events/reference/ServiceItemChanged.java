package org.weimin.events.reference;

import java.util.List;
import org.weimin.events.ServiceItemCode;
import org.weimin.events.UnitId;
import org.weimin.events.catalogue.Material;
import java.time.Instant;
import org.axonframework.serialization.Revision;
import org.weimin.events.Actor;

/**
 * An administrator changed a service item: the event carries its name, department, limit and materials after the
 * change. Cases already received keep the limit and deadline they were given (their own events carry them); new
 * receipts use the new values.
 */
@Revision("1")
public record ServiceItemChanged(
        ServiceItemCode serviceItem,
        String name,
        UnitId department,
        int limitWorkingDays,
        List<Material> materials,
        Actor actor,
        Instant occurredAt,
        Instant recordedAt) implements ReferenceEvent {
}
