package org.weimin.events.cases;

import java.time.Instant;
import org.axonframework.serialization.Revision;
import org.weimin.events.Actor;
import org.weimin.events.CaseId;
import org.weimin.events.UnitId;
import org.weimin.events.calendar.Deadline;

/**
 * A supervisor of the holder's unit or above approved an extension: the working days are added to the deadline in
 * force (rules.md "Deadlines and calendar"); while paused they are added to the remaining budget instead.
 *
 * @param deadline the deadline in force from now on (null while paused)
 * @param remainingWorkingDays while paused, the new remaining budget; else null
 */
@Revision("1")
public record ExtensionApproved(
        CaseId caseId,
        int requestNumber,
        UnitId holder,
        int workingDays,
        Deadline deadline,
        Integer remainingWorkingDays,
        Actor actor,
        Instant occurredAt,
        Instant recordedAt) implements CaseEvent {
}
