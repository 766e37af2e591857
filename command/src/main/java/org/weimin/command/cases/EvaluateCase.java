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
 * @param rectificationLimitWorkingDays the limit of the rectification a bad grade opens (configuration, default 5)
 */
public record EvaluateCase(
        @TargetAggregateIdentifier CaseId caseId,
        String verificationCodeHash,
        Grade grade,
        Sealed comment,
        int rectificationLimitWorkingDays,
        Actor actor,
        Instant occurredAt,
        Instant recordedAt) {
}
