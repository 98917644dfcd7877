package dev.polyledger.notification.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class RetryScheduleTest {
    private static final RetrySchedule DEFAULT = RetrySchedule.parse(RetrySchedule.DEFAULT);

    @Test
    void theDefaultIsTheStandardWebhooksScheduleOfEightAttempts() {
        assertThat(DEFAULT.delays()).containsExactly(Duration.ofSeconds(5), Duration.ofMinutes(5),
                Duration.ofMinutes(30), Duration.ofHours(2), Duration.ofHours(5), Duration.ofHours(10),
                Duration.ofHours(10));
        assertThat(DEFAULT.maxAttempts()).isEqualTo(8);
    }

    @Test
    void parsesMillisecondsAndDays() {
        assertThat(RetrySchedule.parse("100ms, 200ms,1d").delays())
                .isEqualTo(List.of(Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofDays(1)));
    }

    @Test
    void refusesUnitsItDoesNotKnowAndZeroWaits() {
        assertThatThrownBy(() -> RetrySchedule.parse("5x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RetrySchedule.parse("s")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RetrySchedule.parse("0s")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void waitsTheScheduledDelayAfterEachFailedAttemptWithoutJitterAtZero() {
        assertThat(DEFAULT.nextDelay(1, null, () -> 0.0)).isEqualTo(Duration.ofSeconds(5));
        assertThat(DEFAULT.nextDelay(2, null, () -> 0.0)).isEqualTo(Duration.ofMinutes(5));
        assertThat(DEFAULT.nextDelay(7, null, () -> 0.0)).isEqualTo(Duration.ofHours(10));
    }

    @Test
    void addsAtMostTwentyPercentJitter() {
        assertThat(DEFAULT.nextDelay(1, null, () -> 0.999)).isBetween(Duration.ofSeconds(5), Duration.ofSeconds(6));
        assertThat(DEFAULT.nextDelay(1, null, () -> 0.5)).isEqualTo(Duration.ofMillis(5500));
    }

    @Test
    void honoursALongerRetryAfterOnly() {
        assertThat(DEFAULT.nextDelay(1, Duration.ofSeconds(60), () -> 0.0)).isEqualTo(Duration.ofSeconds(60));
        assertThat(DEFAULT.nextDelay(1, Duration.ofSeconds(1), () -> 0.0)).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void hasNoNextAttemptAfterTheLast() {
        assertThat(DEFAULT.nextDelay(8, null, () -> 0.0)).isNull();
        assertThat(RetrySchedule.parse("").maxAttempts()).isEqualTo(1);
    }
}
