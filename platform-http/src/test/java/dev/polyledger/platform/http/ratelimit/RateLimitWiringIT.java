package dev.polyledger.platform.http.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.ApplicationContext;
import io.micronaut.management.health.indicator.HealthIndicator;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * How a service gets its limiter from configuration: a Micronaut context (no HTTP server) on the real local Redis,
 * under a key prefix of its own.
 */
class RateLimitWiringIT {
    private static final String REDIS = System.getenv().getOrDefault("PLATFORM_TEST_REDIS_URI", "redis://127.0.0.1:6379");

    private final String prefix = "test:ratelimit:" + UUID.randomUUID() + ":";

    @Test
    void aServiceWithRedisGetsTheRedisLimiterWithTheDocumentedDefaults() {
        try (var context = ApplicationContext.run(properties(Map.of()))) {
            var config = context.getBean(RateLimitConfiguration.class);
            assertThat(config.enabled()).isTrue();
            assertThat(config.timeout()).isEqualTo(Duration.ofMillis(200));
            assertThat(config.reconnectEvery()).isEqualTo(Duration.ofSeconds(2));
            assertThat(config.pauseAfterFailure()).isEqualTo(Duration.ofSeconds(1));
            assertThat(context.getBean(RateLimiter.class)).isInstanceOf(RedisRateLimiter.class);
            assertThat(context.getBeansOfType(HealthIndicator.class)).hasAtLeastOneElementOfType(RateLimitHealthIndicator.class);
            assertThat(context.getBean(MeterRegistry.class).find("platform.ratelimit.unchecked").counter()).isNotNull();
        }
    }

    @Test
    void aServiceThatSwitchesLimitingOffAdmitsEveryRequestUncheckedAndSaysSo() {
        try (var context = ApplicationContext.run(properties(Map.of("platform.ratelimit.enabled", "false")))) {
            var limiter = context.getBean(RateLimiter.class);

            assertThat(limiter).isInstanceOf(DisabledRateLimiter.class);
            assertThat(limiter.tryAcquire("any", new RateLimitPolicy(1, 1))).isInstanceOf(RateLimitDecision.Unchecked.class);
            assertThat(limiter.tryAcquire("any", new RateLimitPolicy(1, 1))).isInstanceOf(RateLimitDecision.Unchecked.class);
            var health = context.getBean(RateLimitHealthIndicator.class).result();
            assertThat(((Map<?, ?>) health.getDetails()).get("mode")).isEqualTo("disabled");
        }
    }

    @Test
    void aServiceWithoutRedisConfigurationGetsTheDisabledLimiter() {
        Map<String, Object> properties = properties(Map.of());
        properties.remove("redis.uri");
        properties.remove("redis.health.enabled");
        try (var context = ApplicationContext.run(properties)) {
            assertThat(context.getBean(RateLimiter.class)).isInstanceOf(DisabledRateLimiter.class);
        }
    }

    @Test
    void refusesToStartWithAnEmptyKeyPrefixOrATimeoutOverOneSecond() {
        try (var context = ApplicationContext.run(properties(Map.of("platform.ratelimit.key-prefix", "")))) {
            assertThatThrownBy(() -> context.getBean(RateLimiter.class)).hasStackTraceContaining("keyPrefix");
        }
        try (var context = ApplicationContext.run(properties(Map.of("platform.ratelimit.timeout", "5s")))) {
            assertThatThrownBy(() -> context.getBean(RateLimiter.class)).hasStackTraceContaining("timeout");
        }
    }

    private Map<String, Object> properties(Map<String, Object> overrides) {
        Map<String, Object> properties = new HashMap<>();
        properties.put("redis.uri", REDIS);
        properties.put("redis.health.enabled", "false");
        properties.put("platform.auth.enabled", "false");
        properties.put("platform.auth.bootstrap-rate-limit", "0");
        properties.put("platform.ratelimit.key-prefix", prefix);
        properties.putAll(overrides);
        return properties;
    }
}
