package dev.polyledger.platform.http.ratelimit;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Takes one token from a bucket shared by every node of the platform (issue 9, item 4: a token bucket per API key,
 * over the limit {@code 429 RATE_LIMITED} with {@code Retry-After}; Redis down: admit). The bean is the Redis token
 * bucket when {@code redis.uri} is configured and {@code platform.ratelimit.enabled} is not {@code false}, else a
 * limiter that admits everything unchecked. Thread-safe. {@link #acquire} never blocks (call it from the event loop);
 * {@link #tryAcquire} waits for its answer, at most the configured timeout.
 */
public interface RateLimiter {

    /**
     * Takes one token from {@code bucketId}'s bucket without blocking the calling thread: one Redis round trip whose
     * answer completes the stage (on the Redis client's I/O thread, or at once when Redis is not asked). The stage
     * never completes exceptionally for an infrastructure failure: it completes with
     * {@link RateLimitDecision.Unchecked} instead, at the latest after the configured timeout
     * ({@code platform.ratelimit.timeout}, 200 ms by default).
     *
     * @param bucketId whose bucket: the API key id (not the key itself, which must never reach Redis or logs)
     * @param policy   refill rate and capacity of this bucket; a bucket keeps its tokens when its policy changes
     * @return {@link RateLimitDecision.Allowed}, {@link RateLimitDecision.Limited} or {@link RateLimitDecision.Unchecked}
     * @throws NullPointerException when {@code bucketId} or {@code policy} is null (a caller's bug, not Redis's)
     */
    CompletionStage<RateLimitDecision> acquire(String bucketId, RateLimitPolicy policy);

    /**
     * {@link #acquire}, waiting for its answer: takes one token from {@code bucketId}'s bucket, creating it full when
     * it does not exist yet. Never throws for an infrastructure failure and never blocks longer than the configured timeout
     * ({@code platform.ratelimit.timeout}, 200 ms by default): the answer is then {@link RateLimitDecision.Unchecked}.
     *
     * @param bucketId whose bucket: the API key id (not the key itself, which must never reach Redis or logs)
     * @param policy   refill rate and capacity of this bucket; a bucket keeps its tokens when its policy changes
     * @return {@link RateLimitDecision.Allowed}, {@link RateLimitDecision.Limited} or {@link RateLimitDecision.Unchecked}
     * @throws NullPointerException when {@code bucketId} or {@code policy} is null (a caller's bug, not Redis's)
     */
    default RateLimitDecision tryAcquire(String bucketId, RateLimitPolicy policy) {
        CompletableFuture<RateLimitDecision> decision = acquire(bucketId, policy).toCompletableFuture();
        return decision.join();
    }
}
