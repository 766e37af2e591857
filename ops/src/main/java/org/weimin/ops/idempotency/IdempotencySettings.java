package org.weimin.ops.idempotency;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of idempotent commands (issue 8, README "Idempotent retries"), under {@code weimin.idempotency}.
 *
 * @param enabled         false ignores the {@code Idempotency-Key} header altogether (default true)
 * @param ttl             how long a key and its stored reply are kept (default 24 h); after that the key is new again
 * @param inFlightTimeout how long a first request may run before a retry with its key takes over and executes it
 *                        again (default 2 min): longer than the slowest command (an import batch), short enough that a
 *                        crash between the command's commit and the stored reply does not block the key for long
 * @param purgeInterval   how often expired keys are deleted (default 1 h); expired keys are ignored before that anyway
 */
@ConfigurationProperties(prefix = "weimin.idempotency")
public record IdempotencySettings(Boolean enabled, Duration ttl, Duration inFlightTimeout, Duration purgeInterval) {
    public IdempotencySettings {
        enabled = enabled == null || enabled;
        ttl = ttl == null ? Duration.ofHours(24) : ttl;
        inFlightTimeout = inFlightTimeout == null ? Duration.ofMinutes(2) : inFlightTimeout;
        purgeInterval = purgeInterval == null ? Duration.ofHours(1) : purgeInterval;
        if (!positive(ttl) || !positive(inFlightTimeout) || !positive(purgeInterval)) {
            throw new IllegalArgumentException(
                    "weimin.idempotency.ttl, in-flight-timeout and purge-interval must be positive durations");
        }
    }

    private static boolean positive(Duration d) {
        return !d.isNegative() && !d.isZero();
    }
}
