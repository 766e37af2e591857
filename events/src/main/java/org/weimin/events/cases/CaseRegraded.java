package org.weimin.events.cases;

import java.time.Instant;
import org.axonframework.serialization.Revision;
import org.weimin.events.Actor;
import org.weimin.events.CaseId;
import org.weimin.events.privacy.Sealed;

/**
 * After a rectification was replied, the applicant graded the completion once more; figures use the latest grade and
 * report rectified cases separately (rules.md).
 *
 * @param comment the applicant's own words, sealed; null for none
 */
@Revision("1")
public record CaseRegraded(
        CaseId caseId,
        int completion,
        Grade previousGrade,
        Grade grade,
        Sealed comment,
        Actor actor,
        Instant occurredAt,
        Instant recordedAt) implements CaseEvent {
}
