package org.weimin.events.cases;

import java.time.Instant;
import org.axonframework.serialization.Revision;
import org.weimin.events.Actor;
import org.weimin.events.CaseId;
import org.weimin.events.UnitId;

/**
 * A case was completed (办结) with a result. The result text is written by staff for the applicant (for a refusal it
 * states the reasons) and is shown to the applicant with the verification code.
 *
 * @param completion     1 for the first completion; a reopened case's next completion counts on
 * @param completingUnit the unit that completed it (the holder at the time)
 * @param onTime         completed at or before the deadline in force (rules.md "Deadlines and calendar")
 */
@Revision("1")
public record CaseCompleted(
        CaseId caseId,
        int completion,
        ResultType result,
        String resultText,
        UnitId completingUnit,
        boolean onTime,
        Actor actor,
        Instant occurredAt,
        Instant recordedAt) implements CaseEvent {
}
