package org.weimin.events.cases;

import java.time.Instant;
import org.axonframework.serialization.Revision;
import org.weimin.events.Actor;
import org.weimin.events.CaseId;
import org.weimin.events.StaffId;
import org.weimin.events.UnitId;

/**
 * A supervisor recorded an accountability finding (问责) on the case against a unit or a staff member, with the
 * reason.
 *
 * @param againstUnit  the unit held to account (with or without a staff member)
 * @param againstStaff the staff member held to account, or null
 */
@Revision("1")
public record AccountabilityFindingRecorded(
        CaseId caseId,
        int findingNumber,
        UnitId againstUnit,
        StaffId againstStaff,
        String reason,
        Actor actor,
        Instant occurredAt,
        Instant recordedAt) implements CaseEvent {
}
