package org.weimin.events;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * A rejection that the same request may overcome after a stated time (a lock on a case's verification, a rate limit):
 * the API answers with the code's status and a {@code Retry-After} header of {@link #retryAfterSeconds()}.
 */
public class RetryLaterException extends DomainException {
    private final Duration retryAfter;

    /**
     * @param retryAfter how long until retrying may succeed; not negative
     * @throws IllegalArgumentException when {@code retryAfter} is negative
     */
    public RetryLaterException(ErrorCode code, String message, Duration retryAfter) {
        super(code, message, Map.of());
        if (Objects.requireNonNull(retryAfter).isNegative()) {
            throw new IllegalArgumentException("retryAfter must not be negative: " + retryAfter);
        }
        this.retryAfter = retryAfter;
    }

    /** How long until retrying may succeed. */
    public Duration retryAfter() {
        return retryAfter;
    }

    /** Whole seconds for {@code Retry-After} (RFC 9110 §10.2.3): the wait rounded up, at least 1. */
    public long retryAfterSeconds() {
        return seconds(retryAfter);
    }

    /** A wait as whole seconds for {@code Retry-After}: rounded up, at least 1. */
    public static long seconds(Duration wait) {
        long seconds = wait.getSeconds() + (wait.getNano() > 0 ? 1 : 0);
        return Math.max(1, seconds);
    }
}
