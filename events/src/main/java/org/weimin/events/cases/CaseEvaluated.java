package org.weimin.events.cases;

import java.time.Instant;
import org.axonframework.serialization.Revision;
import org.weimin.events.Actor;
import org.weimin.events.CaseId;
import org.weimin.events.privacy.Sealed;

/**
 * The applicant evaluated (评价) a completion on the five-grade scale. One evaluation per completion.
 *
 * @param completion the completion being evaluated
 * @param comment    the applicant's own words, sealed under the applicant's data key; null when none was given
 */
@Revision("1")
public record CaseEvaluated(
        CaseId caseId,
        int completion,
        Grade grade,
        Sealed comment,
        Actor actor,
        Instant occurredAt,
        Instant recordedAt) implements CaseEvent {
}
