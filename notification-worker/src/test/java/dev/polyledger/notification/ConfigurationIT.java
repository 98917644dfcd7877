package dev.polyledger.notification;

import dev.polyledger.notification.testing.NotificationTestEnvironment;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.polyledger.notification.application.service.DispatchSettings;
import dev.polyledger.notification.application.service.SecretRotation;
import io.micronaut.context.ApplicationContext;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The {@code notification.*} settings as the worker binds them at start: application.yml's defaults, durations and
 * lists of durations in Micronaut's notation, and a start that stops on a value out of range.
 */
class ConfigurationIT {

    private static Map<String, Object> properties(Map<String, Object> overrides) {
        Map<String, Object> properties = new HashMap<>(NotificationTestEnvironment.properties("notification_it_config"));
        properties.putAll(overrides);
        return properties;
    }

    @Test
    void theDefaultsAreThoseOfTheReadme() {
        try (ApplicationContext context = ApplicationContext.run(properties(Map.of()), "test")) {
            DispatchSettings settings = context.getBean(DispatchSettings.class);

            assertThat(settings.schedule().delays()).containsExactly(Duration.ofSeconds(5), Duration.ofMinutes(5),
                    Duration.ofMinutes(30), Duration.ofHours(2), Duration.ofHours(5), Duration.ofHours(10),
                    Duration.ofHours(10));
            assertThat(settings.timeout()).isEqualTo(Duration.ofSeconds(5));
            assertThat(settings.maxInFlight()).isEqualTo(64);
            assertThat(settings.maxInFlightPerSubscription()).isEqualTo(4);
            assertThat(context.getBean(SecretRotation.class).overlap()).isEqualTo(Duration.ofHours(24));
        }
    }

    @Test
    void aRetryScheduleIsACommaSeparatedListOfDurations() {
        var schedule = Map.<String, Object>of("notification.retry.schedule", "100ms, 2m,1d",
                "notification.delivery.max-in-flight", "8");
        try (ApplicationContext context = ApplicationContext.run(properties(schedule), "test")) {
            DispatchSettings settings = context.getBean(DispatchSettings.class);

            assertThat(settings.schedule().delays())
                    .isEqualTo(List.of(Duration.ofMillis(100), Duration.ofMinutes(2), Duration.ofDays(1)));
            assertThat(settings.maxInFlight()).isEqualTo(8);
        }
    }

    @Test
    void anInFlightLimitBelowOneStopsTheStartNamingTheSetting() {
        assertThatThrownBy(() -> ApplicationContext.run(
                properties(Map.of("notification.delivery.max-in-flight", "0")), "test").close())
                .hasStackTraceContaining("maxInFlight")
                .hasStackTraceContaining("must be greater than or equal to 1");
    }

    @Test
    void aZeroRetryDelayStopsTheStart() {
        assertThatThrownBy(() -> ApplicationContext.run(
                properties(Map.of("notification.retry.schedule", "5s,0s")), "test").close())
                .hasStackTraceContaining("retry delays must be > 0");
    }

    @Test
    void aRetryDelayThatIsNotADurationStopsTheStart() {
        assertThatThrownBy(() -> ApplicationContext.run(
                properties(Map.of("notification.retry.schedule", "5s,soon")), "test").close())
                .hasStackTraceContaining("notification.retry.schedule (NOTIFICATION_RETRY_SCHEDULE) must be durations")
                .hasStackTraceContaining("'5s,soon' holds 1 that are not");
    }
}
