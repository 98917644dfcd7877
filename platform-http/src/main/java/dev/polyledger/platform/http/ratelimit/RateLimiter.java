package dev.polyledger.platform.http.ratelimit;

/**
 * Takes one token from a bucket shared by every node of the platform (issue 9, item 4: a token bucket per API key,
 * over the limit {@code 429 RATE_LIMITED} with {@code Retry-After}; Redis down: admit). The bean is the Redis token
 * bucket when {@code redis.uri} is configured and {@code platform.ratelimit.enabled} is not {@code false}, else a
 * limiter that admits everything unchecked. Thread-safe; blocks the calling thread for at most the configured
 * timeout, so call it from a blocking executor, not the event loop.
 */
public interface RateLimiter {

    /**
     * Takes one token from {@code bucketId}'s bucket, creating it full when it does not exist yet.
     * Never throws for an infrastructure failure and never blocks longer than the configured timeout
     * ({@code platform.ratelimit.timeout}, 200 ms by default): the answer is then {@link RateLimitDecision.Unchecked}.
     *
     * @param bucketId whose bucket: the API key id (not the key itself, which must never reach Redis or logs)
     * @param policy   refill rate and capacity of this bucket; a bucket keeps its tokens when its policy changes
     * @return {@link RateLimitDecision.Allowed}, {@link RateLimitDecision.Limited} or {@link RateLimitDecision.Unchecked}
     * @throws NullPointerException when {@code bucketId} or {@code policy} is null (a caller's bug, not Redis's)
     */
    RateLimitDecision tryAcquire(String bucketId, RateLimitPolicy policy);
}
