package dev.polyledger.notification.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class RetryScheduleTest {
    private static final RetrySchedule DEFAULT = new RetrySchedule(List.of(Duration.ofSeconds(5), Duration.ofMinutes(5),
            Duration.ofMinutes(30), Duration.ofHours(2), Duration.ofHours(5), Duration.ofHours(10), Duration.ofHours(10)));

    @Test
    void makesOneAttemptMoreThanItHasDelays() {
        assertThat(DEFAULT.maxAttempts()).isEqualTo(8);
    }

    @Test
    void refusesZeroAndNegativeWaits() {
        assertThatThrownBy(() -> new RetrySchedule(List.of(Duration.ofSeconds(1), Duration.ZERO)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("> 0");
        assertThatThrownBy(() -> new RetrySchedule(List.of(Duration.ofSeconds(-1))))
                .isInstanceOf(IllegalArgumentException.class);
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
        assertThat(new RetrySchedule(List.of()).maxAttempts()).isEqualTo(1);
    }
}
