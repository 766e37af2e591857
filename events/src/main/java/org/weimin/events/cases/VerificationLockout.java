package org.weimin.events.cases;

import java.util.function.Supplier;
import org.weimin.events.ErrorCode;
import org.weimin.events.RetryLaterException;

/**
 * Port: the lock on a case's verification code after repeated wrong codes (issue 7 "Public endpoints"; rules.md
 * "Identifiers" → "Verification code"). Every check of a code given by the public goes through
 * {@link #attempt(TrackingNumber, Supplier)}: the code-protected details and the evaluation.
 *
 * <p>The lock is not part of the case's record (no events; aggregates never read the clock): the implementation keeps
 * it beside the API, with the application's clock.
 */
public interface VerificationLockout {

    /**
     * Runs {@code check} (which compares a verification code for the case {@code trackingNumber}, e.g. by sending the
     * evaluation) unless the case is locked. A {@code check} that throws a {@link org.weimin.events.DomainException}
     * with {@link ErrorCode#WRONG_VERIFICATION_CODE} (itself or as a cause) counts as a wrong code; one that returns
     * clears the count. Other failures count as nothing.
     *
     * @return what {@code check} returned
     * @throws RetryLaterException {@link ErrorCode#VERIFICATION_LOCKED} while the case is locked ({@code check} is not
     *                             run, so even the right code is refused)
     */
    <T> T attempt(TrackingNumber trackingNumber, Supplier<T> check);
}
