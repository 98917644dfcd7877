package dev.polyledger.platform.http.ratelimit;

/**
 * How fast one bucket (one API key) may send requests: a token bucket that holds at most {@code burst} tokens and
 * gains {@code perSecond} tokens per second; each request takes one token. The platform default is 500 per second
 * with a burst of 1,000 (issue 9, item 4: "default 500/s burst 1000, settable per key").
 *
 * @param perSecond refill rate in requests (tokens) per second; greater than zero
 * @param burst     bucket capacity in requests (tokens): how many may arrive at once after a quiet spell; greater than zero
 * @throws IllegalArgumentException when either value is zero or negative
 */
public record RateLimitPolicy(int perSecond, int burst) {

    /** The platform default: 500 requests per second, burst of 1,000. */
    public static final RateLimitPolicy DEFAULT = new RateLimitPolicy(500, 1000);

    public RateLimitPolicy {
        if (perSecond <= 0) {
            throw new IllegalArgumentException("perSecond must be > 0, was " + perSecond);
        }
        if (burst <= 0) {
            throw new IllegalArgumentException("burst must be > 0, was " + burst);
        }
    }

    /**
     * The window, in whole seconds, that the {@code RateLimit-Policy} header advertises: the time an empty bucket
     * takes to refill to {@link #burst()}, rounded up, at least 1. The quota {@code q=burst} per {@code w=window}
     * is then never stricter than the bucket really is.
     */
    public long windowSeconds() {
        return Math.max(1, ceilDiv(burst, perSecond));
    }

    private static long ceilDiv(long a, long b) {
        return (a + b - 1) / b;
    }
}
