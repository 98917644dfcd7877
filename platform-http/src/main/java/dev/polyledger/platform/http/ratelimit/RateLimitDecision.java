package dev.polyledger.platform.http.ratelimit;

/**
 * The answer of {@link RateLimiter#tryAcquire} for one request. Times are in whole seconds, rounded up, so a client
 * that waits that long is never refused again for the same reason.
 */
public sealed interface RateLimitDecision {

    /**
     * The request took a token and may proceed.
     *
     * @param remaining    tokens (requests) left in the bucket after this one, at least 0
     * @param resetSeconds seconds until the bucket is full again (0 when it already is)
     */
    record Allowed(long remaining, long resetSeconds) implements RateLimitDecision {
        public Allowed {
            if (remaining < 0 || resetSeconds < 0) {
                throw new IllegalArgumentException("remaining and resetSeconds must be >= 0");
            }
        }
    }

    /**
     * The bucket is empty: answer {@code 429 RATE_LIMITED} with {@code Retry-After: retryAfterSeconds}.
     *
     * @param retryAfterSeconds seconds until one token is back (at least 1), the {@code Retry-After} value (RFC 9110 §10.2.3)
     * @param resetSeconds      seconds until the bucket is full again
     */
    record Limited(long retryAfterSeconds, long resetSeconds) implements RateLimitDecision {
        public Limited {
            if (retryAfterSeconds < 1 || resetSeconds < 0) {
                throw new IllegalArgumentException("retryAfterSeconds must be >= 1 and resetSeconds >= 0");
            }
        }
    }

    /**
     * The limit was not checked and the request is admitted: Redis was unreachable or slower than the timeout
     * (rate limiting fails open, because it protects capacity, not money; counted in
     * {@code platform.ratelimit.unchecked} and shown as {@code fail-open} by the {@code ratelimit} health component),
     * or limiting is switched off ({@code platform.ratelimit.enabled: false} or no Redis configured; not counted).
     */
    record Unchecked() implements RateLimitDecision {
    }
}
