package org.weimin.events.reference;

import java.util.List;
import org.weimin.events.ServiceItemCode;
import org.weimin.events.UnitId;
import org.weimin.events.catalogue.Material;
import java.time.Instant;
import org.axonframework.serialization.Revision;
import org.weimin.events.Actor;

/**
 * An administrator added a service item (服务事项) to the catalogue, active from now on.
 *
 * @param limitWorkingDays the committed time limit in working days
 * @param materials        the required materials, in the order a notice lists them
 */
@Revision("1")
public record ServiceItemAdded(
        ServiceItemCode serviceItem,
        String name,
        UnitId department,
        int limitWorkingDays,
        List<Material> materials,
        Actor actor,
        Instant occurredAt,
        Instant recordedAt) implements ReferenceEvent {
}
