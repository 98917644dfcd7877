package dev.polyledger.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.polyledger.audit.config.AuditProperties;
import dev.polyledger.audit.testing.AuditTestEnvironment;
import io.micronaut.context.ApplicationContext;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The {@code audit.*} settings as the worker binds them at start: application.yml's defaults, and a start that stops
 * on a value out of range, naming the setting.
 */
class ConfigurationIT {

    private static Map<String, Object> properties(Map<String, Object> overrides) {
        Map<String, Object> properties = new HashMap<>(AuditTestEnvironment.properties());
        properties.putAll(overrides);
        return properties;
    }

    @Test
    void theBatchDefaultsAreThoseOfTheReadmeAndDurationsBindInMicronautsNotation() {
        try (ApplicationContext context = ApplicationContext.run(properties(Map.of()), "test")) {
            AuditProperties.Consumer consumer = context.getBean(AuditProperties.class).consumer();

            assertThat(consumer.count()).isEqualTo(1);
            assertThat(consumer.batch()).isEqualTo(new AuditProperties.Consumer.Batch(100, Duration.ofMillis(100)));
            assertThat(consumer.retry()).as("application-test.yml's 200ms and 1s")
                    .isEqualTo(new AuditProperties.Consumer.Retry(Duration.ofMillis(200), Duration.ofSeconds(1)));
        }
    }

    @Test
    void aBatchLargerThanThePrefetchStopsTheStartNamingTheSetting() {
        assertThatThrownBy(() -> ApplicationContext.run(properties(Map.of("audit.consumer.batch.size", "251")), "test").close())
                .hasStackTraceContaining("size")
                .hasStackTraceContaining("must be less than or equal to 250");
    }

    @Test
    void aBatchWaitOverTenSecondsStopsTheStartNamingTheSetting() {
        assertThatThrownBy(() -> ApplicationContext.run(properties(Map.of("audit.consumer.batch.max-wait", "11s")), "test")
                .close())
                .hasStackTraceContaining("audit.consumer.batch.max-wait (AUDIT_BATCH_WAIT) must be 0..10s");
    }

    @Test
    void aBackOffBoundBelowItsStartStopsTheStart() {
        assertThatThrownBy(() -> ApplicationContext.run(properties(Map.of(
                "audit.consumer.retry.initial-backoff", "5s", "audit.consumer.retry.max-backoff", "1s")), "test").close())
                .hasStackTraceContaining("need 0 < initial <= max");
    }
}
