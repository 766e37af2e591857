package org.weimin.events.cases;

import java.time.Instant;
import org.axonframework.serialization.Revision;
import org.weimin.events.Actor;
import org.weimin.events.CaseId;
import org.weimin.events.UnitId;

/**
 * A step of a rectification: VERIFIED (the complaint was checked), RECTIFIED (the fault was fixed), REPLIED (the
 * applicant was answered; the applicant may now grade once more). Steps come in this order.
 */
@Revision("1")
public record RectificationProgressed(
        CaseId caseId,
        int completion,
        String step,
        String text,
        UnitId unit,
        Actor actor,
        Instant occurredAt,
        Instant recordedAt) implements CaseEvent {
}
