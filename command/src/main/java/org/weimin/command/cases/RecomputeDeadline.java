package org.weimin.command.cases;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.weimin.events.CaseId;

/** System command: recount the case's deadline in force with the current calendar after a calendar revision. */
public record RecomputeDeadline(@TargetAggregateIdentifier CaseId caseId, String calendarRevision,
                                Instant recordedAt) {
}
