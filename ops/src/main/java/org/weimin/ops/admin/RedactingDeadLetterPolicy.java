package org.weimin.ops.admin;

import java.util.Map;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.Decisions;
import org.axonframework.messaging.deadletter.EnqueueDecision;
import org.axonframework.messaging.deadletter.EnqueuePolicy;
import org.axonframework.messaging.deadletter.ThrowableCause;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Dead-letter policy of the read-model groups: every failure parks the event (and so, through the per-case
 * sequencing, the case's later events), with a {@link FailureSummary} as its cause instead of the exception, so that
 * the table {@code DeadLetterEntry} never holds an exception message (it may echo opened personal data).
 *
 * <p>Diagnostics kept with the letter: {@code attempts} (1 when first parked, +1 for each failed retry),
 * {@code throwSite} and {@code causeChain} (see {@link FailureSummary}).
 */
public class RedactingDeadLetterPolicy implements EnqueuePolicy<EventMessage<?>> {
    private static final Logger log = LoggerFactory.getLogger(RedactingDeadLetterPolicy.class);

    @Override
    public EnqueueDecision<EventMessage<?>> decide(DeadLetter<? extends EventMessage<?>> letter, Throwable cause) {
        FailureSummary summary = FailureSummary.of(cause);
        long attempts = attempts(letter.diagnostics()) + 1;
        log.warn("Parking event {} ({}): {}", letter.message().getIdentifier(),
                letter.message().getPayloadType().getSimpleName(), summary.message());
        return Decisions.enqueue(new ThrowableCause(summary.type(), summary.message()),
                l -> MetaData.from(Map.of("attempts", attempts, "throwSite", summary.throwSite(),
                        "causeChain", String.join(" <- ", summary.causeChain()))));
    }

    private static long attempts(MetaData diagnostics) {
        Object value = diagnostics == null ? null : diagnostics.get("attempts");
        if (value instanceof Number number) {
            return number.longValue();
        }
        if (value != null) {
            try {
                return Long.parseLong(value.toString());
            } catch (NumberFormatException ignored) {
                return 0;
            }
        }
        return 0;
    }
}
