package org.weimin.events.cases;

import java.time.Instant;
import org.axonframework.serialization.Revision;
import org.weimin.events.Actor;
import org.weimin.events.CaseId;
import org.weimin.events.UnitId;

/**
 * Warning (预警, yellow): the case reached 00:00 Asia/Shanghai of the last counted working day of its deadline while
 * still open and not paused (rules.md "Deadlines and calendar"). Names the holder at that moment. A system event.
 *
 * @param dueAt the deadline the warning is about
 */
@Revision("1")
public record CaseWarned(
        CaseId caseId,
        Instant dueAt,
        UnitId holder,
        Actor actor,
        Instant occurredAt,
        Instant recordedAt) implements CaseEvent {
}
