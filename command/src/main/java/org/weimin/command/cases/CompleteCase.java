package org.weimin.command.cases;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.weimin.events.Actor;
import org.weimin.events.CaseId;
import org.weimin.events.UnitId;
import org.weimin.events.cases.ResultType;

/**
 * Complete (办结) a case with a result. {@code actorUnit} is the acting staff member's unit, which must hold the case.
 */
public record CompleteCase(
        @TargetAggregateIdentifier CaseId caseId,
        ResultType result,
        String resultText,
        Actor actor,
        UnitId actorUnit,
        Instant occurredAt,
        Instant recordedAt) {
}
