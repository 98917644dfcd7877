package dev.polyledger.platform.http.ratelimit;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Duration;

/**
 * Settings of per-key rate limiting, under {@code platform.ratelimit}. The Redis server is the one of
 * {@code redis.uri} (micronaut-redis-lettuce). Each key's rate and burst are not set here: they belong to the key
 * (the caller passes a {@link RateLimitPolicy}; the platform default is {@link RateLimitPolicy#DEFAULT}).
 *
 * @param enabled          {@code false} turns limiting off: every request is {@link RateLimitDecision.Unchecked} and
 *                         Redis is never asked (for benchmarks and services without Redis); default {@code true}
 * @param timeout          how long a request waits for Redis before it is admitted unchecked (fail open); more than
 *                         zero and at most 1 s, default 200 ms
 * @param keyPrefix        prefix of every Redis key this limiter writes, default {@code polyledger:ratelimit:};
 *                         tests use a prefix of their own so that a running cluster's buckets are never touched
 * @param reconnectEvery   while no connection to Redis could be opened, how often a new one is tried (in the
 *                         background, never on a request's thread); default 2 s
 * @param pauseAfterFailure after a check failed on an open connection (timeout, error), how long requests skip Redis
 *                         and are admitted unchecked at once, so that a hung Redis costs one request the timeout,
 *                         not every request; default 1 s
 */
@ConfigurationProperties("platform.ratelimit")
public record RateLimitConfiguration(
        @Bindable(defaultValue = "true") boolean enabled,
        @Bindable(defaultValue = "200ms") @NotNull Duration timeout,
        @Bindable(defaultValue = "polyledger:ratelimit:") @NotBlank @Size(max = 100) String keyPrefix,
        @Bindable(defaultValue = "2s") @NotNull Duration reconnectEvery,
        @Bindable(defaultValue = "1s") @NotNull Duration pauseAfterFailure) {

    /** Upper bound of {@link #timeout()}: a limit check must never cost a request more than this. */
    public static final Duration MAX_TIMEOUT = Duration.ofSeconds(1);

    /**
     * @throws IllegalArgumentException when the timeout is not in (0, 1 s] the reconnect interval is not positive or the
     *                                  pause is negative
     */
    public RateLimitConfiguration {
        if (timeout != null && (timeout.isNegative() || timeout.isZero() || timeout.compareTo(MAX_TIMEOUT) > 0)) {
            throw new IllegalArgumentException("platform.ratelimit.timeout must be > 0 and <= 1s, was " + timeout);
        }
        if (reconnectEvery != null && (reconnectEvery.isNegative() || reconnectEvery.isZero())) {
            throw new IllegalArgumentException("platform.ratelimit.reconnect-every must be > 0, was " + reconnectEvery);
        }
        if (pauseAfterFailure != null && pauseAfterFailure.isNegative()) {
            throw new IllegalArgumentException("platform.ratelimit.pause-after-failure must be >= 0, was "
                    + pauseAfterFailure);
        }
    }
}
