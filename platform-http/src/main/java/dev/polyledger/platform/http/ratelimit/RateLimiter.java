package dev.polyledger.platform.http.ratelimit;

/**
 * Takes one token from a bucket shared by every node of the platform.
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
     */
    RateLimitDecision tryAcquire(String bucketId, RateLimitPolicy policy);
}
