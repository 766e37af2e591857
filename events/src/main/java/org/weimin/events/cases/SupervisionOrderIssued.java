package org.weimin.events.cases;

import java.time.Instant;
import org.axonframework.serialization.Revision;
import org.weimin.events.Actor;
import org.weimin.events.CaseId;
import org.weimin.events.UnitId;

/**
 * A supervisor issued a supervision order (督办) on the case to its holder, with a text and a due time by which the
 * holder must respond; an unanswered order becomes overdue like a case.
 *
 * @param dueAt 24:00 Asia/Shanghai of the due date
 */
@Revision("1")
public record SupervisionOrderIssued(
        CaseId caseId,
        int orderNumber,
        String text,
        Instant dueAt,
        UnitId toUnit,
        Actor actor,
        Instant occurredAt,
        Instant recordedAt) implements CaseEvent {
}
