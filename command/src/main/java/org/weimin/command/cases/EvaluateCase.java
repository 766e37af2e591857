package org.weimin.command.cases;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.weimin.events.Actor;
import org.weimin.events.CaseId;
import org.weimin.events.cases.Grade;
import org.weimin.events.privacy.Sealed;

/**
 * Evaluate (评价) the latest completion, by the applicant. {@code verificationCodeHash} is the keyed hash of the code
 * the applicant typed; the aggregate compares it with the one recorded at receipt.
 *
 * @param comment the applicant's comment, sealed; null for none
 */
public record EvaluateCase(
        @TargetAggregateIdentifier CaseId caseId,
        String verificationCodeHash,
        Grade grade,
        Sealed comment,
        Actor actor,
        Instant occurredAt,
        Instant recordedAt) {
}
