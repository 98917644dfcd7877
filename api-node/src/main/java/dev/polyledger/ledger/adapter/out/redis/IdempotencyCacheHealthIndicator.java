package dev.polyledger.ledger.adapter.out.redis;

import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.AbstractHealthIndicator;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code idempotencyCache} in {@code /health}: {@code UP} when Redis answers a PING; otherwise
 * {@code DEGRADED}, which is operational (HTTP 200): the node keeps every guarantee from PostgreSQL alone,
 * only replays and the in-flight lock are slower or absent. Redis must not take the API down.
 */
@Singleton
class IdempotencyCacheHealthIndicator extends AbstractHealthIndicator<Map<String, Object>> {
    static final HealthStatus DEGRADED = new HealthStatus("DEGRADED",
            "idempotency cache unavailable; PostgreSQL serves replays", true, null);

    private final RedisConnections redis;

    IdempotencyCacheHealthIndicator(RedisConnections redis) {
        this.redis = redis;
    }

    @Override
    protected Map<String, Object> getHealthInformation() {
        var details = new LinkedHashMap<String, Object>();
        boolean up = redis.commands().map(commands -> {
            try {
                boolean pong = "PONG".equals(commands.ping());
                redis.reportSuccess();
                return pong;
            } catch (RuntimeException e) {
                redis.reportFailure(e);
                return false;
            }
        }).orElse(false);
        healthStatus = up ? HealthStatus.UP : DEGRADED;
        details.put("role", "cache and in-flight lock; PostgreSQL is the source of truth");
        if (!up) {
            // Not the failure itself (an exception class and Redis's address; RedisConnections logs it): /health is
            // public through the entry point.
            details.put("error", "Redis did not answer");
        }
        return details;
    }

    @Override
    protected String getName() {
        return "idempotencyCache";
    }
}
