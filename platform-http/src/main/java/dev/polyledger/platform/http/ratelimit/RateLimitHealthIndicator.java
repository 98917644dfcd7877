package dev.polyledger.platform.http.ratelimit;

import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.Map;
import org.reactivestreams.Publisher;

/**
 * {@code /health} component {@code ratelimit}: always {@code UP}, with details {@code mode} ({@code enforcing},
 * {@code fail-open} while the last check could not reach Redis, or {@code disabled}), {@code uncheckedRequests}
 * and, when failing open, {@code lastFailure} (an exception class name; never an address, a key or a URI).
 *
 * <p>It never reports DOWN: money safety never depends on Redis (balances, idempotency and tenancy are guarded by
 * PostgreSQL), and a node that fails open still serves correctly, only without throttling. Turning the node DOWN or
 * unready would let a Redis outage take the whole API out of the load balancer — a far worse outcome than admitting
 * unthrottled traffic for a while. The outage is made visible here and in {@code platform.ratelimit.unchecked}.
 */
@Singleton
final class RateLimitHealthIndicator implements HealthIndicator {

    static final String NAME = "ratelimit";

    private final RateLimiter limiter;

    RateLimitHealthIndicator(RateLimiter limiter) {
        this.limiter = limiter;
    }

    @Override
    public Publisher<HealthResult> getResult() {
        return Publishers.just(result());
    }

    HealthResult result() {
        Map<String, Object> details = new LinkedHashMap<>();
        if (limiter instanceof RateLimiterState state) {
            details.put("mode", state.mode().label());
            details.put("uncheckedRequests", state.uncheckedCount());
            if (state.lastFailure() != null) {
                details.put("lastFailure", state.lastFailure());
            }
        } else {
            details.put("mode", "unknown");
        }
        return HealthResult.builder(NAME, HealthStatus.UP).details(details).build();
    }
}
