package org.weimin.events.cases;

import java.time.Instant;
import org.axonframework.serialization.Revision;
import org.weimin.events.Actor;
import org.weimin.events.CaseId;
import org.weimin.events.UnitId;

/**
 * A staff member saw the applicant's personal data unmasked (rules.md "Personal data": each such view recorded; issue
 * 7: who, when, which case, why). Recorded before the data is handed out, in the same transaction that checked the
 * viewer against the case's current holder. It never holds the values that were seen.
 *
 * @param viewerUnit the viewer's org unit
 * @param access     the ground the view was allowed on
 * @param holder     the unit holding the case at the time of the view
 * @param reason     the viewer's stated reason: staff text, checked to contain no personal data (no ID or phone
 *                   numbers, none of the applicant's values), so it stays readable after an erasure
 */
@Revision("1")
public record PersonalDataViewed(
        CaseId caseId,
        UnitId viewerUnit,
        PersonalDataAccess access,
        UnitId holder,
        String reason,
        Actor actor,
        Instant occurredAt,
        Instant recordedAt) implements CaseEvent {
}
