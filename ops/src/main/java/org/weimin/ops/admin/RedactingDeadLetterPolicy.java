package org.weimin.ops.admin;

import com.mongodb.MongoSocketException;
import com.mongodb.MongoTimeoutException;
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
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;

/**
 * Dead-letter policy of the read-model groups: a failure parks the event (and so, through the per-case sequencing,
 * the case's later events), with a {@link FailureSummary} as its cause instead of the exception, so that the table
 * {@code DeadLetterEntry} never holds an exception message (it may echo opened personal data).
 *
 * <p>Except an unreachable store ({@link #isTransient}): that is no fault of one case, and parking every case touched
 * during an outage would leave them all waiting for an administrator's retry. The failure is thrown on instead, so the
 * processor rolls the batch back, shows the error in its status and retries it with back-off until the store is back,
 * as it did before dead letters (nothing is skipped: its token does not advance).
 *
 * <p>Diagnostics kept with the letter: {@code attempts} (1 when first parked, +1 for each failed retry),
 * {@code throwSite} and {@code causeChain} (see {@link FailureSummary}).
 */
public class RedactingDeadLetterPolicy implements EnqueuePolicy<EventMessage<?>> {
    private static final Logger log = LoggerFactory.getLogger(RedactingDeadLetterPolicy.class);

    @Override
    public EnqueueDecision<EventMessage<?>> decide(DeadLetter<? extends EventMessage<?>> letter, Throwable cause) {
        FailureSummary summary = FailureSummary.of(cause);
        if (isTransient(cause) && cause instanceof RuntimeException unchecked) {
            log.warn("Not parking event {} ({}): a store is unreachable, the processor retries it: {}",
                    letter.message().getIdentifier(), letter.message().getPayloadType().getSimpleName(),
                    summary.message());
            throw unchecked;
        }
        long attempts = attempts(letter.diagnostics()) + 1;
        log.warn("Parking event {} ({}): {}", letter.message().getIdentifier(),
                letter.message().getPayloadType().getSimpleName(), summary.message());
        return Decisions.enqueue(new ThrowableCause(summary.type(), summary.message()),
                l -> MetaData.from(Map.of("attempts", attempts, "throwSite", summary.throwSite(),
                        "causeChain", String.join(" <- ", summary.causeChain()))));
    }

    /**
     * Whether the failure is a store that could not be reached or answered in time (Spring's
     * {@link TransientDataAccessException} and {@link DataAccessResourceFailureException}, the MongoDB driver's
     * socket and timeout exceptions, or Elasticsearch being unavailable, anywhere in the cause chain), rather than
     * something wrong with the event or the handler.
     */
    static boolean isTransient(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof TransientDataAccessException || t instanceof DataAccessResourceFailureException
                    || t instanceof MongoSocketException || t instanceof MongoTimeoutException
                    || t instanceof org.weimin.projections.search.SearchUnavailableException) {
                return true;
            }
        }
        return false;
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
