package org.weimin.ops.publicapi;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the public endpoints ({@code /api/public/**}, issue 7 "Public endpoints"), under {@code weimin.public}.
 * Unset values take the defaults below; the {@code loadtest} profile ({@code application-loadtest.yml}) raises the
 * rate limits for load tests and fuzzing.
 *
 * @param rateLimit          per client address (see {@link PublicRateLimitFilter})
 * @param verificationLockout per case, after wrong verification codes (see {@link CaseVerificationLockout})
 */
@ConfigurationProperties(prefix = "weimin.public")
public record PublicEndpointSettings(RateLimit rateLimit, Lockout verificationLockout) {
    public PublicEndpointSettings {
        rateLimit = rateLimit == null ? new RateLimit(null, null, null, null) : rateLimit;
        verificationLockout = verificationLockout == null ? new Lockout(null, null, null, null) : verificationLockout;
    }

    /**
     * Token buckets per client address ({@code request.getRemoteAddr()}).
     *
     * @param enabled      false turns the filter off (default true)
     * @param maxClients   addresses whose buckets are kept at most (default 100,000; the least used are dropped first,
     *                     and a dropped address starts again with a full bucket)
     * @param requests     every request to {@code /api/public/**} (default 60, refilled 60 per minute)
     * @param codeAttempts additionally, requests that carry a verification code: details and evaluation (default 10,
     *                     refilled 10 per 10 minutes)
     */
    public record RateLimit(Boolean enabled, Integer maxClients, Limit requests, Limit codeAttempts) {
        public RateLimit {
            enabled = enabled == null || enabled;
            maxClients = maxClients == null ? 100_000 : maxClients;
            requests = requests == null ? new Limit(60, 60, Duration.ofMinutes(1)) : requests;
            codeAttempts = codeAttempts == null ? new Limit(10, 10, Duration.ofMinutes(10)) : codeAttempts;
            if (maxClients < 1) {
                throw new IllegalArgumentException("weimin.public.rate-limit.max-clients must be at least 1");
            }
        }
    }

    /**
     * One token bucket: up to {@code capacity} requests at once, refilled gradually by {@code refillTokens} per
     * {@code refillPeriod}.
     */
    public record Limit(long capacity, long refillTokens, Duration refillPeriod) {
        public Limit {
            if (capacity < 1 || refillTokens < 1 || refillPeriod == null || refillPeriod.isNegative()
                    || refillPeriod.isZero()) {
                throw new IllegalArgumentException(
                        "a rate limit needs capacity >= 1, refill-tokens >= 1 and a positive refill-period");
            }
        }

        /** How long an unused bucket takes to fill up from empty: after that it equals a fresh one. */
        Duration timeToFill() {
            long periods = (capacity + refillTokens - 1) / refillTokens;
            return refillPeriod.multipliedBy(periods);
        }
    }

    /**
     * The lock on a case after wrong verification codes.
     *
     * @param maxWrongCodes wrong codes within {@code window} that lock the case (default 5)
     * @param window        the sliding window the wrong codes are counted in (default 15 minutes)
     * @param lock          how long the case stays locked (default 15 minutes)
     * @param maxCases      cases whose wrong codes are remembered at most (default 100,000)
     */
    public record Lockout(Integer maxWrongCodes, Duration window, Duration lock, Integer maxCases) {
        public Lockout {
            maxWrongCodes = maxWrongCodes == null ? 5 : maxWrongCodes;
            window = window == null ? Duration.ofMinutes(15) : window;
            lock = lock == null ? Duration.ofMinutes(15) : lock;
            maxCases = maxCases == null ? 100_000 : maxCases;
            if (maxWrongCodes < 1 || window.isNegative() || window.isZero() || lock.isNegative() || lock.isZero()
                    || maxCases < 1) {
                throw new IllegalArgumentException("weimin.public.verification-lockout needs max-wrong-codes >= 1, "
                        + "a positive window and lock, and max-cases >= 1");
            }
        }
    }
}
