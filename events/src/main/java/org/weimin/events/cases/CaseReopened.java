package org.weimin.events.cases;

import java.time.Instant;
import org.axonframework.serialization.Revision;
import org.weimin.events.Actor;
import org.weimin.events.CaseId;
import org.weimin.events.UnitId;
import org.weimin.events.calendar.Deadline;

/**
 * A supervisor reopened (重办) a completed case, with a reason: it goes back to the unit that completed it with a fresh
 * commitment (the service item's limit counted from the reopen); the earlier completion stays on record and a new
 * evaluation is allowed after the next completion (rules.md "Completion, evaluation, rectification, reopening").
 *
 * @param round 2 for the first reopen (round 1 is the original handling)
 */
@Revision("1")
public record CaseReopened(
        CaseId caseId,
        int round,
        String reason,
        UnitId toUnit,
        int limitWorkingDays,
        Deadline deadline,
        Actor actor,
        Instant occurredAt,
        Instant recordedAt) implements CaseEvent {
}
