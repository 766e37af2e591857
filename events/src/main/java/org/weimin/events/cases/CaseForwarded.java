package org.weimin.events.cases;

import java.time.Instant;
import org.axonframework.serialization.Revision;
import org.weimin.events.Actor;
import org.weimin.events.CaseId;
import org.weimin.events.UnitId;

/**
 * The case was forwarded (转办) to another unit, with a reason: it now awaits acceptance by the target, which becomes
 * the holder at once (rules.md "Custody"). The target may return it until {@code returnWindowClosesAt}.
 *
 * @param returnWindowClosesAt end of the return window: the forward day plus the target unit type's return window in
 *                             working days (default 1), at 24:00 Asia/Shanghai
 */
@Revision("1")
public record CaseForwarded(
        CaseId caseId,
        UnitId fromUnit,
        UnitId toUnit,
        String reason,
        Instant returnWindowClosesAt,
        Actor actor,
        Instant occurredAt,
        Instant recordedAt) implements CaseEvent {
}
