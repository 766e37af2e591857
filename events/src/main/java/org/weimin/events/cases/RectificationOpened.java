package org.weimin.events.cases;

import java.time.Instant;
import org.axonframework.serialization.Revision;
import org.weimin.events.Actor;
import org.weimin.events.CaseId;
import org.weimin.events.UnitId;
import org.weimin.events.calendar.Deadline;

/**
 * A bad grade (不满意, 非常不满意) opened a rectification (整改) of the completion, owed by the completing unit within its
 * own limit (default 5 working days): verify, rectify, reply; then the applicant may grade once more (rules.md
 * "Completion, evaluation, rectification, reopening"). A system event following the evaluation.
 */
@Revision("1")
public record RectificationOpened(
        CaseId caseId,
        int completion,
        Grade grade,
        UnitId responsibleUnit,
        int limitWorkingDays,
        Deadline deadline,
        Actor actor,
        Instant occurredAt,
        Instant recordedAt) implements CaseEvent {
}
