package org.weimin.ops.publicapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.weimin.events.DomainException;
import org.weimin.events.ErrorCode;
import org.weimin.events.RetryLaterException;
import org.weimin.events.cases.TrackingNumber;

/** The lock after repeated wrong verification codes, on a clock the test moves. */
class CaseVerificationLockoutTest {
    private static final TrackingNumber CASE = TrackingNumber.fromRandomBits(42);
    private static final TrackingNumber OTHER_CASE = TrackingNumber.fromRandomBits(43);

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-02T02:00:00Z"));
    private final CaseVerificationLockout lockout = new CaseVerificationLockout(new PublicEndpointSettings(null,
            new PublicEndpointSettings.Lockout(5, Duration.ofMinutes(15), Duration.ofMinutes(15), 1000)), clock);
    private final AtomicInteger checks = new AtomicInteger();

    private void wrongCode(TrackingNumber tn) {
        assertThatThrownBy(() -> lockout.attempt(tn, () -> {
            checks.incrementAndGet();
            throw new DomainException(ErrorCode.WRONG_VERIFICATION_CODE, "wrong");
        })).isInstanceOf(DomainException.class)
                .extracting(e -> ((DomainException) e).code()).isEqualTo(ErrorCode.WRONG_VERIFICATION_CODE);
    }

    private String rightCode(TrackingNumber tn) {
        return lockout.attempt(tn, () -> {
            checks.incrementAndGet();
            return "ok";
        });
    }

    private RetryLaterException locked(TrackingNumber tn) {
        int before = checks.get();
        RetryLaterException e = (RetryLaterException) org.assertj.core.api.Assertions.catchThrowable(
                () -> rightCode(tn));
        assertThat(e).as("locked").isNotNull();
        assertThat(e.code()).isEqualTo(ErrorCode.VERIFICATION_LOCKED);
        assertThat(checks.get()).as("a locked case's code is not even compared").isEqualTo(before);
        return e;
    }

    @Test
    void fiveWrongCodesWithinTheWindowLockTheCaseForFifteenMinutesEvenForTheRightCode() {
        for (int i = 0; i < 4; i++) {
            wrongCode(CASE);
            clock.advance(Duration.ofMinutes(2));
        }
        wrongCode(CASE); // the fifth, 8 minutes after the first
        RetryLaterException e = locked(CASE);
        assertThat(e.retryAfter()).isEqualTo(Duration.ofMinutes(15));
        assertThat(e.retryAfterSeconds()).isEqualTo(900);

        clock.advance(Duration.ofMinutes(14).plusSeconds(59).plusMillis(500));
        assertThat(locked(CASE).retryAfterSeconds()).as("half a second left rounds up").isEqualTo(1);

        clock.advance(Duration.ofMillis(500));
        assertThat(rightCode(CASE)).as("the lock ends after 15 minutes").isEqualTo("ok");
    }

    @Test
    void theLockIsPerCase() {
        for (int i = 0; i < 5; i++) {
            wrongCode(CASE);
        }
        locked(CASE);
        assertThat(rightCode(OTHER_CASE)).isEqualTo("ok");
    }

    @Test
    void wrongCodesOutsideTheSlidingWindowDoNotCount() {
        for (int i = 0; i < 4; i++) {
            wrongCode(CASE);
        }
        clock.advance(Duration.ofMinutes(15));
        wrongCode(CASE); // the first four are 15 minutes old: out of the window
        assertThat(rightCode(CASE)).isEqualTo("ok");
    }

    @Test
    void theRightCodeClearsTheCount() {
        for (int i = 0; i < 4; i++) {
            wrongCode(CASE);
        }
        rightCode(CASE);
        for (int i = 0; i < 4; i++) {
            wrongCode(CASE);
        }
        assertThat(rightCode(CASE)).as("4 + 4 wrong codes with a right one between: not locked").isEqualTo("ok");
    }

    @Test
    void otherFailuresAreNotWrongCodesAndAWrongCodeWrappedByTheCommandBusCounts() {
        for (int i = 0; i < 10; i++) {
            assertThatThrownBy(() -> lockout.attempt(CASE, () -> {
                throw new DomainException(ErrorCode.ALREADY_EVALUATED, "once");
            })).isInstanceOf(DomainException.class);
        }
        assertThat(rightCode(CASE)).isEqualTo("ok");
        for (int i = 0; i < 5; i++) {
            assertThatThrownBy(() -> lockout.attempt(CASE, () -> {
                throw new IllegalStateException("command failed",
                        new DomainException(ErrorCode.WRONG_VERIFICATION_CODE, "wrong"));
            })).isInstanceOf(IllegalStateException.class);
        }
        locked(CASE);
    }
}
