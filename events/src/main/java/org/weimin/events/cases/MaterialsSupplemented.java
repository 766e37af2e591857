package org.weimin.events.cases;

import java.time.Instant;
import java.util.List;
import org.axonframework.serialization.Revision;
import org.weimin.events.Actor;
import org.weimin.events.CaseId;
import org.weimin.events.calendar.Deadline;

/**
 * The applicant supplied materials (补正); the clock resumes: counting restarts on the next working day and the new
 * deadline is the end of the remaining-th working day (rules.md examples A and B). When no budget was left the
 * deadline in force before the pause stays.
 *
 * @param items    what was supplied
 * @param deadline the deadline in force from now on
 */
@Revision("1")
public record MaterialsSupplemented(
        CaseId caseId,
        List<NoticeItem> items,
        int remainingWorkingDays,
        Deadline deadline,
        Actor actor,
        Instant occurredAt,
        Instant recordedAt) implements CaseEvent {
}
