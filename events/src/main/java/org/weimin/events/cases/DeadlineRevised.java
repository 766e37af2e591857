package org.weimin.events.cases;

import java.time.Instant;
import org.axonframework.serialization.Revision;
import org.weimin.events.Actor;
import org.weimin.events.CaseId;
import org.weimin.events.calendar.Deadline;

/**
 * A calendar revision moved or firmed up the case's deadline in force (old, new, the revision that did it): a
 * provisional deadline counted with the plain Monday–Friday rule is recounted once the year's schedule is loaded.
 */
@Revision("1")
public record DeadlineRevised(
        CaseId caseId,
        Deadline previous,
        Deadline deadline,
        String calendarRevision,
        Actor actor,
        Instant occurredAt,
        Instant recordedAt) implements CaseEvent {
}
