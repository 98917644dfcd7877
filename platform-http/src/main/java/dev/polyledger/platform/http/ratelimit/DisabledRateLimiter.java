package dev.polyledger.platform.http.ratelimit;

import io.micronaut.context.annotation.Secondary;
import jakarta.inject.Singleton;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.slf4j.LoggerFactory;

/**
 * The limiter when rate limiting is off ({@code platform.ratelimit.enabled: false}) or the service has no Redis
 * client (no {@code redis.uri}): every request is {@link RateLimitDecision.Unchecked}. Not counted as a failure, and the health indicator
 * says {@code disabled}, since nothing failed.
 */
@Singleton
@Secondary
final class DisabledRateLimiter implements RateLimiter, RateLimiterState {

    DisabledRateLimiter() {
        LoggerFactory.getLogger(DisabledRateLimiter.class).warn("RATE LIMITING IS OFF: platform.ratelimit.enabled is "
                + "false or no Redis is configured (redis.uri); every request is admitted unchecked");
    }

    private static final CompletionStage<RateLimitDecision> UNCHECKED =
            CompletableFuture.completedStage(new RateLimitDecision.Unchecked());

    @Override
    public CompletionStage<RateLimitDecision> acquire(String bucketId, RateLimitPolicy policy) {
        return UNCHECKED;
    }

    @Override
    public Mode mode() {
        return Mode.DISABLED;
    }

    @Override
    public String lastFailure() {
        return null;
    }

    @Override
    public long uncheckedCount() {
        return 0;
    }
}
