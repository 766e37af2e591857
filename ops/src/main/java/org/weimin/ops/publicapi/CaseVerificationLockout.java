package org.weimin.ops.publicapi;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;
import org.weimin.events.DomainException;
import org.weimin.events.ErrorCode;
import org.weimin.events.RetryLaterException;
import org.weimin.events.cases.TrackingNumber;
import org.weimin.events.cases.VerificationLockout;

/**
 * The verification lockout in memory (issue 7: "Repeated wrong codes for one case lock evaluation for a while"): after
 * {@code max-wrong-codes} wrong codes for one case within {@code window}, the case's details and evaluation answer 429
 * {@code VERIFICATION_LOCKED} with {@code Retry-After} for {@code lock}, even for the right code; a right code before
 * that clears the count. Time comes from the application {@link Clock}.
 *
 * <p>Why not events: a wrong guess is not a fact of the case's record (rules.md names none), and recording it would let
 * anyone who knows a tracking number append to the evidence without bound; aggregates never read the clock, and a lock
 * is nothing but clock arithmetic. The cost, stated in the README: the state is per node and a restart forgets it
 * (an attacker gains at most {@code max-wrong-codes} more guesses at a 40-bit code per restart).
 *
 * <p>Memory is bounded: only cases that exist get entries (a wrong code needs the case to be found first), at most
 * {@code max-cases} of them, each dropped once its window and lock have passed. Concurrent attempts for one case may
 * pass the limit by the number in flight when it is reached.
 */
@Component
public class CaseVerificationLockout implements VerificationLockout {
    private final Clock clock;
    private final PublicEndpointSettings.Lockout settings;
    private final Cache<TrackingNumber, Attempts> cases;

    /** Wrong codes within the window (oldest first), and the end of a lock in force (or null). */
    private record Attempts(List<Instant> wrong, Instant lockedUntil) {
    }

    public CaseVerificationLockout(PublicEndpointSettings settings, Clock clock) {
        this.clock = clock;
        this.settings = settings.verificationLockout();
        this.cases = Caffeine.newBuilder().maximumSize(this.settings.maxCases())
                .expireAfterWrite(this.settings.window().plus(this.settings.lock()))
                .ticker(PublicApiConfiguration.ticker(clock)).build();
    }

    /**
     * {@inheritDoc}
     *
     * @throws RetryLaterException {@code VERIFICATION_LOCKED} (429) with the time left of the lock
     */
    @Override
    public <T> T attempt(TrackingNumber trackingNumber, Supplier<T> check) {
        Instant now = clock.instant();
        Attempts attempts = cases.getIfPresent(trackingNumber);
        if (attempts != null && attempts.lockedUntil() != null && now.isBefore(attempts.lockedUntil())) {
            throw locked(Duration.between(now, attempts.lockedUntil()));
        }
        T result;
        try {
            result = check.get();
        } catch (RuntimeException e) {
            if (isWrongCode(e)) {
                recordWrongCode(trackingNumber, now);
            }
            throw e;
        }
        cases.invalidate(trackingNumber);
        return result;
    }

    private void recordWrongCode(TrackingNumber trackingNumber, Instant now) {
        Instant since = now.minus(settings.window());
        cases.asMap().compute(trackingNumber, (key, old) -> {
            if (old != null && old.lockedUntil() != null && now.isBefore(old.lockedUntil())) {
                return old; // locked meanwhile by a concurrent attempt
            }
            List<Instant> wrong = new ArrayList<>();
            if (old != null) {
                old.wrong().stream().filter(t -> t.isAfter(since)).forEach(wrong::add);
            }
            wrong.add(now);
            if (wrong.size() >= settings.maxWrongCodes()) {
                return new Attempts(List.of(), now.plus(settings.lock()));
            }
            return new Attempts(List.copyOf(wrong), null);
        });
    }

    private static boolean isWrongCode(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof DomainException domain && domain.code() == ErrorCode.WRONG_VERIFICATION_CODE) {
                return true;
            }
        }
        return false;
    }

    private static RetryLaterException locked(Duration left) {
        return new RetryLaterException(ErrorCode.VERIFICATION_LOCKED,
                "Too many wrong verification codes were given for this case. Its details and evaluation are locked "
                        + "for " + RetryLaterException.seconds(left) + " more seconds; then try again with the code "
                        + "printed on the receipt.", left);
    }
}
